// 会中 pages: keyboard-friendly quick entry of criticism, and the attendance form.
// No inline scripts; everything is delegated so it keeps working after htmx swaps.
(function () {
  "use strict";

  function fields(form) {
    return Array.prototype.filter.call(
      form.querySelectorAll("input, select, textarea, button"),
      function (el) {
        return !el.disabled && el.type !== "hidden" && !el.closest("[hidden]") && el.offsetParent !== null;
      }
    );
  }

  function focusNext(form, el) {
    var list = fields(form);
    var next = list[list.indexOf(el) + 1];
    if (next) next.focus();
  }

  function submit(form) {
    if (form.requestSubmit) form.requestSubmit();
    else form.querySelector("button[type=submit]").click();
  }

  // Enter in a single-line field moves on instead of submitting half an entry;
  // Ctrl/⌘+Enter anywhere in the form saves it.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || event.isComposing) return;
    var el = event.target;
    var form = el.closest ? el.closest("form.js-quick-entry") : null;
    if (!form) return;
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      submit(form);
      return;
    }
    if (el.tagName === "SELECT" || (el.tagName === "INPUT" && el.type !== "submit")) {
      event.preventDefault();
      if (el.classList.contains("js-critic-filter")) {
        var text = form.querySelector("textarea");
        if (text) { text.focus(); return; }
      }
      focusNext(form, el);
    }
  });

  // The critic filter: typing a number or part of a name picks the first match.
  document.addEventListener("input", function (event) {
    var input = event.target;
    if (!input.classList || !input.classList.contains("js-critic-filter")) return;
    var select = input.form && input.form.querySelector("select.js-critic");
    if (!select) return;
    var query = input.value.trim();
    var first = null;
    Array.prototype.forEach.call(select.options, function (option) {
      if (!option.value) return;
      var label = option.textContent;
      var match = !query || label.indexOf(query) !== -1 || label.indexOf(query + ".") === 0;
      option.hidden = !match;
      if (match && first === null && query) first = option;
    });
    var exact = Array.prototype.find.call(select.options, function (option) {
      return option.value && option.textContent.indexOf(query + ".") === 0;
    });
    if (exact || first) select.value = (exact || first).value;
  });

  // Attendance: unticking 实到 puts the cursor in that member's reason field.
  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!box.classList || !box.classList.contains("js-present")) return;
    var reason = document.getElementById(box.getAttribute("data-reason"));
    if (reason && !box.checked) reason.focus();
  });

  function reveal(root) {
    root.querySelectorAll("[data-js-only][hidden]").forEach(function (el) { el.hidden = false; });
  }
  if (window.htmx) {
    window.htmx.onLoad(reveal);
  } else {
    reveal(document);
  }
})();
