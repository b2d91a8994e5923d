// A small editor for the narrative sections of documents: paragraphs, bold, italic and
// lists, nothing else (the server cleans whatever arrives to exactly that). Without
// JavaScript the plain textarea stays and still works.
(function () {
  "use strict";
  document.querySelectorAll("[data-prose-editor]").forEach(function (root) {
    var area = root.querySelector("[data-area]");
    var toolbar = root.querySelector("[data-toolbar]");
    var textarea = root.querySelector("textarea");
    if (!area || !textarea) { return; }
    area.innerHTML = textarea.value || "<p><br></p>";
    textarea.hidden = true;
    area.classList.remove("d-none");
    toolbar.classList.remove("d-none");
    document.execCommand("defaultParagraphSeparator", false, "p");
    function sync() { textarea.value = area.innerHTML; }
    area.addEventListener("input", sync);
    area.addEventListener("paste", function (event) {
      // Pasted text keeps its words, not the formatting of wherever it came from.
      event.preventDefault();
      var text = (event.clipboardData || window.clipboardData).getData("text/plain");
      document.execCommand("insertText", false, text);
    });
    toolbar.querySelectorAll("[data-command]").forEach(function (button) {
      button.addEventListener("click", function () {
        area.focus();
        document.execCommand(button.getAttribute("data-command"), false, null);
        sync();
      });
    });
    root.closest("form").addEventListener("submit", sync);
  });
})();
