// GOV.UK "filter a list" on narrow screens: the filters fold away behind a Show filters button.
// Without JavaScript the details element stays open, so every filter is shown.
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
