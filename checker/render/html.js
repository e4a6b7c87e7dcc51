"use strict";
(function () {
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input.f-sev"));
  var ruleSelect = document.getElementById("f-rule");
  var items = Array.prototype.slice.call(document.querySelectorAll("li.finding"));
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark.flagged"));
  var shown = document.getElementById("shown-count");

  function apply() {
    var severities = {};
    boxes.forEach(function (b) { if (b.checked) { severities[b.value] = true; } });
    var rule = ruleSelect ? ruleSelect.value : "";
    var visible = {};
    var n = 0;
    items.forEach(function (li) {
      var show = !!severities[li.dataset.severity] && (!rule || li.dataset.rule === rule);
      li.hidden = !show;
      if (show) { visible[li.id] = true; n += 1; }
    });
    if (shown) { shown.textContent = String(n); }
    marks.forEach(function (m) {
      var ids = (m.dataset.f || "").split(" ");
      m.classList.toggle("dim", !ids.some(function (id) { return visible[id]; }));
    });
  }

  function focus(id) {
    document.querySelectorAll("mark.focus").forEach(function (m) { m.classList.remove("focus"); });
    if (!/^k[0-9]+$/.test(id)) { return; }
    document.querySelectorAll("mark." + id).forEach(function (m) { m.classList.add("focus"); });
  }

  boxes.forEach(function (b) { b.addEventListener("change", apply); });
  if (ruleSelect) { ruleSelect.addEventListener("change", apply); }
  window.addEventListener("hashchange", function () { focus(location.hash.slice(1)); });
  document.addEventListener("click", function (event) {
    var mark = event.target.closest ? event.target.closest("mark.flagged") : null;
    if (!mark) { return; }
    var first = (mark.dataset.f || "").split(" ")[0];
    if (first) { location.hash = first; }
  });
  focus(location.hash.slice(1));
  apply();
}());
