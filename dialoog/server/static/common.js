/*
 * What the workshop's pages share (participant.js, room.js; the server puts this first): make
 * elements whose texts are text, never HTML, and fill a message's {name} placeholders.
 */
var dialoogCommon = (function () {
  "use strict";

  function fill(text, params) {
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, function (all, name) {
      return name in params ? String(params[name]) : all;
    });
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "text") node.textContent = value;
      else if (name === "className") node.className = value;
      else if (name.slice(0, 2) === "on") node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? "" : value);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  return { fill: fill, el: el };
})();
