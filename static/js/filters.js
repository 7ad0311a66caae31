// GOV.UK "filter a list" on narrow screens: the filters fold away behind a Show filters button.
// The details element is closed in the HTML; on wide screens the CSS shows its filters anyway (filters.js opens
// it there too, for browsers without ::details-content). This only keeps the button's words right.
(function () {
  var panel = document.querySelector('[data-module="filter-toggle"]');
  if (!panel || !window.matchMedia) return;
  var button = panel.querySelector("summary");
  var wide = window.matchMedia("(min-width: 62rem)");
  function label() { button.textContent = panel.open ? "Hide filters" : "Show filters"; }
  function fit() { panel.open = wide.matches; label(); }
  panel.addEventListener("toggle", label);
  if (wide.addEventListener) wide.addEventListener("change", fit);
  fit();
})();
