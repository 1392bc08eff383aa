/*
 * dialoog page script (inlined into every page by the "dialoog" Voilà template).
 *
 * (a) URL token sync: the kernel shows <span class="dialoog-token" data-token="...">.
 *     We copy the token into the URL (?werkboek=<token>, other params kept) with
 *     history.replaceState, so a reload of the page reopens the same workbook.
 * (b) Upload size guard: a file input whose chosen file is larger than the limit
 *     (data-max-bytes on .dialoog-upload-limit, else 64 MiB) gets its change event
 *     stopped before the widget reads the file, and an inline, dismissable message
 *     is shown (never window.alert). Without this, a too-large upload would exceed
 *     the server's websocket message limit and silently kill the kernel connection.
 * (c) One-click downloads: a link <a data-autostart="N" download="..."> that appears (or whose
 *     N changes) is clicked once, so the button that built the file also starts its download.
 * (d) Page title: the browser tab shows the page's own title (<h1 data-page-title>), not
 *     the notebook's file name; the page on show (<span class="dialoog-page" data-page>) is
 *     kept in the address (?pagina=…), so a reload returns to it.
 * (e) Lost connection: when the kernel's websocket closes (the kernel was stopped, culled or
 *     killed, or the network dropped), a banner says at once that what is typed now is not
 *     saved, with a reload button, instead of the page still saying "saved".
 * (g) Countdowns: <span class="dialoog-countdown" data-ends="ISO time"> shows the minutes and
 *     seconds left, ticking in the page (the kernel only says when the round ends).
 * (h) Answer scales as radio groups: the answer buttons of a statement (.dialoog-scale) are
 *     announced as a radio group named after its statement, each button says whether it is
 *     chosen (aria-checked), only the chosen (or first) button is a Tab stop, arrow keys move
 *     and choose within the group, Delete clears it. So a statement takes two key presses:
 *     Tab to the group, an arrow to the answer. After "Volgende" in step 0, focus goes to the
 *     first statement of the next element instead of staying at the bottom.
 * (k) Heartbeat: the page tells the server every few seconds that it is still there
 *     (POST dialoog/api/heartbeat/<kernel id>). The server keeps a kernel as long as its page
 *     is heard from and counts only such pages as present; the beat runs in a small worker,
 *     whose timer a browser does not slow down in a background tab. When the server no longer
 *     knows the kernel (404), the page says its connection is gone.
 * (m) Keyboard paths: a skip link ("Naar de inhoud") is the page's first Tab stop and moves
 *     the focus to the heading of the page on show; after choosing a page (the side menu,
 *     Previous/Next, a step opened from the overview) the focus goes to that page's heading, on
 *     every width; the element buttons of step 0 are one Tab stop (a tab list: arrows move).
 *     A focus move still waiting for its page is dropped once the person presses a key or the
 *     pointer: it never takes the focus from, or scrolls the page under, someone who moved on.
 * (l) Copy buttons: <button class="dialoog-copy" data-copy="id" data-done="Gekopieerd"> copies
 *     the text of the element with that id (a link's address) and says so for a moment.
 * (f) Closed tabs free their kernel: Voilà's page asks the server to stop its kernel on
 *     unload, sending the value of the `_xsrf` cookie; the rendered page never sets that
 *     cookie, so the request was refused and every closed tab kept a kernel (polling the
 *     store, counted as "open" by colleagues) until culled. A same-origin double-submit
 *     token (random, set here when absent) makes that request pass the XSRF check.
 */
