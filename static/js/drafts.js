// 对照检查材料 — the edit page's small behaviours (no inline scripts: a strict CSP stays possible).
// The page works without this file: each list always ends with two blank rows, and the
// checker's findings also come back with every save. With it, "add a row" needs no reload
// and the measures' "针对问题" choices follow the problems as they are typed.
(function () {
  "use strict";

  var form = document.getElementById("draft-form");
  if (!form) return;

  function totalInput(prefix) {
    return form.querySelector("input[name='" + prefix + "-TOTAL_FORMS']");
  }

  function measureSelects() {
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[name^='measures-'][name$='-problem']"));
    var template = document.getElementById("measures-empty");
    if (template) {
      selects = selects.concat(Array.prototype.slice.call(template.content.querySelectorAll("select")));
    }
    return selects;
  }

  function problemLabel(n, text) {
    var base = (form.getAttribute("data-problem-label") || "问题") + " " + n;
    text = (text || "").replace(/\s+/g, " ").trim();
    if (text.length > 18) text = text.slice(0, 18) + "…";
    return text ? base + ":" + text : base;
  }

  function syncProblemOption(n, text) {
    measureSelects().forEach(function (select) {
      var option = select.querySelector("option[value='" + n + "']");
      if (!option) {
        option = document.createElement("option");
        option.value = String(n);
        select.appendChild(option);
      }
      option.textContent = problemLabel(n, text);
    });
  }

  function addRow(prefix) {
    var total = totalInput(prefix);
    var template = document.getElementById(prefix + "-empty");
    var rows = document.getElementById(prefix + "-rows");
    if (!total || !template || !rows) return;
    var index = parseInt(total.value, 10) || 0;
    var html = template.innerHTML.replace(/__prefix__/g, String(index)).replace(/__num__/g, String(index + 1));
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var row = holder.firstElementChild;
    rows.appendChild(row);
    total.value = String(index + 1);
    if (prefix === "problems") syncProblemOption(index + 1, "");
    var first = row.querySelector("textarea, select, input");
    if (first) first.focus();
  }

  form.querySelectorAll(".js-add-row").forEach(function (button) {
    button.hidden = false;
  });

  form.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest(".js-add-row") : null;
    if (!button) return;
    event.preventDefault();
    addRow(button.getAttribute("data-prefix"));
  });

  form.addEventListener("input", function (event) {
    var el = event.target;
    var match = /^problems-(\d+)-text$/.exec(el.name || "");
    if (match) syncProblemOption(parseInt(match[1], 10) + 1, el.value);
  });

  // Label the existing choices with the problems' text once, on load.
  form.querySelectorAll("textarea[name^='problems-'][name$='-text']").forEach(function (el) {
    var match = /^problems-(\d+)-text$/.exec(el.name);
    if (match && el.value.trim()) syncProblemOption(parseInt(match[1], 10) + 1, el.value);
  });

  // While the findings are being recomputed, say so to screen readers and outline the panel.
  var findings = document.getElementById("findings");
  if (findings) {
    document.body.addEventListener("htmx:beforeRequest", function (event) {
      if (event.detail.elt === form) findings.setAttribute("aria-busy", "true");
    });
    document.body.addEventListener("htmx:afterRequest", function (event) {
      if (event.detail.elt === form) findings.removeAttribute("aria-busy");
    });
    // Checking too often (429): show the short note instead of keeping stale findings.
    document.body.addEventListener("htmx:beforeSwap", function (event) {
      if (event.detail.elt === form && event.detail.xhr.status === 429) {
        event.detail.shouldSwap = true;
        event.detail.isError = false;
      }
    });
  }
})();
