// orglife — small behaviours, no inline scripts (keeps a strict Content-Security-Policy possible).
document.addEventListener("change", function (event) {
  var el = event.target;
  if (el.classList && el.classList.contains("js-autosubmit") && el.form) {
    el.form.submit();
  }
});
document.addEventListener("submit", function (event) {
  var form = event.target;
  var button = event.submitter;
  var message = (button && button.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});

// Accessibility (WCAG 2.2 AA): errors are linked to their fields and focused, htmx updates
// are announced through the page's one live region (templates/includes/live_region.html).
(function () {
  "use strict";

  // Each field's error text is part of its accessible description (crispy renders the text
  // as .invalid-feedback beside the field, but does not link the two).
  function linkErrors(root) {
    Array.prototype.forEach.call(root.querySelectorAll(".is-invalid"), function (field) {
      var box = field.closest(".mb-3, .form-group, fieldset, td, li, div") || field.parentNode;
      var feedback = box && box.querySelector(".invalid-feedback, .text-danger");
      field.setAttribute("aria-invalid", "true");
      if (!feedback) return;
      if (!feedback.id) feedback.id = (field.id || "field") + "-error";
      var ids = (field.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
      if (ids.indexOf(feedback.id) === -1) {
        ids.push(feedback.id);
        field.setAttribute("aria-describedby", ids.join(" "));
      }
    });
  }

  // Focus moves to the first error: a field marked invalid, or a message that says what to fix.
  function focusFirstError(root) {
    var first = root.querySelector(
      ".is-invalid, [aria-invalid='true'], [data-focus-error]"
    );
    if (!first) return false;
    if (first.matches("[data-focus-error]") && !first.hasAttribute("tabindex")) {
      first.setAttribute("tabindex", "-1");
    }
    first.focus();
    return true;
  }

  var live = document.getElementById("live-status");

  function announce(text) {
    if (!live || !text) return;
    live.textContent = "";
    window.setTimeout(function () { live.textContent = text; }, 100);
  }

  // Whatever the page said before any update is not news.
  function markAnnounced() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-announce]"), function (el) {
      el.setAttribute("data-announced", "");
    });
  }

  var main = document.querySelector("main") || document.body;
  linkErrors(main);
  focusFirstError(main);
  markAnnounced();

  // An htmx swap that replaces the focused control (a row re-rendered after "采纳", a quick
  // entry form after "保存") would drop focus to the page's start: put it back on the same
  // control (same id, or same name and value), else on the first field of the new form.
  var before = null;
  document.addEventListener("htmx:beforeSwap", function () {
    var el = document.activeElement;
    before = el && el !== document.body ? { id: el.id, name: el.name, value: el.value } : null;
  });

  function visible(el) {
    return el && !el.disabled && el.offsetParent !== null && !el.closest("[hidden]");
  }

  function restoreFocus(root) {
    if (!before || (document.activeElement && document.activeElement !== document.body)) return;
    var el = before.id ? document.getElementById(before.id) : null;
    if (!visible(el) && before.name) {
      el = Array.prototype.find.call(document.getElementsByName(before.name), function (c) {
        return c.value === before.value && visible(c);
      });
    }
    if (!visible(el) && root && root.isConnected) {
      el = Array.prototype.find.call(
        root.querySelectorAll("form input:not([type=hidden]), form select, form textarea, form button"),
        visible
      );
    }
    if (visible(el)) el.focus();
  }

  var lastAnnounced = "";
  document.addEventListener("htmx:afterSettle", function (event) {
    var fresh = Array.prototype.slice.call(
      document.querySelectorAll("[data-announce]:not([data-announced])")
    );
    var text = fresh.map(function (el) {
      return (el.getAttribute("data-announce") || el.textContent || "").replace(/\s+/g, " ").trim();
    }).filter(Boolean).join(" ");
    // The checker answers after every pause in typing: say its count only when it changes.
    var onlyChanges = fresh.length && fresh.every(function (el) {
      return el.hasAttribute("data-announce-changes");
    });
    markAnnounced();
    linkErrors(document);
    var target = event.detail && event.detail.elt;
    var root = target && target.isConnected ? target : null;
    if (!(root && root.querySelector(".is-invalid, [data-focus-error]") && focusFirstError(root))) {
      restoreFocus(root || document.getElementById(before && before.id));
    }
    before = null;
    if (onlyChanges && text === lastAnnounced) return;
    lastAnnounced = text;
    announce(text);
  });
})();
