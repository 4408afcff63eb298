/* sitegen: filter the timeline by actor and by type. Progressive enhancement only: without
   this script every event shows and the page works the same. No inline code: CSP-friendly. */
(function () {
  "use strict";
  var box = document.getElementById("filters");
  if (!box || !document.querySelectorAll) { return; }
  var events = Array.prototype.slice.call(document.querySelectorAll("article.event"));
  if (events.length < 2) { return; }
  var types = {}, actors = {};
  events.forEach(function (ev) {
    types[ev.getAttribute("data-type")] = true;
    Array.prototype.forEach.call(ev.querySelectorAll(".event-who a"), function (a) {
      var slug = (a.getAttribute("href") || "").replace(/^.*actors\//, "").replace(/\.html$/, "");
      actors[slug] = a.textContent;
    });
  });

  function select(id, label, all, options) {
    var wrap = document.createElement("label");
    wrap.setAttribute("for", id);
    wrap.textContent = label + " ";
    var sel = document.createElement("select");
    sel.id = id;
    var first = document.createElement("option");
    first.value = "";
    first.textContent = all;
    sel.appendChild(first);
    options.forEach(function (pair) {
      var opt = document.createElement("option");
      opt.value = pair[0];
      opt.textContent = pair[1];
      sel.appendChild(opt);
    });
    box.appendChild(wrap);
    box.appendChild(sel);
    sel.addEventListener("change", apply);
    return sel;
  }

  var actorList = Object.keys(actors).map(function (k) { return [k, actors[k]]; })
    .sort(function (a, b) { return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0; });
  var typeList = Object.keys(types).sort().map(function (k) { return [k, k]; });
  var byActor = select("filter-actor", "Actor", "Everyone", actorList);
  var byType = select("filter-type", "Type", "All types", typeList);
  var status = document.createElement("p");
  status.className = "meta";
  status.setAttribute("role", "status");
  box.appendChild(status);

  function apply() {
    var actor = byActor.value, type = byType.value, shown = 0;
    events.forEach(function (ev) {
      var ok = (!type || ev.getAttribute("data-type") === type) &&
        (!actor || (" " + ev.getAttribute("data-actors") + " ").indexOf(" " + actor + " ") >= 0);
      ev.parentNode.hidden = !ok;
      if (ok) { shown += 1; }
    });
    Array.prototype.forEach.call(document.querySelectorAll(".timeline-day"), function (day) {
      day.hidden = !day.querySelector("ol.events > li:not([hidden])");
    });
    status.textContent = (actor || type) ? shown + " of " + events.length + " events shown" : "";
  }
  box.hidden = false;
})();
