// 征求意见 pages: copy the public link; show "针对党员" only when the target is a member.
(function () {
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest(".js-copy") : null;
    if (!button) return;
    var input = document.getElementById(button.getAttribute("data-copy-target"));
    if (!input) return;
    var done = function () {
      button.textContent = button.getAttribute("data-copied") || button.textContent;
      var live = document.getElementById("live-status");  // said aloud too (includes/live_region.html)
      if (live) live.textContent = button.textContent;
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(done);
    } else {
      input.select();
      document.execCommand("copy");
      done();
    }
  });

  function syncTarget(form) {
    var target = form.querySelector("select[name=target]");
    var member = form.querySelector("[name=target_member]");
    if (!target || !member) return;
    var wrapper = member.closest(".mb-3") || member.parentNode;
    wrapper.hidden = target.value !== "member";
  }
  document.querySelectorAll("form.js-window-form").forEach(function (form) {
    syncTarget(form);
    form.addEventListener("change", function (event) {
      if (event.target.name === "target") syncTarget(form);
    });
  });
})();
