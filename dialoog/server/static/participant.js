/*
 * The participant's page (dialoog/server/workshop.py): join a session with its code, answer one
 * element per screen, send; follow the facilitator's open question and the clock.
 *
 * No kernel and no framework: the server keeps who this phone is (a cookie) and what was tapped
 * (a draft, saved as it is tapped), so a reload, a second scan or a phone that slept comes back
 * to the same screen with the same answers. Without a connection, taps stay on the phone (and in
 * its local storage) and go out when the connection is back. Every text comes from the server's
 * message catalogue (config.messages, Dutch and English) and is put in the page as text, never
 * as HTML.
 */
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("dialoog-config").textContent);
  var messages = config.messages;
  var app = document.getElementById("app");
  var announcer = document.getElementById("announce");
  var POLL_MS = 2000;
  var SAVE_MS = 400;
  var RETRY_MS = 3000;

  var lang = readLocal("dialoog-taal") || config.lang;
  var code = config.code || "";
  var state = null; // what the server said: session, questionnaire, me
  var draft = { selfassessment: {}, forms: {} };
  var screen = 0;
  var dirty = false; // taps not yet saved on the server
  var submitWanted = false; // "send" pressed while the connection was gone
  var offline = false;
  var saveTimer = null;
  var retryTimer = null;
  var polling = null;
  var seenQuestion = null;
  var notice = null; // {key, kind, params}
  var openNotice = null;
  var joinError = null;

  /* ---- small helpers ----------------------------------------------------- */

  function readLocal(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }

  function writeLocal(key, value) {
    try {
      if (value === null) window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, value);
    } catch (e) { /* private mode: the server keeps the draft anyway */ }
  }

  function t(key, params) {
    var entry = messages[key];
    return dialoogCommon.fill(entry ? entry[lang] || entry.nl : key, params);
  }

  function local(value) { // a {nl, en} text of the questionnaire
    return value ? value[lang] || value.nl : "";
  }

  var el = dialoogCommon.el;

  function cookie(name) {
    var match = document.cookie.match(new RegExp("(?:^|;\\s*)" + name + "=([^;]*)"));
    return match ? decodeURIComponent(match[1]) : "";
  }

  function announce(text) {
    announcer.textContent = "";
    window.setTimeout(function () { announcer.textContent = text; }, 50);
  }

  function clock(iso) { // "14:05" in the phone's own time
    var when = new Date(iso);
    return ("0" + when.getHours()).slice(-2) + ":" + ("0" + when.getMinutes()).slice(-2);
  }

  function secondsLeft(iso) {
    if (!iso) return null;
    return Math.max(0, Math.ceil((Date.parse(iso) - Date.now()) / 1000));
  }

  function minutes(seconds) {
    return Math.floor(seconds / 60) + ":" + ("0" + (seconds % 60)).slice(-2);
  }

  /* ---- talking to the server ---------------------------------------------- */

  function request(method, action, body) {
    var url = config.api + action;
    var options = { method: method, credentials: "same-origin", headers: {} };
    if (method === "GET") {
      url += "?code=" + encodeURIComponent(code);
    } else {
      options.headers["Content-Type"] = "application/json";
      options.headers["X-XSRFToken"] = cookie("_xsrf");
      options.body = JSON.stringify(Object.assign({ code: code }, body || {}));
    }
    return fetch(url, options).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) {
          var error = new Error(data.error || "ws.error.generic");
          error.key = data.error || "ws.error.generic";
          error.status = response.status;
          throw error;
        }
        return data;
      });
    });
  }

  function lostConnection(error) {
    return !error.status || error.status >= 500;
  }

  function setOffline(value) {
    if (offline === value) return;
    offline = value;
    if (!value) {
      notice = { key: "ws.phone.back", kind: "success" };
      window.setTimeout(function () {
        if (notice && notice.key === "ws.phone.back") { notice = null; renderNotices(); }
      }, 4000);
    }
    renderNotices();
  }

  /* ---- the draft: kept as it is tapped --------------------------------------- */

  function backupKey() { return "dialoog-concept-" + code; }

  function changed() {
    dirty = true;
    writeLocal(backupKey(), JSON.stringify({ draft: draft, screen: screen }));
    window.clearTimeout(saveTimer);
    saveTimer = window.setTimeout(save, SAVE_MS);
    renderProgress();
  }

  function save() {
    if (!dirty || !state || !state.me.joined) return Promise.resolve();
    var sent = JSON.stringify(draft);
    return request("POST", "save", { draft: draft, screen: screen }).then(function () {
      if (JSON.stringify(draft) === sent) {
        dirty = false;
        writeLocal(backupKey(), null);
      }
      setOffline(false);
      if (submitWanted) submit();
    }, function (error) {
      if (lostConnection(error)) { setOffline(true); retryLater(); }
    });
  }

  function retryLater() {
    window.clearTimeout(retryTimer);
    retryTimer = window.setTimeout(function () {
      if (dirty) save(); else if (submitWanted) submit();
    }, RETRY_MS);
  }

  window.addEventListener("online", function () {
    if (dirty) save(); else if (submitWanted) submit();
    poll();
  });
  window.addEventListener("offline", function () { setOffline(true); });

  /* ---- joining ---------------------------------------------------------- */

  function start() {
    if (!code) { renderJoin(); return; }
    request("GET", "state").then(arrived, function (error) {
      if (error.key === "ws.phone.no_cookie" || !lostConnection(error)) {
        joinError = error.key;
        renderJoin();
      } else {
        setOffline(true);
        renderJoin();
        window.setTimeout(start, RETRY_MS);
      }
    });
  }

  function arrived(data) {
    state = data;
    code = data.code || code;
    keepCodeInAddress();
    if (!readLocal("dialoog-taal")) lang = data.language || lang;
    if (!data.me.joined) { renderJoin(); startPolling(); return; }
    draft = data.me.draft || { selfassessment: {}, forms: {} };
    draft.selfassessment = draft.selfassessment || {};
    draft.forms = draft.forms || {};
    screen = data.me.screen || 0;
    var backup = readLocal(backupKey());
    if (backup) { // taps this phone kept while it had no connection
      try {
        var kept = JSON.parse(backup);
        draft = kept.draft || draft;
        screen = kept.screen || screen;
        dirty = true;
        save();
      } catch (e) { writeLocal(backupKey(), null); }
    }
    screen = Math.max(0, Math.min(screen, screens().length - 1));
    if (data.me.submitted_at) notice = sentNotice(data.me.submitted_at);
    renderAnswering();
    startPolling();
  }

  function keepCodeInAddress() {
    var url = new URL(window.location.href);
    if (url.searchParams.get("code") === code) return;
    url.searchParams.set("code", code);
    window.history.replaceState(window.history.state, "", url.toString());
  }

  function join(event) {
    event.preventDefault();
    var form = event.target;
    code = form.elements.code.value.trim();
    joinError = null;
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    request("POST", "join", { name: form.elements.name.value }).then(function (data) {
      arrived(data);
      var heading = app.querySelector(".ws-screen-title");
      if (heading) heading.focus();
    }, function (error) {
      button.disabled = false;
      joinError = lostConnection(error) ? "ws.error.unavailable" : error.key;
      renderJoin();
    });
  }

  /* ---- answering ---------------------------------------------------------- */

  function screens() {
    return state && state.questionnaire ? state.questionnaire.screens : [];
  }

  function statementCount() {
    return screens().reduce(function (n, s) { return n + (s.statements ? s.statements.length : 0); }, 0);
  }

  function answeredCount() {
    var answers = draft.selfassessment || {};
    return screens().reduce(function (n, s) {
      return n + (s.statements || []).filter(function (st) { return answers[st.id]; }).length;
    }, 0);
  }

  function go(to) {
    screen = Math.max(0, Math.min(to, screens().length - 1));
    changed();
    renderAnswering();
    window.scrollTo(0, 0);
    var heading = app.querySelector(".ws-screen-title");
    if (heading) heading.focus();
  }

  function sessionClosed() {
    if (!state) return false;
    var left = secondsLeft(state.ends_at);
    return !state.open || left === 0;
  }

  function submit() {
    submitWanted = false;
    if (sessionClosed()) {
      notice = { key: state.timed_out || secondsLeft(state.ends_at) === 0 ? "ws.phone.time_up" : "ws.phone.closed", kind: "error" };
      renderNotices();
      return;
    }
    notice = { key: "ws.phone.sending", kind: "info" };
    renderNotices();
    request("POST", "submit", { draft: draft, screen: screen }).then(function (data) {
      dirty = false;
      writeLocal(backupKey(), null);
      setOffline(false);
      state.me.submitted_at = data.submitted_at;
      notice = sentNotice(data.submitted_at);
      renderNotices();
      renderSubmit();
      announce(t("ws.phone.sent_short"));
    }, function (error) {
      if (lostConnection(error)) {
        submitWanted = true;
        setOffline(true);
        notice = { key: "ws.phone.send_later", kind: "info" };
        retryLater();
      } else {
        notice = { key: error.key === "ws.error.closed" ? "ws.phone.closed" : error.key, kind: "error" };
      }
      renderNotices();
    });
  }

  function sentNotice(iso) {
    var missing = state && state.questionnaire.selfassessment ? statementCount() - answeredCount() : 0;
    return missing
      ? { key: "ws.phone.sent_incomplete", kind: "info", params: { time: clock(iso), missing: missing } }
      : { key: "ws.part.submitted", kind: "success", params: { time: clock(iso) } };
  }

  /* ---- the facilitator's open question --------------------------------------- */

  function poll() {
    if (!code) return;
    request("GET", "poll").then(function (data) {
      setOffline(false);
      if (!state) return;
      var before = state.question ? state.question.id : null;
      var wasOpen = state.open;
      Object.assign(state, data);
      var now = state.question ? state.question.id : null;
      if (now && now !== before) { openNotice = null; newQuestion(); }
      else if (now !== before) renderQuestion();
      if (wasOpen !== state.open) renderNotices();
      renderClock();
    }, function (error) {
      if (lostConnection(error)) setOffline(true);
    });
  }

  function startPolling() {
    if (polling) return;
    polling = window.setInterval(poll, POLL_MS);
  }

  function newQuestion() {
    renderQuestion();
    var box = app.querySelector(".ws-open");
    if (box) box.scrollIntoView({ behavior: "smooth", block: "start" });
    announce(t("ws.phone.new_question", { question: state.question.text }));
  }

  function sendOpen(event) {
    event.preventDefault();
    var area = event.target.elements.answer;
    var text = area.value.trim();
    var limit = state.questionnaire.max_open_answer;
    if (!text) { openNotice = { key: "ws.part.open.empty", kind: "error" }; renderQuestionNotice(); return; }
    if (text.length > limit) {
      openNotice = { key: "ws.part.open.too_long", kind: "error", params: { length: text.length, limit: limit } };
      renderQuestionNotice();
      return;
    }
    request("POST", "answer", { question: state.question.id, text: text }).then(function (data) {
      state.me.open_answer = data.open_answer;
      openNotice = { key: "ws.part.open.sent", kind: "success" };
      renderQuestionNotice();
    }, function (error) {
      openNotice = lostConnection(error)
        ? { key: "ws.phone.open_offline", kind: "error" }
        : { key: error.key, kind: "error" };
      if (lostConnection(error)) setOffline(true);
      renderQuestionNotice();
    });
  }

  /* ---- drawing ---------------------------------------------------------- */

  function header() {
    var title = state && state.me && state.me.joined ? state.title : t("ws.part.title");
    var switcher = el("div", { className: "ws-lang", role: "group", "aria-label": "Taal / Language" },
      ["nl", "en"].map(function (l) {
        return el("button", {
          type: "button", className: "ws-lang-button", "aria-pressed": String(l === lang),
          lang: l, text: l === "nl" ? "Nederlands" : "English",
          onclick: function () { lang = l; writeLocal("dialoog-taal", l); draw(); },
        });
      }));
    return el("header", { className: "ws-phone-header" }, [el("h1", { text: title }), switcher]);
  }

  function draw() {
    document.documentElement.lang = lang;
    document.title = state && state.me && state.me.joined ? state.title : t("ws.part.title");
    if (state && state.me && state.me.joined) renderAnswering(); else renderJoin();
  }

  function renderJoin() {
    app.textContent = "";
    document.documentElement.lang = lang;
    var form = el("form", { className: "ws-card ws-join-form", novalidate: true, onsubmit: join }, [
      el("p", { text: t("ws.part.intro") }),
      el("label", { for: "ws-code", className: "ws-label", text: t("ws.part.code") }),
      el("input", { id: "ws-code", name: "code", value: code, autocomplete: "off", autocapitalize: "characters",
                    spellcheck: "false", placeholder: "ABCDE-FGH23", required: true }),
      el("label", { for: "ws-name", className: "ws-label", text: t("ws.part.name") }),
      el("input", { id: "ws-name", name: "name", autocomplete: "name", maxlength: "80",
                    "aria-describedby": "ws-name-help" }),
      el("p", { id: "ws-name-help", className: "ws-hint", text: t("ws.part.name_help") }),
      el("button", { type: "submit", className: "ws-button ws-primary ws-join", text: t("ws.part.join") }),
      joinError ? el("p", { className: "ws-notice ws-error", role: "alert", text: t(joinError) }) : null,
    ]);
    app.appendChild(header());
    app.appendChild(el("div", { className: "ws-notices" }));
    app.appendChild(el("main", { id: "main" }, [form]));
    renderNotices();
  }

  function renderAnswering() {
    app.textContent = "";
    document.documentElement.lang = lang;
    document.title = state.title;
    app.appendChild(header());
    app.appendChild(el("div", { className: "ws-notices" }));
    app.appendChild(el("div", { className: "ws-question-slot" }));
    var list = screens();
    var current = list[screen];
    var main = el("main", { id: "main", className: "ws-card" }, [
      el("p", { className: "ws-joined", text: t("ws.part.joined", { title: state.title }) }),
      el("div", { className: "ws-progress-slot" }),
    ]);
    if (!current) {
      main.appendChild(el("p", { text: t("ws.error.no_selfassessment") }));
    } else if (current.kind === "element") {
      main.appendChild(elementScreen(current, list));
    } else {
      main.appendChild(formsScreen(current));
    }
    main.appendChild(pager(list));
    main.appendChild(el("div", { className: "ws-submit-slot" }));
    app.appendChild(main);
    renderProgress();
    renderQuestion();
    renderNotices();
    renderSubmit();
    renderClock();
  }

  function elementScreen(current, list) {
    var first = list.indexOf(current) === 0;
    var number = 0;
    list.slice(0, list.indexOf(current)).forEach(function (s) { number += (s.statements || []).length; });
    var box = el("section", { className: "ws-screen", "aria-labelledby": "ws-screen-title" }, [
      first ? el("p", { className: "ws-hint", text: t("ws.part.selfassessment.help") }) : null,
      el("h2", { id: "ws-screen-title", className: "ws-screen-title", tabindex: "-1", text: local(current.title) }),
    ]);
    current.statements.forEach(function (statement) {
      number += 1;
      box.appendChild(statementBox(statement, number));
    });
    return box;
  }

  function statementBox(statement, number) {
    var chosen = (draft.selfassessment || {})[statement.id];
    var name = "s-" + statement.id;
    var scale = el("div", { className: "ws-scale" }, state.questionnaire.options.map(function (option) {
      var id = name + "-" + option.id;
      return el("label", { className: "ws-option" + (option.scored ? "" : " ws-unscored"), for: id }, [
        el("input", { type: "radio", id: id, name: name, value: option.id, checked: chosen === option.id,
                      onchange: function () { draft.selfassessment[statement.id] = option.id; changed(); } }),
        el("span", { text: local(option.label) }),
      ]);
    }));
    return el("fieldset", { className: "ws-statement" }, [
      el("legend", {}, [el("span", { className: "ws-number", text: number + ". " }),
                        el("span", { text: local(statement.text) })]),
      scale,
    ]);
  }

  function formValue(formId, fieldId) {
    return ((draft.forms || {})[formId] || {})[fieldId];
  }

  function setForm(formId, fieldId, value) {
    draft.forms = draft.forms || {};
    draft.forms[formId] = draft.forms[formId] || {};
    if (value === "" || value === null || (Array.isArray(value) && !value.length)) delete draft.forms[formId][fieldId];
    else draft.forms[formId][fieldId] = value;
    changed();
  }

  function formsScreen(current) {
    var box = el("section", { className: "ws-screen", "aria-labelledby": "ws-screen-title" });
    current.forms.forEach(function (form, index) {
      box.appendChild(el(index ? "h3" : "h2", {
        id: index ? null : "ws-screen-title", className: index ? "ws-form-title" : "ws-screen-title",
        tabindex: index ? null : "-1", text: t("ws.part.form.heading", { form: form.id, title: local(form.title) }),
      }));
      form.fields.forEach(function (field) { box.appendChild(fieldBox(form.id, field)); });
    });
    return box;
  }

  function fieldBox(formId, field) {
    var id = "f-" + formId + "-" + field.id;
    var value = formValue(formId, field.id);
    var help = field.help ? el("p", { id: id + "-help", className: "ws-hint", text: local(field.help) }) : null;
    var described = field.help ? id + "-help" : null;
    if (field.kind === "choice" || field.kind === "multichoice" || field.kind === "checklist") {
      var many = field.kind !== "choice";
      var chosen = many ? value || [] : value;
      return el("fieldset", { className: "ws-field", "aria-describedby": described }, [
        el("legend", { className: "ws-label", text: local(field.label) }),
        help,
        el("div", { className: "ws-choices" }, field.options.map(function (option) {
          var oid = id + "-" + option.id;
          return el("label", { className: "ws-choice", for: oid }, [
            el("input", {
              type: many ? "checkbox" : "radio", id: oid, name: id, value: option.id,
              checked: many ? chosen.indexOf(option.id) >= 0 : chosen === option.id,
              onchange: function () {
                if (!many) { setForm(formId, field.id, option.id); return; }
                var picked = Array.prototype.slice.call(app.querySelectorAll("input[name='" + id + "']:checked"))
                  .map(function (input) { return input.value; });
                setForm(formId, field.id, picked);
              },
            }),
            el("span", { text: local(option.label) }),
          ]);
        })),
      ]);
    }
    var input;
    if (field.kind === "longtext") {
      input = el("textarea", { id: id, rows: "4", maxlength: String(state.questionnaire.max_text),
                               "aria-describedby": described });
      input.value = value || "";
    } else {
      var type = { number: "number", date: "date" }[field.kind] || "text";
      input = el("input", { id: id, type: type, "aria-describedby": described,
                            inputmode: field.kind === "number" ? "decimal" : null,
                            step: field.kind === "number" ? "any" : null,
                            maxlength: type === "text" ? String(state.questionnaire.max_text) : null });
      input.value = value === undefined || value === null ? "" : String(value);
    }
    input.addEventListener("input", function () {
      var raw = input.value;
      setForm(formId, field.id, field.kind === "number" ? (raw === "" ? "" : Number(raw)) : raw);
    });
    return el("div", { className: "ws-field" }, [
      el("label", { for: id, className: "ws-label", text: local(field.label) }), help, input,
    ]);
  }

  function pager(list) {
    var last = screen >= list.length - 1;
    return el("nav", { className: "ws-pager", "aria-label": t("ws.phone.pages") }, [
      screen > 0 ? el("button", { type: "button", className: "ws-button ws-prev", text: "‹ " + t("ws.part.prev"),
                                  onclick: function () { go(screen - 1); } }) : el("span"),
      !last ? el("button", { type: "button", className: "ws-button ws-primary ws-next", text: t("ws.part.next") + " ›",
                             onclick: function () { go(screen + 1); } }) : null,
      last ? el("button", { type: "button", className: "ws-button ws-send ws-submit",
                            text: state.me.submitted_at ? t("ws.part.resubmit") : t("ws.part.submit"),
                            onclick: submit }) : null,
    ]);
  }

  function renderSubmit() {
    var button = app.querySelector(".ws-submit");
    if (button) button.textContent = state.me.submitted_at ? t("ws.part.resubmit") : t("ws.part.submit");
  }

  function renderProgress() {
    var slot = app.querySelector(".ws-progress-slot");
    if (!slot || !state) return;
    var count = screens().length;
    var total = state.questionnaire.selfassessment ? statementCount() : 0;
    var step = t("ws.part.screen", { number: screen + 1, count: count });
    var line = total ? step + " · " + t("ws.part.progress", { answered: answeredCount(), total: total }) : step;
    slot.textContent = "";
    var bar = el("div", { className: "ws-progress-bar", role: "progressbar", "aria-valuemin": "1",
                          "aria-valuemax": String(count), "aria-valuenow": String(screen + 1), "aria-label": step });
    bar.appendChild(el("span", { style: "width:" + (100 * (screen + 1) / Math.max(count, 1)).toFixed(1) + "%" }));
    slot.appendChild(bar);
    slot.appendChild(el("p", { className: "ws-progress-text", text: line }));
  }

  function renderNotices() {
    var slot = app.querySelector(".ws-notices");
    if (!slot) return;
    slot.textContent = "";
    if (offline) {
      slot.appendChild(el("p", { className: "ws-notice ws-offline", role: "status", text: t("ws.phone.offline") }));
    }
    if (state && state.me && state.me.joined && sessionClosed()) {
      var key = state.timed_out || secondsLeft(state.ends_at) === 0 ? "ws.phone.time_up" : "ws.phone.closed";
      slot.appendChild(el("p", { className: "ws-notice ws-closed", role: "status", text: t(key) }));
    }
    var place = app.querySelector(".ws-submit-slot") || slot;
    if (place !== slot) place.textContent = "";
    if (notice) {
      place.appendChild(el("p", { className: "ws-notice ws-" + notice.kind + " ws-submit-notice",
                                  role: notice.kind === "error" ? "alert" : "status",
                                  text: t(notice.key, notice.params) }));
    }
  }

  function renderQuestion() {
    var slot = app.querySelector(".ws-question-slot");
    if (!slot) return;
    var question = state && state.question;
    if (!question) {
      slot.textContent = "";
      seenQuestion = null;
      return;
    }
    if (seenQuestion === question.id && slot.firstChild) { renderClock(); return; }
    seenQuestion = question.id;
    slot.textContent = "";
    var area = el("textarea", { id: "ws-open-answer", name: "answer", rows: "3",
                                maxlength: String(state.questionnaire.max_open_answer),
                                placeholder: t("ws.part.open.placeholder") });
    area.value = state.me.open_answer || "";
    slot.appendChild(el("section", { className: "ws-card ws-open", "aria-labelledby": "ws-open-heading" }, [
      el("h2", { id: "ws-open-heading", text: t("ws.part.open.heading") }),
      el("p", { className: "ws-open-question", text: question.text }),
      el("p", { className: "ws-open-clock", role: "timer", "aria-live": "off" }),
      el("form", { onsubmit: sendOpen }, [
        el("label", { for: "ws-open-answer", className: "ws-sr-only", text: t("ws.part.open.placeholder") }),
        area,
        el("button", { type: "submit", className: "ws-button ws-primary ws-open-send", text: t("ws.part.open.send") }),
      ]),
      el("div", { className: "ws-open-notice" }),
    ]));
    renderQuestionNotice();
    renderClock();
  }

  function renderQuestionNotice() {
    var slot = app.querySelector(".ws-open-notice");
    if (!slot) return;
    slot.textContent = "";
    var shown = openNotice || (state.me.open_answer ? { key: "ws.part.open.sent", kind: "success" } : null);
    if (shown) {
      slot.appendChild(el("p", { className: "ws-notice ws-" + shown.kind, role: shown.kind === "error" ? "alert" : "status",
                                 text: t(shown.key, shown.params) }));
    }
  }

  function renderClock() {
    if (!state) return;
    var box = app.querySelector(".ws-open-clock");
    var question = state.question;
    if (box && question) {
      var left = secondsLeft(question.ends_at);
      var over = left === 0 || question.open === false;
      box.textContent = over ? t("ws.phone.question_time_up")
        : left === null ? "" : t("ws.timer.left") + " " + minutes(left);
      box.classList.toggle("ws-time-up", over);
      var send = app.querySelector(".ws-open-send");
      if (send) send.disabled = over;
    }
    var sessionLeft = secondsLeft(state.ends_at);
    var clockBox = app.querySelector(".ws-session-clock");
    if (!clockBox && sessionLeft !== null && state.me && state.me.joined) {
      clockBox = el("p", { className: "ws-session-clock", role: "timer", "aria-live": "off" });
      var slot = app.querySelector(".ws-progress-slot");
      if (slot) slot.parentNode.insertBefore(clockBox, slot);
    }
    if (clockBox) {
      clockBox.textContent = sessionLeft === null ? "" : sessionLeft > 0 ? t("ws.timer.left") + " " + minutes(sessionLeft) : t("ws.phone.time_up");
      clockBox.classList.toggle("ws-time-up", sessionLeft === 0);
    }
    var closedNow = sessionClosed();
    if (closedNow !== renderClock.closed) {
      renderClock.closed = closedNow;
      renderNotices();
    }
  }

  window.setInterval(renderClock, 500);
  start();
})();
