// A field that belongs to one choice of another field (a blocked action's reason, to Blocked): shown, with its
// label and hint, only while that choice is made. Without JavaScript it stays shown and its hint says when it is
// needed; the server ignores it under any other choice.
(function () {
  document.querySelectorAll("[data-shown-with]").forEach(function (field) {
    var controls = field.form ? field.form.querySelectorAll('[name="' + field.getAttribute("data-shown-with") + '"]') : [];
    var wrapper = document.getElementById("div_" + field.id) || field.parentNode;
    if (!controls.length) return;
    function chosen() {
      var value = "";
      controls.forEach(function (control) {
        if (control.type !== "radio" || control.checked) value = control.value;
      });
      return value;
    }
    function sync() {
      wrapper.hidden = chosen() !== field.getAttribute("data-shown-for");
    }
    controls.forEach(function (control) { control.addEventListener("change", sync); });
    sync();
  });
})();
