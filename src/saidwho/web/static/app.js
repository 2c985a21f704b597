// Hovering or focusing any part of an attribution outlines its source, cue and content.
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
    // a piece inside nested attributions belongs to each of them: light them all
    return (mark.getAttribute("data-att") || "").split(" ").filter(Boolean);
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
})();
