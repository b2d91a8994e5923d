/* Irreversible steps ask first. A form (or its submit button) carrying
   data-confirm="…" opens the browser's own confirmation dialog with that text, which
   says what cannot be undone; "Cancel" leaves everything as it was, "OK" sends the form.
   The native dialog is modal, takes the keyboard focus and is read by screen readers.
   It listens in the capture phase, so it runs before any other submit handler. */
(function () {
  "use strict";
  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      var button = event.submitter;
      var text =
        (button && button.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
      if (text && !window.confirm(text)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    },
    true
  );
})();
