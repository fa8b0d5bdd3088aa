// The live dashboard: follows the server-sent events of /events/SLUG/live/stream (one JSON snapshot per change)
// and updates the counters, the band, the posts-per-hour chart, the map (participants lit once they have
// posted), the latest posts and top participants, and (organisers) the questions queue. Every text goes in
// through textContent, never as HTML. The browser's EventSource reconnects by itself with Last-Event-ID.
(function () {
  "use strict";
  var root = document.getElementById("live");
  if (!root || !window.EventSource) { return; }
  document.documentElement.classList.add("js");
  var zone = root.getAttribute("data-zone") || "UTC";
  var SVG = "http://www.w3.org/2000/svg";
  var numbers = new Intl.NumberFormat("en");
  var points = {};  // participant key -> Leaflet circle marker
  var lit = [];

  function text(tag, value, className) {
    var node = document.createElement(tag);
    node.textContent = value;
    if (className) { node.className = className; }
    return node;
  }

  function when(iso, withDay) {
    var options = { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
    if (withDay) { options.day = "2-digit"; options.month = "short"; }
    try { return new Intl.DateTimeFormat("en-GB", options).format(new Date(iso)); } catch (e) { return iso; }
  }

  function setKey(key, value) {
    root.querySelectorAll('[data-key="' + key + '"]').forEach(function (node) {
      node.textContent = numbers.format(value);
      node.setAttribute("data-value", String(value));
    });
  }

  function segments(parent, list) {
    list.forEach(function (s) {
      if (s[2] && /^https?:\/\//.test(s[2])) {
        var link = text("a", s[1]);
        link.href = s[2];
        link.rel = "nofollow noopener noreferrer";
        parent.appendChild(link);
      } else {
        parent.appendChild(document.createTextNode(s[1]));
      }
    });
  }

  function timeNode(iso, withDay) {
    var node = text("time", when(iso, withDay));
    node.setAttribute("datetime", iso);
    return node;
  }

  function drawLatest(posts) {
    var list = document.getElementById("latest");
    if (!list) { return; }
    list.replaceChildren.apply(list, posts.map(function (p) {
      var item = document.createElement("li");
      item.className = p.participant ? "participant" : "public";
      item.appendChild(text("span", p.author, "author"));
      item.appendChild(timeNode(p.at, true));
      var body = document.createElement("p");
      segments(body, p.segments);
      item.appendChild(body);
      return item;
    }));
  }

  function rows(tableId, values, cells) {
    var body = document.querySelector("#" + tableId + " tbody");
    if (!body) { return; }
    body.replaceChildren.apply(body, values.map(function (v) {
      var row = document.createElement("tr");
      cells(v).forEach(function (cell) {
        var td = document.createElement("td");
        if (typeof cell === "string") { td.textContent = cell; } else { td.appendChild(cell); }
        row.appendChild(td);
      });
      return row;
    }));
  }

  function drawHours(hours) {
    var chart = document.getElementById("hours-chart");
    if (!chart) { return; }
    var width = 1000, height = 200, step = hours.length ? width / hours.length : 0;
    chart.replaceChildren.apply(chart, hours.map(function (h, i) {
      var bar = document.createElementNS(SVG, "rect"), tall = h.percent * height / 100;
      bar.setAttribute("x", String(i * step));
      bar.setAttribute("y", String(height - tall));
      bar.setAttribute("width", String(step * 0.9));
      bar.setAttribute("height", String(tall));
      var title = document.createElementNS(SVG, "title");
      title.textContent = when(h.utc, true) + ": " + h.posts + " posts";
      bar.appendChild(title);
      return bar;
    }));
    rows("hours-table", hours, function (h) { return [when(h.utc, true), String(h.posts)]; });
  }

  function drawMap() {
    var host = document.getElementById("live-map");
    var set = {};
    lit.forEach(function (k) { set[k] = true; });
    var on = 0;
    Object.keys(points).forEach(function (key) {
      var path = points[key].getElement && points[key].getElement();
      if (path) { path.classList.toggle("lit", !!set[key]); }
      if (set[key]) { on += 1; }
    });
    if (host) { host.setAttribute("data-lit", String(on)); host.setAttribute("data-posted", String(lit.length)); }
  }

  function startMap() {
    var host = document.getElementById("live-map");
    if (!host || !window.L || !window.fetch) { return; }
    function json(url) {
      return fetch(url, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) { throw new Error(url + ": " + r.status); }
        return r.json();
      });
    }
    Promise.all([json(host.getAttribute("data-outlines")), json(host.getAttribute("data-participants"))])
      .then(function (found) {
        host.hidden = false;
        var map = L.map(host, { minZoom: 1, maxZoom: 10, zoomSnap: 1 });
        map.attributionControl.setPrefix(false);
        map.attributionControl.addAttribution("Outlines: Natural Earth · Leaflet");
        L.geoJSON(found[0], { interactive: false,
          style: { color: "#ffffff", weight: 0.6, fillColor: "#c9d3da", fillOpacity: 1 } }).addTo(map);
        map.setView([20, 0], 2);
        found[1].features.forEach(function (f) {
          var p = f.properties, c = f.geometry.coordinates;
          var key = p.platform + ":" + p.handle;
          points[key] = L.circleMarker([c[1], c[0]], { radius: 5, className: "live-point", weight: 1,
                                                       interactive: false }).addTo(map);
        });
        drawMap();
      })
      .catch(function () { host.hidden = true; });
  }

  function update(d) {
    Object.keys(d.counters).forEach(function (k) { setKey(k, d.counters[k]); });
    setKey("health_gaps", d.health.gaps);
    setKey("health_waits", d.health.waits);
    setKey("health_failed", d.health.failed);
    var banner = document.getElementById("health-banner");
    if (banner) { banner.classList.toggle("alert", !d.health.ok); }
    setKey("band_now", d.band.now.length);
    setKey("band_next", d.band.next.length);
    var zones = document.getElementById("band-zones");
    if (zones) { zones.textContent = d.band.zones_now.join(", ") || "none"; }
    var updated = document.getElementById("live-updated");
    if (updated) { updated.setAttribute("datetime", d.updated); updated.textContent = when(d.updated, true); }
    drawHours(d.hours);
    drawLatest(d.latest);
    rows("top", d.top, function (t) { return [(t.agency || t.key) + " " + t.key, String(t.posts)]; });
    if (d.waiting) {
      setKey("questions_waiting", d.waiting.length);
      setKey("questions", d.questions.questions);
      setKey("answered", d.questions.answered);
      setKey("import_runs", d.capture_health.import_runs);
      setKey("rejected", d.capture_health.rejected);
      rows("waiting", d.waiting, function (w) {
        var q = document.createElement("span");
        segments(q, w.segments);
        return [w.age_minutes + " min", w.to, w.author, q];
      });
    }
    lit = d.posted;
    drawMap();
  }

  startMap();
  var source = new EventSource(root.getAttribute("data-stream"));
  var seen = 0;
  source.addEventListener("state", function (e) {
    update(JSON.parse(e.data));
    seen += 1;
    root.setAttribute("data-last-id", e.lastEventId);
    root.setAttribute("data-updates", String(seen));
  });
}());
