/* Behaviour shared by every page, kept out of the HTML so the Content-Security-Policy
   can forbid inline script: a <select data-autosubmit> submits its form when changed. */
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el && el.matches && el.matches("select[data-autosubmit]") && el.form) { el.form.submit(); }
  });
})();
