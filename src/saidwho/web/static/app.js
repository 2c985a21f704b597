// Hovering or focusing any part of an attribution outlines its source, cue and content
// (marks carry data-att, every attribution they belong to, and data-inner, the innermost).
(function () {
  "use strict";
  var text = document.getElementById("article-text");
  if (!text) { return; }
  function marksOf(ids) {
    var found = [];
    ids.forEach(function (id) {
      text.querySelectorAll('mark[data-att~="' + id + '"]').forEach(function (m) { found.push(m); });
    });
    return found;
  }
  function attributionsOf(mark) {
    // a piece inside nested attributions belongs to several: light the innermost one,
    // the one whose colour it wears
    return [mark.getAttribute("data-inner")].filter(Boolean);
  }
  function light(event) {
    var mark = event.target.closest("mark[data-att]");
    text.querySelectorAll("mark.active").forEach(function (m) { m.classList.remove("active"); });
    if (mark) { marksOf(attributionsOf(mark)).forEach(function (m) { m.classList.add("active"); }); }
  }
  text.addEventListener("mouseover", light);
  text.addEventListener("focusin", light);
  text.addEventListener("mouseleave", light);
  text.addEventListener("focusout", light);

  // Hovering or focusing a speaker in the side panel outlines everything attributed to them.
  var panel = document.querySelector("ol.speakers");
  if (!panel) { return; }
  function lightSpeaker(event) {
    var item = event.target.closest("li[data-speaker]");
    text.querySelectorAll("mark.active").forEach(function (m) { m.classList.remove("active"); });
    if (!item || event.type === "mouseleave" || event.type === "focusout") { return; }
    var n = item.getAttribute("data-speaker");
    text.querySelectorAll('mark[data-speaker="' + n + '"]').forEach(function (m) { m.classList.add("active"); });
  }
  ["mouseover", "focusin", "mouseleave", "focusout"].forEach(function (kind) {
    panel.addEventListener(kind, lightSpeaker);
  });
})();
