// GOV.UK radios with conditional reveal: show only what belongs to the chosen radio.
// Without JavaScript every conditional part stays shown.
(function () {
  document.querySelectorAll('[data-module="conditional-reveal"]').forEach(function (group) {
    var radios = group.querySelectorAll('input[type="radio"]');
    function sync() {
      radios.forEach(function (radio) {
        var id = radio.getAttribute("data-aria-controls");
        var target = id && document.getElementById(id);
        if (!target) return;
        radio.setAttribute("aria-controls", id);
        target.hidden = !radio.checked;
      });
    }
    radios.forEach(function (radio) { radio.addEventListener("change", sync); });
    sync();
  });
})();
