/* Score page: the answer to each saved entry writes the item's message into its
   #err-<id> (role="alert", which the inputs name in aria-describedby). The field just
   typed into is marked aria-invalid while that message stands, so a screen reader says
   "invalid entry" on it and reads the reason; a valid answer clears the mark. */
(function () {
  "use strict";
  var TYPED = "input:not([type=hidden]):not([type=radio]):not([type=checkbox])";

  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt;
    if (!form || !form.matches || !form.matches("form.item-form")) return;
    var message = document.getElementById(form.dataset.error);
    var invalid = message !== null && message.textContent.trim() !== "";
    var config = event.detail.requestConfig;
    var typed = config && config.triggeringEvent ? config.triggeringEvent.target : null;
    form.querySelectorAll(TYPED).forEach(function (input) {
      if (invalid && input === typed) {
        input.setAttribute("aria-invalid", "true");
      } else {
        input.removeAttribute("aria-invalid");
      }
    });
  });
})();
