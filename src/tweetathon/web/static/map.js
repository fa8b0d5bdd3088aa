// The interactive participant map: Leaflet over the Natural Earth outlines (no tiles), participants near each
// other at the current zoom clustered into one marker with their count, filters by role and country applied
// to the map and to the list beside it. Every text goes in through textContent (never as HTML).
(function () {
  "use strict";
  var host = document.getElementById("participant-map");
  if (!host || !window.L || !window.fetch) { return; }
  var CELL = 44;  // pixels: markers closer than this at the current zoom become one cluster
  var filters = document.getElementById("map-filters");
  var failed = document.getElementById("map-failed");
  var all = [];
  var layer = null;

  function chosen(name) {
    var field = filters ? filters.elements.namedItem(name) : null;
    return field ? field.value : "";
  }

  function visible() {
    var role = chosen("role"), country = chosen("country");
    return all.filter(function (f) {
      var p = f.properties;
      return (!role || p.role === role) && (!country || p.country === country);
    });
  }

  function label(p) {
    return (p.agency || p.handle) + " (@" + p.handle + ", " + p.role + ")" + (p.city ? ", " + p.city : "");
  }

  function popup(group) {
    var box = document.createElement("div");
    var head = document.createElement("strong");
    head.textContent = group.length === 1 ? label(group[0].properties) : group.length + " participants";
    box.appendChild(head);
    if (group.length > 1) {
      var list = document.createElement("ul");
      group.forEach(function (f) {
        var item = document.createElement("li");
        item.textContent = label(f.properties);
        list.appendChild(item);
      });
      box.appendChild(list);
    }
    return box;
  }

  function clusters(map, features) {
    var zoom = map.getZoom(), cells = {};
    features.forEach(function (f) {
      var c = f.geometry.coordinates;
      var point = map.project([c[1], c[0]], zoom);
      var key = Math.floor(point.x / CELL) + ":" + Math.floor(point.y / CELL);
      (cells[key] = cells[key] || []).push(f);
    });
    return Object.keys(cells).map(function (k) { return cells[k]; });
  }

  function samePlace(group) {
    var first = group[0].geometry.coordinates;
    return group.every(function (f) {
      var c = f.geometry.coordinates;
      return c[0] === first[0] && c[1] === first[1];
    });
  }

  function marker(map, group) {
    var lat = 0, lon = 0;
    group.forEach(function (f) { lon += f.geometry.coordinates[0]; lat += f.geometry.coordinates[1]; });
    var centre = L.latLng(lat / group.length, lon / group.length);
    var size = group.length === 1 ? 18 : Math.min(26 + 4 * Math.log(group.length) * 2, 48);
    var face = document.createElement("span");
    face.textContent = group.length === 1 ? "" : String(group.length);
    var title = group.length === 1 ? label(group[0].properties) : group.length + " participants here";
    var m = L.marker(centre, {
      icon: L.divIcon({ html: face, className: "cluster-icon" + (group.length === 1 ? " single" : ""),
                        iconSize: [size, size] }),
      title: title, alt: title, keyboard: true, riseOnHover: true
    });
    m.bindPopup(popup(group));
    if (group.length > 1 && !samePlace(group) && map.getZoom() < map.getMaxZoom()) {
      m.off("click");
      m.on("click", function () { map.setView(centre, Math.min(map.getZoom() + 2, map.getMaxZoom())); });
    }
    return m;
  }

  function draw(map) {
    var shown = visible();
    if (layer) { layer.remove(); }
    layer = L.layerGroup(clusters(map, shown).map(function (g) { return marker(map, g); })).addTo(map);
    var count = document.getElementById("shown-count");
    if (count) { count.textContent = shown.length + " participants shown."; }
  }

  function filterRows() {
    var role = chosen("role"), country = chosen("country");
    document.querySelectorAll("#people-table tbody tr[data-role]").forEach(function (row) {
      row.hidden = !((!role || row.getAttribute("data-role") === role) &&
                     (!country || row.getAttribute("data-country") === country));
    });
  }

  function start(outlines, people) {
    all = people.features;
    host.hidden = false;
    var map = L.map(host, { minZoom: 1, maxZoom: 10, worldCopyJump: false, zoomSnap: 1 });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Outlines: Natural Earth · Leaflet");
    L.geoJSON(outlines, { interactive: false,
      style: { color: "#ffffff", weight: 0.6, fillColor: "#c9d3da", fillOpacity: 1 } }).addTo(map);
    map.setView([20, 0], 2);
    map.on("zoomend", function () { draw(map); });
    draw(map);
    if (filters) {
      filters.addEventListener("change", function () { draw(map); filterRows(); });
    }
  }

  function json(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) { throw new Error(url + ": " + r.status); }
      return r.json();
    });
  }

  Promise.all([json(host.getAttribute("data-outlines")), json(host.getAttribute("data-participants"))])
    .then(function (found) { start(found[0], found[1]); })
    .catch(function () { host.hidden = true; if (failed) { failed.hidden = false; } });
}());
