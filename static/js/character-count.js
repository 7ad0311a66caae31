// The GOV.UK character count (https://design-system.service.gov.uk/components/character-count/), for
// boxes with a limit. Without JavaScript the page says the limit and the server says how much is too
// much. With it, a visible count changes as people type, and screen readers hear it once they pause.
(function () {
  "use strict";

  function describe(remaining) {
    var count = Math.abs(remaining).toLocaleString("en-GB");
    var characters = Math.abs(remaining) === 1 ? " character" : " characters";
    return remaining < 0 ? "You have " + count + characters + " too many" : "You have " + count + characters + " remaining";
  }

  function enhance(hint) {
    var box = document.getElementById(hint.getAttribute("data-character-count"));
    var limit = Number(hint.getAttribute("data-limit"));
    if (!box || !limit) {
      return;
    }
    var visible = document.createElement("div");
    visible.className = "form-text character-count";
    visible.setAttribute("aria-hidden", "true");
    var spoken = document.createElement("div");
    spoken.className = "visually-hidden";
    spoken.setAttribute("aria-live", "polite");
    hint.classList.add("visually-hidden"); // still read as the box's description
    hint.textContent = "You can enter up to " + limit.toLocaleString("en-GB") + " characters";
    hint.after(visible, spoken);
    function show() {
      // Characters as people count them: one per emoji, one per line break (as the server counts).
      var remaining = limit - Array.from(box.value.replace(/\r\n/g, "\n")).length;
      visible.textContent = describe(remaining);
      visible.classList.toggle("character-count--over", remaining < 0);
      return remaining;
    }
    var pause;
    box.addEventListener("input", function () {
      var remaining = show();
      clearTimeout(pause);
      pause = setTimeout(function () {
        spoken.textContent = describe(remaining);
      }, 1000);
    });
    show();
  }

  document.querySelectorAll("[data-character-count]").forEach(enhance);
})();
