// Truffle pages work without this file; it only adds the Copy buttons (platform/web-kit).
(function () {
  "use strict";
  function copy(button) {
    var target = document.getElementById(button.getAttribute("data-copy-target"));
    if (!target) { return; }
    var value = target.value !== undefined ? target.value : target.textContent;
    var done = function () { button.textContent = "Copied"; button.setAttribute("aria-live", "polite"); };
    var fallback = function () {
      target.focus();
      if (target.select) { target.select(); }
      try { if (document.execCommand("copy")) { done(); return; } } catch (e) { /* below */ }
      button.textContent = "Press Ctrl+C to copy";
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(value).then(done, fallback);
    } else {
      fallback();
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    var buttons = document.querySelectorAll("button[data-copy-target]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
      buttons[i].addEventListener("click", function (event) { copy(event.currentTarget); });
    }
  });
})();
