// The supervisor's sign-off queue: "select all on this page" (no inline scripts).
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest(".js-check-all");
  if (!button) {
    return;
  }
  var form = document.getElementById(button.getAttribute("data-target"));
  if (!form) {
    return;
  }
  var boxes = form.querySelectorAll('input[type="checkbox"][name="items"]');
  var all = Array.prototype.every.call(boxes, function (box) { return box.checked; });
  Array.prototype.forEach.call(boxes, function (box) { box.checked = !all; });
});

// A chart's bar leads where the table's link beside it leads (a pointer's shortcut; the
// table's links are the way there by keyboard and screen reader: supervision/charts.py).
document.addEventListener("click", function (event) {
  var bar = event.target.closest && event.target.closest(".sup-chart [data-href]");
  if (bar) {
    window.location.assign(bar.getAttribute("data-href"));
  }
});
