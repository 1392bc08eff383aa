/*
 * The room view on the projector (dialoog/server/workshop.py): the join code and QR code on the
 * left, always; on the right what the room looks at now: the open question with its answers and
 * their words, the group's radar, or what the room waits for. It fills the screen and never
 * scrolls: everything is sized from the window's height (at 1080 px no text under 28 px), and
 * what does not fit (the oldest answers, the rarest words) is left off, not cut.
 *
 * It asks the server every second; the server answers from a cache until the session changes.
 * Every text is put in the page as text, never as HTML; the charts are drawn here as SVG.
 */
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("dialoog-config").textContent);
  var wall = document.getElementById("wall");
  var SVG = "http://www.w3.org/2000/svg";
  var POLL_MS = 1000;
  var lang = config.lang;
  var state = null;
  var seen = "";
  var M = {};

  function t(key, params) {
    return dialoogCommon.fill(M[key] || key, params);
  }

  var el = dialoogCommon.el;

  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function px(atTenEighty) { // a size given for a 1080 px high screen, for this screen
    return Math.max(atTenEighty * window.innerHeight / 1080, atTenEighty * 0.55);
  }

  function secondsLeft(iso) {
    if (!iso) return null;
    return Math.max(0, Math.ceil((Date.parse(iso) - Date.now()) / 1000));
  }

  function minutes(seconds) {
    return Math.floor(seconds / 60) + ":" + ("0" + (seconds % 60)).slice(-2);
  }

  /* ---- asking the server ----------------------------------------------------- */

  function poll() {
    var url = config.api + "?zaal=" + encodeURIComponent(config.key) + "&lang=" + lang;
    fetch(url, { credentials: "same-origin" }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (answer) {
      if (!answer.ok) { denied(answer.data.error); return; }
      var data = answer.data;
      if (!config.chosen && data.language && data.language !== lang) {
        config.chosen = true; // from now on the room's own switch decides
        lang = data.language;
        poll();
        return;
      }
      var key = JSON.stringify([data.revision, data.lang, data.question && data.question.count]);
      state = data;
      M = data.messages || M;
      if (key !== seen) { seen = key; draw(); }
    }, function () { /* the next second tries again */ });
  }

  function denied(key) {
    if (key !== "ws.error.room_denied" && key !== "ws.error.access_denied") return;
    wall.textContent = "";
    wall.appendChild(el("p", { className: "ws-wall-denied", role: "alert",
                               text: (config.denied.nl || "") + " / " + (config.denied.en || "") }));
    window.clearInterval(timer);
  }

  /* ---- drawing ---------------------------------------------------------------- */

  function draw() {
    if (!state) return;
    document.documentElement.lang = lang;
    document.title = state.title;
    wall.textContent = "";
    var switcher = el("div", { className: "ws-wall-lang", role: "group", "aria-label": "Taal / Language" },
      ["nl", "en"].map(function (l) {
        return el("button", { type: "button", lang: l, "aria-pressed": String(l === lang), text: l.toUpperCase(),
                              onclick: function () { lang = l; config.chosen = true; seen = ""; poll(); } });
      }));
    wall.appendChild(el("header", { className: "ws-wall-top" }, [
      el("h1", { className: "ws-wall-title", text: state.title }), switcher,
    ]));
    wall.appendChild(side());
    var stage = el("main", { className: "ws-wall-stage" });
    wall.appendChild(stage);
    var question = state.question;
    var results = state.results;
    if (question && question.open) drawQuestion(stage, question);
    else if (results && results.enough && results.radar) drawRadar(stage, results);
    else if (question) drawQuestion(stage, question);
    else drawWaiting(stage, results);
    fit(wall.querySelector(".ws-wall-code"));
    tick();
  }

  function fit(node) { // the join code on one line, as large as the column allows
    if (!node) return;
    var size = parseFloat(window.getComputedStyle(node).fontSize);
    while (node.scrollWidth > node.clientWidth + 1 && size > 12) {
      size *= 0.95;
      node.style.fontSize = size.toFixed(1) + "px";
    }
  }

  function side() {
    var box = el("aside", { className: "ws-wall-side" });
    if (state.open) {
      box.appendChild(el("p", { className: "ws-wall-label", text: t("ws.room.join") }));
      box.appendChild(el("p", { className: "ws-wall-code", text: state.code }));
      box.appendChild(el("img", { className: "ws-wall-qr", src: state.qr,
                                  alt: t("ws.room.qr_alt", { link: state.join_link }) }));
      box.appendChild(el("p", { className: "ws-wall-link", text: state.join_link }));
    } else {
      box.appendChild(el("p", { className: "ws-wall-closed",
                                text: state.timed_out ? t("ws.room.time_up") : t("ws.room.closed") }));
    }
    box.appendChild(el("p", { className: "ws-wall-count" }, [
      el("b", { text: String(state.joined) }), el("span", { text: " " + t("ws.room.joined") })]));
    box.appendChild(el("p", { className: "ws-wall-count" }, [
      el("b", { text: String(state.submitted) }), el("span", { text: " " + t("ws.room.submitted") })]));
    box.appendChild(el("p", { className: "ws-wall-clock", role: "timer", "aria-live": "off" }));
    return box;
  }

  function drawWaiting(stage, results) {
    var text = results ? t("ws.room.too_few", { minimum: results.minimum, count: results.submitted })
                       : t("ws.room.waiting");
    stage.appendChild(el("p", { className: "ws-wall-waiting", text: text }));
  }

  function drawQuestion(stage, question) {
    var meta = t("ws.room.answers", { count: question.count }) + (question.open ? "" : " · " + t("ws.room.question_closed"));
    stage.appendChild(el("h2", { className: "ws-wall-question", text: question.text }));
    stage.appendChild(el("p", { className: "ws-wall-qmeta" }, [
      el("span", { text: meta }), el("span", { className: "ws-wall-qclock", role: "timer", "aria-live": "off" }),
    ]));
    var body = el("div", { className: "ws-wall-answers" });
    stage.appendChild(body);
    var cloud = el("div", { className: "ws-wall-cloud", role: "img",
                            "aria-label": t("ws.room.cloud_alt", { words: question.words.slice(0, 12).map(function (w) { return w[0]; }).join(", ") }) });
    var most = question.words.length ? question.words[0][1] : 1;
    question.words.forEach(function (pair) {
      var size = 28 + 52 * (pair[1] - 1) / Math.max(most - 1, 1);
      cloud.appendChild(el("span", { className: "ws-word", style: "font-size:" + px(size).toFixed(1) + "px", text: pair[0] }));
    });
    var list = el("ul", { className: "ws-wall-list" }, question.answers.map(function (text) {
      return el("li", { text: text });
    }));
    if (question.words.length) body.appendChild(cloud);
    body.appendChild(list);
    // what does not fit is left off: the oldest answers first, then the rarest words
    while (list.lastChild && list.scrollHeight > list.clientHeight + 1) list.removeChild(list.lastChild);
    while (cloud.lastChild && cloud.scrollHeight > cloud.clientHeight + 1) cloud.removeChild(cloud.lastChild);
  }

  function wrap(text, width) { // a label in lines of about `width` characters
    var lines = [];
    var line = "";
    text.split(/\s+/).forEach(function (word) {
      if (line && (line + " " + word).length > width) { lines.push(line); line = word; }
      else line = line ? line + " " + word : word;
    });
    if (line) lines.push(line);
    return lines;
  }

  function drawRadar(stage, results) {
    var holder = el("div", { className: "ws-wall-radar" });
    var legend = el("p", { className: "ws-wall-legend" });
    var note = results.differ.length
      ? el("p", { className: "ws-wall-note", text: t("ws.room.differ", { elements: results.differ.join(", ") }) })
      : null;
    stage.appendChild(el("h2", { className: "ws-wall-heading", text: t("ws.room.results") }));
    stage.appendChild(holder);
    stage.appendChild(legend);
    if (note) stage.appendChild(note);
    var box = holder.getBoundingClientRect();
    var width = Math.max(box.width, 200);
    var height = Math.max(box.height, 200);
    var font = px(28);
    var axes = results.radar;
    var count = axes.length;
    var labels = axes.map(function (axis) { return wrap(axis.label, 16); });
    var widest = Math.max.apply(null, labels.map(function (ls) {
      return Math.max.apply(null, ls.map(function (l) { return l.length; }));
    }));
    var labelWidth = widest * font * 0.55;
    var lineHeight = font * 1.15;
    var radius = Math.max(40, Math.min((width - 2 * labelWidth - 2 * font) / 2,
                                      (height - 2 * 3 * lineHeight - font) / 2));
    var cx = width / 2;
    var cy = height / 2;
    var chart = svg("svg", { width: width, height: height, viewBox: "0 0 " + width + " " + height,
                             role: "img", "aria-label": t("ws.room.radar_alt") });
    function point(index, value) {
      var angle = -Math.PI / 2 + 2 * Math.PI * index / count;
      var r = radius * Math.max(0, Math.min(100, value || 0)) / 100;
      return [cx + r * Math.cos(angle), cy + r * Math.sin(angle)];
    }
    [25, 50, 75, 100].forEach(function (ring) {
      chart.appendChild(svg("polygon", { points: axes.map(function (_a, i) { return point(i, ring).join(","); }).join(" "),
                                         fill: "none", stroke: "#c8c8c8", "stroke-width": 1.5 }));
    });
    axes.forEach(function (_a, i) {
      var end = point(i, 100);
      chart.appendChild(svg("line", { x1: cx, y1: cy, x2: end[0], y2: end[1], stroke: "#c8c8c8", "stroke-width": 1.5 }));
    });
    if (results.threshold !== null && results.threshold !== undefined) {
      chart.appendChild(svg("polygon", { points: axes.map(function (_a, i) { return point(i, results.threshold).join(","); }).join(" "),
                                         fill: "none", stroke: "#555", "stroke-width": 2, "stroke-dasharray": "8 6" }));
    }
    var band = axes.map(function (a, i) { return point(i, a.q3); }).concat(
      axes.map(function (a, i) { return point(i, a.q1); }).reverse());
    chart.appendChild(svg("polygon", { points: band.map(function (p) { return p.join(","); }).join(" "),
                                       fill: "#0072B2", "fill-opacity": 0.18, stroke: "none", "fill-rule": "evenodd" }));
    chart.appendChild(svg("polygon", { points: axes.map(function (a, i) { return point(i, a.median).join(","); }).join(" "),
                                       fill: "none", stroke: "#0072B2", "stroke-width": 4 }));
    axes.forEach(function (a, i) {
      var p = point(i, a.median);
      chart.appendChild(svg("circle", { cx: p[0], cy: p[1], r: 6, fill: "#0072B2" }));
    });
    axes.forEach(function (axis, i) {
      var angle = -Math.PI / 2 + 2 * Math.PI * i / count;
      var x = cx + (radius + font * 0.7) * Math.cos(angle);
      var y = cy + (radius + font * 0.7) * Math.sin(angle);
      var cos = Math.cos(angle);
      var anchor = Math.abs(cos) < 0.2 ? "middle" : cos > 0 ? "start" : "end";
      var lines = labels[i];
      var top = y - (Math.sin(angle) < -0.2 ? lines.length - 0.8 : Math.sin(angle) > 0.2 ? -0.8 : (lines.length - 1) / 2 - 0.35) * lineHeight;
      var text = svg("text", { x: x, y: top, "text-anchor": anchor, "font-size": font.toFixed(1),
                               "font-weight": axis.differ ? "700" : "400", fill: axis.differ ? "#B34700" : "#1a1a1a",
                               class: "ws-axis-label" });
      lines.forEach(function (line, n) {
        text.appendChild(svg("tspan", { x: x, dy: n ? lineHeight.toFixed(1) : "0" }, line));
      });
      chart.appendChild(text);
    });
    holder.appendChild(chart);
    legend.appendChild(el("span", { className: "ws-key ws-key-median", text: t("ws.room.median") }));
    legend.appendChild(el("span", { className: "ws-key ws-key-band", text: t("ws.room.band") }));
    if (results.threshold !== null && results.threshold !== undefined) {
      legend.appendChild(el("span", { className: "ws-key ws-key-threshold", text: t("ws.room.threshold", { value: results.threshold }) }));
    }
  }

  function tick() {
    if (!state) return;
    var clockBox = wall.querySelector(".ws-wall-clock");
    var left = secondsLeft(state.ends_at);
    if (clockBox) {
      clockBox.textContent = left === null ? "" : left > 0 ? t("ws.timer.left") + " " + minutes(left) : t("ws.room.time_up");
    }
    var qclock = wall.querySelector(".ws-wall-qclock");
    if (qclock && state.question) {
      var qleft = secondsLeft(state.question.ends_at);
      qclock.textContent = qleft === null ? "" : qleft > 0 ? " · " + t("ws.timer.left") + " " + minutes(qleft) : " · " + t("ws.room.time_up");
    }
  }

  var resizing = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizing);
    resizing = window.setTimeout(draw, 150);
  });
  window.setInterval(tick, 500);
  var timer = window.setInterval(poll, POLL_MS);
  poll();
})();