(function () {
  "use strict";

  var TOKEN_RE = /^[A-Za-z0-9_-]{16,64}$/;
  var TOKEN_PARAM = "werkboek";
  var DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
  var MESSAGE_ID = "dialoog-upload-message";

  /* ---- (f) closed tabs free their kernel -------------------------------- */

  (function ensureXsrfCookie() {
    if (/(^|;\s*)_xsrf=/.test(document.cookie) || !window.crypto) return;
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    var hex = "";
    for (var i = 0; i < bytes.length; i++) hex += ("0" + bytes[i].toString(16)).slice(-2);
    document.cookie = "_xsrf=" + hex + "; path=/; SameSite=Strict";
  })();

  /* ---- (k) heartbeat --------------------------------------------------- */

  var HEARTBEAT_MS = 5000;

  function pageConfig() {
    var node = document.getElementById("jupyter-config-data");
    if (!node) return null;
    try { return JSON.parse(node.textContent); } catch (e) { return null; }
  }

  function cookie(name) {
    var match = document.cookie.match(new RegExp("(?:^|;\\s*)" + name + "=([^;]*)"));
    return match ? decodeURIComponent(match[1]) : "";
  }

  var BEAT_WORKER =
    "var timer = null;" +
    "function beat(url, token) {" +
    "  fetch(url, {method: 'POST', headers: {'X-XSRFToken': token}, credentials: 'same-origin'})" +
    "    .then(function (r) { if (r.status === 404) { clearInterval(timer); postMessage('gone'); } }," +
    "          function () {});" +
    "}" +
    "onmessage = function (e) {" +
    "  var d = e.data; beat(d.url, d.token);" +
    "  timer = setInterval(function () { beat(d.url, d.token); }, d.every);" +
    "};";

  function startHeartbeat() {
    var config = pageConfig();
    if (!config || !/^[0-9a-f-]{36}$/.test(config.kernelId || "")) return;
    var base = String(config.baseUrl || "/").replace(/\/?$/, "/");
    var url = new URL(base + "dialoog/api/heartbeat/" + config.kernelId, window.location.href).href;
    var message = { url: url, token: cookie("_xsrf"), every: HEARTBEAT_MS };
    try {
      var worker = new Worker(URL.createObjectURL(new Blob([BEAT_WORKER], { type: "text/javascript" })));
      worker.onmessage = function () { showLost(); };
      worker.postMessage(message);
    } catch (e) {  // no workers: the page's own timer (slowed down in a background tab)
      var beat = function () {
        fetch(url, { method: "POST", headers: { "X-XSRFToken": message.token } })
          .then(function (r) { if (r.status === 404) { window.clearInterval(timer); showLost(); } },
                function () {});
      };
      var timer = window.setInterval(beat, HEARTBEAT_MS);
      beat();
    }
  }

  /* ---- (l) copy buttons ------------------------------------------------- */

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {  // plain http: the older way
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.cssText = "position:fixed;top:-10em;opacity:0";
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand("copy");
      area.remove();
      (ok ? resolve : reject)();
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.dialoog-copy[data-copy]");
    if (!button) return;
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source) return;
    var label = button.getAttribute("data-label") || button.textContent;
    button.setAttribute("data-label", label);
    copyText(source.textContent).then(function () {
      button.textContent = "✓ " + (button.getAttribute("data-done") || label);
      button.setAttribute("aria-live", "polite");
      window.setTimeout(function () { button.textContent = label; }, 2500);
    }, function () {
      var range = document.createRange();  // could not copy: select it, for Ctrl+C
      range.selectNodeContents(source);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    });
  });

  /* ---- (a) URL token sync ---------------------------------------------- */

  function syncToken() {
    var nodes = document.querySelectorAll(".dialoog-token[data-token]");
    if (!nodes.length) return;
    var token = nodes[nodes.length - 1].getAttribute("data-token") || "";
    if (!TOKEN_RE.test(token)) return; // never put unvalidated text in the URL
    var url = new URL(window.location.href);
    if (url.searchParams.get(TOKEN_PARAM) === token) return;
    url.searchParams.set(TOKEN_PARAM, token);
    window.history.replaceState(window.history.state, "", url.toString());
  }

  /* ---- (c) one-click downloads, (d) page title --------------------------- */

  var started = new WeakMap();

  function startDownloads() {
    var links = document.querySelectorAll("a.dialoog-download-link[data-autostart]");
    for (var i = 0; i < links.length; i++) {
      var link = links[i];
      var serial = link.getAttribute("data-autostart");
      if (started.get(link) === serial) continue;
      started.set(link, serial);
      link.click();
    }
  }

  function syncTitle() {
    var heading = document.querySelector("[data-page-title]");
    if (!heading) return;
    var title = heading.getAttribute("data-page-title") || "";
    if (title && document.title !== title) document.title = title;
  }

  function syncPage() {
    var nodes = document.querySelectorAll(".dialoog-page[data-page]");
    if (!nodes.length) return;
    var page = nodes[nodes.length - 1].getAttribute("data-page") || "";
    if (!/^[a-z0-9]{1,20}$/.test(page)) return;
    var url = new URL(window.location.href);
    if (url.searchParams.get("pagina") === page) return;
    url.searchParams.set("pagina", page);
    window.history.replaceState(window.history.state, "", url.toString());
  }

  // The facilitator's page keeps its facilitator link in its own address once a session is
  // open (<span class="dialoog-facilitator" data-secret>), so that a reload keeps control; an
  // empty secret (back to the start) takes it out again.
  function syncFacilitator() {
    var nodes = document.querySelectorAll(".dialoog-facilitator[data-secret]");
    if (!nodes.length) return;
    var secret = nodes[nodes.length - 1].getAttribute("data-secret") || "";
    var url = new URL(window.location.href);
    if (secret && !TOKEN_RE.test(secret)) return;
    if ((url.searchParams.get("beheer") || "") === secret) return;
    if (secret) url.searchParams.set("beheer", secret);
    else url.searchParams.delete("beheer");
    window.history.replaceState(window.history.state, "", url.toString());
  }

  function onChange() {
    syncToken();
    syncFacilitator();
    startDownloads();
    syncTitle();
    syncPage();
    tickCountdowns();
    radioGroups();
    elementTabs();
    skipLink();
    uploadLabels();
    menuState();
  }

  /* ---- (m) keyboard paths ------------------------------------------------- */

  var HEADINGS = ".dialoog-main .dialoog-step-title, .dialoog-main h2, .dialoog-main h3";
  var SKIP_TEXT = { nl: "Naar de inhoud", en: "Skip to content" };

  function currentPage() {
    var nodes = document.querySelectorAll(".dialoog-page[data-page]");
    return nodes.length ? nodes[nodes.length - 1].getAttribute("data-page") : "";
  }

  function pageHeading() {
    return firstVisible(HEADINGS) || firstVisible(".jp-OutputArea h2, .jp-OutputArea h1");
  }

  function focusHeading(heading) {
    heading.setAttribute("tabindex", "-1");
    heading.focus();
  }

  function skipLink() {
    var link = document.getElementById("dialoog-skip");
    if (!link) {
      link = document.createElement("a");
      link.id = "dialoog-skip";
      link.className = "dialoog-skip";
      link.href = "#";
      link.setAttribute("style", "position:absolute;left:-9999px;top:0.5em;z-index:1000;" +
        "background:#fff;color:#003d5e;padding:0.6em 1em;font-weight:600;min-height:44px;" +
        "box-sizing:border-box;border:2px solid #005a8c;border-radius:4px;");
      link.addEventListener("focus", function () { link.style.left = "0.5em"; });
      link.addEventListener("blur", function () { link.style.left = "-9999px"; });
      link.addEventListener("click", function (event) {
        event.preventDefault();
        whenFound(pageHeading, focusHeading, 10000);  // the page may still be drawing
      });
      document.body.insertBefore(link, document.body.firstChild);
    }
    var marker = document.querySelector(".dialoog-token[data-lang]");
    var lang = (marker && marker.getAttribute("data-lang")) || document.documentElement.lang;
    var text = SKIP_TEXT[lang] || SKIP_TEXT.nl;
    if (link.textContent !== text) link.textContent = text;
  }

  // The element buttons of step 0 (and the like): one Tab stop, the page on show; arrows move.
  function elementTabs() {
    var lists = document.querySelectorAll(".sa-element-nav");
    for (var i = 0; i < lists.length; i++) {
      var list = lists[i];
      if (list.getAttribute("role") !== "tablist") list.setAttribute("role", "tablist");
      var buttons = list.querySelectorAll("button");
      var current = -1;
      for (var j = 0; j < buttons.length; j++) {
        if (buttons[j].classList.contains("mod-info")) current = j;
      }
      for (var k = 0; k < buttons.length; k++) {
        var on = k === current || (current === -1 && k === 0);
        if (buttons[k].getAttribute("role") !== "tab") buttons[k].setAttribute("role", "tab");
        if (buttons[k].getAttribute("aria-selected") !== String(on)) {
          buttons[k].setAttribute("aria-selected", String(on));
        }
        var stop = on ? "0" : "-1";
        if (buttons[k].getAttribute("tabindex") !== stop) buttons[k].setAttribute("tabindex", stop);
      }
    }
  }

  document.addEventListener("keydown", function (event) {
    var tab = event.target;
    var list = tab.closest && tab.closest(".sa-element-nav[role='tablist']");
    if (!list || !(event.key in ARROWS || event.key === "Home" || event.key === "End")) return;
    var tabs = Array.prototype.slice.call(list.querySelectorAll("button"));
    var index = tabs.indexOf(tab);
    var next = event.key === "Home" ? 0 : event.key === "End" ? tabs.length - 1
      : (index + ARROWS[event.key] + tabs.length) % tabs.length;
    event.preventDefault();
    tabs[next].focus();
  });

  /* ---- (j) the phone menu button says whether the menu is open ------------ */

  // On a narrow screen the side menu folds away (app.css); its button tells screen readers
  // whether it is open and which part of the page it opens.
  function menuState() {
    var toggle = document.querySelector("button.dialoog-menu-toggle");
    var nav = document.querySelector(".dialoog-nav");
    if (!toggle || !nav) return;
    if (!nav.id) nav.id = "dialoog-nav";
    var open = nav.classList.contains("dialoog-nav-open") ? "true" : "false";
    if (toggle.getAttribute("aria-expanded") !== open) toggle.setAttribute("aria-expanded", open);
    if (toggle.getAttribute("aria-controls") !== nav.id) toggle.setAttribute("aria-controls", nav.id);
  }

  /* ---- (i) upload buttons without a file counter ------------------------- */

  // ipywidgets writes "Kies bestand (0)" on every upload button; the app empties the value
  // after reading a file, so the counter only ever says (0). Keep the label, drop the count.
  function uploadLabels() {
    var buttons = document.querySelectorAll(".widget-upload");
    for (var i = 0; i < buttons.length; i++) {
      var node = buttons[i].lastChild;
      if (node && node.nodeType === 3 && / \(\d+\)$/.test(node.nodeValue)) {
        node.nodeValue = node.nodeValue.replace(/ \(\d+\)$/, "");
      }
    }
  }

  /* ---- (e) lost connection ---------------------------------------------- */

  var LOST = {
    nl: ["De verbinding met de server is verbroken. Wat je nu typt, wordt niet bewaard. " +
         "Herlaad de pagina om verder te gaan; wat bewaard was, staat er dan weer.",
         "Pagina herladen"],
    en: ["The connection to the server has been lost. What you type now is not saved. " +
         "Reload the page to continue; what was saved will be back.", "Reload page"],
  };

  function pageLanguage() {
    var marker = document.querySelector(".dialoog-token[data-lang]");
    var lang = marker ? marker.getAttribute("data-lang") : "nl";
    return lang === "en" ? "en" : "nl";
  }

  function showLost() {
    if (document.getElementById("dialoog-connection-lost")) return;
    var text = LOST[pageLanguage()];
    var box = document.createElement("div");
    box.id = "dialoog-connection-lost";
    box.className = "dialoog-connection-lost";
    box.setAttribute("role", "alert");
    box.style.cssText =
      "position:fixed;top:0;left:0;right:0;z-index:10001;padding:0.8em 1em;" +
      "background:#7a0000;color:#fff;font-weight:600;display:flex;gap:1em;" +
      "align-items:center;flex-wrap:wrap;justify-content:center";
    var span = document.createElement("span");
    span.textContent = text[0];
    var reload = document.createElement("button");
    reload.type = "button";
    reload.textContent = text[1];
    reload.style.cssText = "font-weight:600;padding:0.3em 1em;cursor:pointer";
    reload.addEventListener("click", function () { window.location.reload(); });
    box.appendChild(span);
    box.appendChild(reload);
    document.body.appendChild(box);
    var saved = document.querySelectorAll(".dialoog-save-state");
    for (var i = 0; i < saved.length; i++) saved[i].textContent = "⚠ " + text[0].split(". ")[0] + ".";
  }

  var NativeWebSocket = window.WebSocket;
  if (NativeWebSocket) {
    var Watched = function (url, protocols) {
      var socket = protocols === undefined ? new NativeWebSocket(url) : new NativeWebSocket(url, protocols);
      if (/\/api\/kernels\/[^/]+\/channels/.test(String(url))) {
        var opened = false;
        socket.addEventListener("open", function () { opened = true; });
        socket.addEventListener("close", function () { if (opened) showLost(); });
      }
      return socket;
    };
    Watched.prototype = NativeWebSocket.prototype;
    ["CONNECTING", "OPEN", "CLOSING", "CLOSED"].forEach(function (k) { Watched[k] = NativeWebSocket[k]; });
    window.WebSocket = Watched;
  }

  /* ---- (g) countdowns ---------------------------------------------------- */

  function tickCountdowns() {
    var nodes = document.querySelectorAll(".dialoog-countdown[data-ends]");
    for (var i = 0; i < nodes.length; i++) {
      var ends = Date.parse(nodes[i].getAttribute("data-ends"));
      if (isNaN(ends)) continue;
      var left = Math.max(0, Math.ceil((ends - Date.now()) / 1000));
      var text = Math.floor(left / 60) + ":" + ("0" + (left % 60)).slice(-2);
      if (nodes[i].textContent !== text) nodes[i].textContent = text;
      nodes[i].classList.toggle("dialoog-countdown-done", left === 0);
    }
  }
  window.setInterval(tickCountdowns, 500);

  /* ---- (h) answer scales as radio groups ---------------------------------- */

  function radioGroups() {
    var groups = document.querySelectorAll(".dialoog-scale > div");
    for (var i = 0; i < groups.length; i++) {
      var group = groups[i];
      var buttons = group.querySelectorAll(".widget-toggle-button");
      if (!buttons.length) continue;
      if (group.getAttribute("role") !== "radiogroup") {
        group.setAttribute("role", "radiogroup");
        var label = group.parentNode.querySelector(".widget-label");
        var name = label && (label.textContent.trim() || label.getAttribute("title"));
        if (name && name !== "null") group.setAttribute("aria-label", name);
      }
      var chosen = -1;
      for (var j = 0; j < buttons.length; j++) {
        if (buttons[j].classList.contains("mod-active")) chosen = j;
      }
      for (var k = 0; k < buttons.length; k++) {
        var on = k === chosen;
        if (buttons[k].getAttribute("role") !== "radio") buttons[k].setAttribute("role", "radio");
        if (buttons[k].getAttribute("aria-checked") !== String(on)) {
          buttons[k].setAttribute("aria-checked", String(on));
        }
        var stop = on || (chosen === -1 && k === 0) ? "0" : "-1";
        if (buttons[k].getAttribute("tabindex") !== stop) buttons[k].setAttribute("tabindex", stop);
      }
      // "Wis antwoord" is Delete within the group, not one more Tab stop per statement
      var row = group.closest(".dialoog-statement");
      var clear = row && row.querySelector(".dialoog-clear");
      if (clear && clear.getAttribute("tabindex") !== "-1") {
        clear.setAttribute("tabindex", "-1");
        clear.setAttribute("aria-keyshortcuts", "Delete");
      }
    }
  }

  function firstVisible(selector) {
    var nodes = document.querySelectorAll(selector);
    for (var i = 0; i < nodes.length; i++) if (nodes[i].offsetParent !== null) return nodes[i];
    return null;
  }

  function visibleText(selector) {
    var node = firstVisible(selector);
    return node ? node.textContent : "";
  }

  var ARROWS = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

  document.addEventListener("keydown", function (event) {
    var button = event.target;
    if (!button.classList || !button.classList.contains("widget-toggle-button")) return;
    var group = button.parentNode;
    if (!group || group.getAttribute("role") !== "radiogroup") return;
    var buttons = Array.prototype.slice.call(group.querySelectorAll(".widget-toggle-button"));
    var index = buttons.indexOf(button);
    var next = -1;
    if (event.key in ARROWS) next = (index + ARROWS[event.key] + buttons.length) % buttons.length;
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = buttons.length - 1;
    else if (event.key === "Delete" || event.key === "Backspace") {
      var row = group.closest(".dialoog-statement");
      var clear = row && row.querySelector(".dialoog-clear");
      if (clear) { event.preventDefault(); clear.click(); }
      return;
    }
    if (next < 0) return;
    event.preventDefault();
    buttons[next].focus();
    buttons[next].click();
  });

  // Wait until `found()` returns an element (checked on every change of the page), then call
  // `then(element)`; give up after `ms`. Events, not a fixed time: a busy kernel may need long.
  // `yieldToUser`: give up too when the person presses a key or the pointer before the element
  // is there: someone who already clicked or typed elsewhere keeps their focus and the page
  // does not scroll under their pointer (a late move could swallow their next click).
  function whenFound(found, then, ms, yieldToUser) {
    var done = false;
    var userMoved = function () { finish(null); };
    if (yieldToUser) {
      document.addEventListener("pointerdown", userMoved, true);
      document.addEventListener("keydown", userMoved, true);
    }
    var pending = false;
    // A page that draws hundreds of widgets changes the document many times a frame; the
    // condition (which reads the layout) is checked once a frame, not once a change.
    var observer = new MutationObserver(function () {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () { pending = false; check(); });
    });
    var timer = window.setTimeout(function () { finish(null); }, ms || 20000);
    var poll = window.setInterval(check, 250);  // for conditions that change with time alone
    function finish(element) {
      if (done) return;
      done = true;
      document.removeEventListener("pointerdown", userMoved, true);
      document.removeEventListener("keydown", userMoved, true);
      observer.disconnect();
      window.clearTimeout(timer);
      window.clearInterval(poll);
      if (element) then(element);
    }
    function check() {
      if (done) return;
      var element = found();
      if (element) finish(element);
    }
    observer.observe(document.body, { childList: true, subtree: true, attributes: true,
                                      characterData: true });
    check();
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest && event.target.closest(".sa-next, .ws-next");
    if (!target) return;
    var old = visibleText(".sa-element-heading, .ws-progress-text");
    whenFound(function () {
      var first = firstVisible(".dialoog-statement .widget-toggle-button[tabindex='0']");
      var moved = visibleText(".sa-element-heading, .ws-progress-text") !== old;
      return moved && first;
    }, function (first) { first.focus(); }, 20000, true);
  });

  // A page chosen (the side menu, Previous/Next, a step opened from the overview): the focus
  // goes to the new page's heading, read out by a screen reader, on every width; a Tab from
  // there reaches the page's first control.
  var OPENERS = ".dialoog-nav-button, .dialoog-previous, .dialoog-next, .dialoog-open-step";
  document.addEventListener("click", function (event) {
    var chosen = event.target.closest && event.target.closest(OPENERS);
    if (!chosen) return;
    var before = firstVisible(HEADINGS);
    var page = currentPage();
    var again = chosen.classList.contains("mod-info");  // the page on show, chosen again
    whenFound(function () {
      // the new page is on show (its marker changed) and drawn (a heading that is not the
      // old page's); or, the same page chosen again, the heading that is there
      var heading = firstVisible(HEADINGS);
      if (!heading) return null;
      if (again) return heading;
      return currentPage() !== page && heading !== before ? heading : null;
    }, focusHeading, 20000, true);
  });

  function watchTokens() {
    startHeartbeat();
    onChange();
    new MutationObserver(onChange).observe(document.body, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ["data-token", "data-secret", "data-autostart", "data-page-title", "data-page",
                        "class"],
    });
  }

  /* ---- (b) upload size guard ------------------------------------------- */

  function maxBytes() {
    var nodes = document.querySelectorAll(".dialoog-upload-limit[data-max-bytes]");
    if (nodes.length) {
      var n = parseInt(nodes[nodes.length - 1].getAttribute("data-max-bytes"), 10);
      if (n > 0) return n;
    }
    return DEFAULT_MAX_BYTES;
  }

  function formatMB(bytes, locale) {
    var mb = bytes / (1024 * 1024);
    var opts = mb >= 1 ? { maximumFractionDigits: 1 } : { maximumSignificantDigits: 2 };
    return mb.toLocaleString(locale, opts);
  }

  function showMessage(limit) {
    var old = document.getElementById(MESSAGE_ID);
    if (old) old.remove();
    var box = document.createElement("div");
    box.id = MESSAGE_ID;
    box.className = "dialoog-upload-message";
    box.setAttribute("role", "alert");
    box.style.cssText =
      "position:fixed;top:1em;left:50%;transform:translateX(-50%);z-index:10000;" +
      "max-width:90%;padding:0.75em 2.5em 0.75em 1em;border-radius:4px;" +
      "background:#fdecea;color:#611a15;border:1px solid #f5c6cb;" +
      "font-family:var(--jp-ui-font-family, sans-serif);box-shadow:0 2px 6px rgba(0,0,0,.2)";
    var text = document.createElement("span");
    text.textContent =
      "Bestand is te groot (max. " + formatMB(limit, "nl-NL") + " MB). / " +
      "File is too large (max. " + formatMB(limit, "en-GB") + " MB).";
    var close = document.createElement("button");
    close.type = "button";
    close.className = "dialoog-upload-message-close";
    close.setAttribute("aria-label", "Sluiten / Close");
    close.textContent = "\u00d7";
    close.style.cssText =
      "position:absolute;top:0.3em;right:0.5em;border:none;background:none;" +
      "font-size:1.3em;cursor:pointer;color:inherit";
    close.addEventListener("click", function () { box.remove(); });
    box.appendChild(text);
    box.appendChild(close);
    document.body.appendChild(box);
  }

  /** Stop the change event of a file input if a chosen file exceeds the limit. */
  function guard(event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== "file") return;
    if (event.__dialoogChecked) return; // same event seen by both listeners below
    event.__dialoogChecked = true;
    var limit = maxBytes();
    var files = Array.prototype.slice.call(input.files || []);
    if (!files.some(function (f) { return f.size > limit; })) return;
    event.stopImmediatePropagation();
    event.preventDefault();
    input.value = ""; // so choosing the same file again fires "change" again
    showMessage(limit);
  }

  // Inputs in the document: a capture listener runs before any listener on the input.
  document.addEventListener("change", guard, true);

  // ipywidgets' FileUpload never attaches its <input type=file> to the document, so
  // a document listener never sees it. Give every input created by script our guard
  // as its FIRST listener, so it runs before the widget's own "change" listener.
  var createElement = Document.prototype.createElement;
  Document.prototype.createElement = function () {
    var el = createElement.apply(this, arguments);
    if (el instanceof HTMLInputElement) el.addEventListener("change", guard);
    return el;
  };

  /* ---- start ------------------------------------------------------------ */

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watchTokens);
  } else {
    watchTokens();
  }
})();
