// GOV.UK's error summary takes the focus when a page comes back with errors, so that keyboard and screen
// reader users start at the list of what to fix (each entry links to its field).
(function () {
  "use strict";
  var summary = document.querySelector('[data-module="error-summary"]');
  if (summary) {
    summary.focus();
  }
})();
