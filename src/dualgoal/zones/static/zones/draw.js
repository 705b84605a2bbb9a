/* Offline boundary drawing for a zone: an SVG board in longitude/latitude (no map tiles, no CDN).
   Click to add corners; each part closes itself; the GeoJSON (Polygon or MultiPolygon) goes into the textarea,
   and a pasted GeoJSON is drawn back. Works on a plain page with no library. */
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var W = 600, H = 400;

  function init(fieldset) {
    var board = fieldset.querySelector("[data-draw=board]");
    var text = fieldset.querySelector("textarea[data-zone-polygon]");
    var status = fieldset.querySelector("[data-draw=status]");
    if (!board || !text) return;
    var b = (board.getAttribute("data-bounds") || "106.15,21.18,106.35,21.32").split(",").map(Number);
    var bounds = { minLon: b[0], minLat: b[1], maxLon: b[2], maxLat: b[3] };
    var parts = [[]];

    function fromGeoJSON(value) {
      var g;
      try { g = JSON.parse(value); } catch (e) { return null; }
      if (g && g.type === "Feature") g = g.geometry;
      if (!g || !g.coordinates) return null;
      var polys = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : null;
      if (!polys) return null;
      return polys.map(function (poly) {
        var ring = (poly[0] || []).slice();
        if (ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1]) ring.pop();
        return ring.map(function (p) { return [Number(p[0]), Number(p[1])]; });
      });
    }

    function fit() {
      var pts = [].concat.apply([], parts);
      if (!pts.length) return;
      var lons = pts.map(function (p) { return p[0]; }), lats = pts.map(function (p) { return p[1]; });
      var minLon = Math.min.apply(null, lons), maxLon = Math.max.apply(null, lons);
      var minLat = Math.min.apply(null, lats), maxLat = Math.max.apply(null, lats);
      if (minLon >= bounds.minLon && maxLon <= bounds.maxLon && minLat >= bounds.minLat && maxLat <= bounds.maxLat) return;
      var padLon = Math.max((maxLon - minLon) * 0.3, 0.01), padLat = Math.max((maxLat - minLat) * 0.3, 0.01);
      bounds = { minLon: minLon - padLon, maxLon: maxLon + padLon, minLat: minLat - padLat, maxLat: maxLat + padLat };
    }

    function x(lon) { return (lon - bounds.minLon) / (bounds.maxLon - bounds.minLon) * W; }
    function y(lat) { return H - (lat - bounds.minLat) / (bounds.maxLat - bounds.minLat) * H; }

    function el(name, attrs, parent) {
      var node = document.createElementNS(NS, name);
      Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
      (parent || board).appendChild(node);
      return node;
    }

    function draw() {
      while (board.firstChild) board.removeChild(board.firstChild);
      for (var i = 0; i <= 4; i++) {
        var lon = bounds.minLon + (bounds.maxLon - bounds.minLon) * i / 4;
        var lat = bounds.minLat + (bounds.maxLat - bounds.minLat) * i / 4;
        el("line", { x1: x(lon), y1: 0, x2: x(lon), y2: H, stroke: "#ced4da", "stroke-width": 1 });
        el("line", { x1: 0, y1: y(lat), x2: W, y2: y(lat), stroke: "#ced4da", "stroke-width": 1 });
        el("text", { x: x(lon) + 2, y: H - 4, "font-size": 11, fill: "#6c757d" }).textContent = lon.toFixed(3) + "°E";
        el("text", { x: 2, y: y(lat) - 3, "font-size": 11, fill: "#6c757d" }).textContent = lat.toFixed(3) + "°N";
      }
      parts.forEach(function (ring, index) {
        if (!ring.length) return;
        var points = ring.map(function (p) { return x(p[0]) + "," + y(p[1]); }).join(" ");
        el(ring.length >= 3 ? "polygon" : "polyline", {
          points: points, fill: ring.length >= 3 ? "rgba(220,53,69,.25)" : "none",
          stroke: index === parts.length - 1 ? "#b02a37" : "#dc3545", "stroke-width": 2
        });
        ring.forEach(function (p) { el("circle", { cx: x(p[0]), cy: y(p[1]), r: 4, fill: "#b02a37" }); });
      });
      var corners = [].concat.apply([], parts).length;
      if (status) status.textContent = corners ? (status.getAttribute("data-label") || "") + " " + corners : "";
    }

    function write() {
      var rings = parts.filter(function (r) { return r.length >= 3; }).map(function (r) {
        var closed = r.map(function (p) { return [Number(p[0].toFixed(6)), Number(p[1].toFixed(6))]; });
        closed.push(closed[0].slice());
        return [closed];
      });
      if (!rings.length) { text.value = ""; return; }
      var geometry = rings.length === 1 ? { type: "Polygon", coordinates: rings[0] } : { type: "MultiPolygon", coordinates: rings };
      text.value = JSON.stringify(geometry);
    }

    function read() {
      var found = text.value.trim() ? fromGeoJSON(text.value) : [];
      if (found) { parts = found.length ? found : [[]]; fit(); draw(); }
    }

    board.addEventListener("click", function (event) {
      var rect = board.getBoundingClientRect();
      var px = (event.clientX - rect.left) / rect.width * W, py = (event.clientY - rect.top) / rect.height * H;
      var lon = bounds.minLon + px / W * (bounds.maxLon - bounds.minLon);
      var lat = bounds.minLat + (H - py) / H * (bounds.maxLat - bounds.minLat);
      parts[parts.length - 1].push([lon, lat]);
      write(); draw();
    });
    fieldset.addEventListener("click", function (event) {
      var action = event.target.getAttribute && event.target.getAttribute("data-draw");
      if (action === "undo") { var last = parts[parts.length - 1]; if (last.length) last.pop(); else if (parts.length > 1) parts.pop(); }
      else if (action === "new") { if (parts[parts.length - 1].length) parts.push([]); }
      else if (action === "clear") { parts = [[]]; }
      else return;
      write(); draw();
    });
    text.addEventListener("input", read);
    read(); draw();
  }

  function start() { document.querySelectorAll("[data-testid=zone-draw]").forEach(init); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
