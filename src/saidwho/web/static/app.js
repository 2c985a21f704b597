// Hovering or focusing any part of an attribution outlines its source, cue and content
// (marks carry data-att, every attribution they belong to, data-inner, the innermost, and
// data-speaker, the number of the innermost one's speaker). Hovering or focusing a
// speaker in the side panel outlines everything attributed to them. One article layout
// per document: a page may hold several.
(function () {
  "use strict";
  function wire(layout) {
    var text = layout.querySelector(".text");
    var panel = layout.querySelector("ol.speakers");
    if (!text) { return; }
    function clear() {
      text.querySelectorAll("mark.active").forEach(function (m) { m.classList.remove("active"); });
    }
    function lightAll(selector) {
      text.querySelectorAll(selector).forEach(function (m) { m.classList.add("active"); });
    }
    function light(event) {
      clear();
      var mark = event.target.closest("mark[data-inner]");
      if (mark && event.type !== "mouseleave" && event.type !== "focusout") {
        lightAll('mark[data-att~="' + mark.getAttribute("data-inner") + '"]');
      }
    }
    function lightSpeaker(event) {
      clear();
      var item = event.target.closest("li[data-speaker]");
      if (item && event.type !== "mouseleave" && event.type !== "focusout") {
        lightAll('mark[data-speaker="' + item.getAttribute("data-speaker") + '"]');
      }
    }
    ["mouseover", "focusin", "mouseleave", "focusout"].forEach(function (kind) {
      text.addEventListener(kind, light);
      if (panel) { panel.addEventListener(kind, lightSpeaker); }
    });
  }
  document.querySelectorAll(".article-layout").forEach(wire);
})();
