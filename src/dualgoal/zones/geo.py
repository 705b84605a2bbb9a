"""Checking a drawn zone boundary (GeoJSON Polygon / MultiPolygon in lon/lat) — pure, no GIS library."""

from __future__ import annotations

import json
import math

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def _fail(message: str) -> None:
    raise ValidationError({"polygon": message})


def _number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _check_ring(ring, where: str) -> list[list[float]]:
    if not isinstance(ring, list):
        _fail(_("%(where)s: a ring must be a list of [longitude, latitude] points.") % {"where": where})
    points = []
    for index, point in enumerate(ring, start=1):
        if not (isinstance(point, list | tuple) and len(point) >= 2 and _number(point[0]) and _number(point[1])):
            _fail(
                _("%(where)s, point %(n)s: a point is [longitude, latitude] in numbers.") % {"where": where, "n": index}
            )
        lon, lat = float(point[0]), float(point[1])
        if not -180 <= lon <= 180:
            _fail(
                _("%(where)s, point %(n)s: longitude %(lon)s is outside −180…180.")
                % {"where": where, "n": index, "lon": lon}
            )
        if not -90 <= lat <= 90:
            _fail(
                _("%(where)s, point %(n)s: latitude %(lat)s is outside −90…90.")
                % {"where": where, "n": index, "lat": lat}
            )
        points.append([round(lon, 7), round(lat, 7)])
    if len(points) < 4:
        _fail(
            _("%(where)s has %(n)s points: a closed ring needs at least 4 (the first repeated at the end).")
            % {"where": where, "n": len(points)}
        )
    if points[0] != points[-1]:
        _fail(_("%(where)s is not closed: the last point must repeat the first.") % {"where": where})
    if len({tuple(p) for p in points}) < 3:
        _fail(_("%(where)s encloses no area (fewer than 3 distinct points).") % {"where": where})
    return points


def _check_polygon(rings, where: str) -> list:
    if not isinstance(rings, list) or not rings:
        _fail(_("%(where)s has no rings.") % {"where": where})
    return [_check_ring(ring, _("%(where)s, ring %(n)s") % {"where": where, "n": i}) for i, ring in enumerate(rings, 1)]


def polygon_clean(value) -> dict | None:
    """A GeoJSON text or object (Polygon, MultiPolygon, or a Feature of one) -> the checked geometry, or None."""
    if value in (None, "", {}):
        return None
    if isinstance(value, str):
        if not value.strip():
            return None
        try:
            value = json.loads(value)
        except json.JSONDecodeError as exc:
            _fail(_("The boundary is not valid GeoJSON: %(error)s.") % {"error": exc.msg})
    if not isinstance(value, dict):
        _fail(_("The boundary must be a GeoJSON object."))
    if value.get("type") == "Feature":
        value = value.get("geometry") or {}
    kind = value.get("type")
    coordinates = value.get("coordinates")
    if kind == "Polygon":
        return {"type": "Polygon", "coordinates": _check_polygon(coordinates, _("The polygon"))}
    if kind == "MultiPolygon":
        if not isinstance(coordinates, list) or not coordinates:
            _fail(_("The multipolygon has no polygons."))
        return {
            "type": "MultiPolygon",
            "coordinates": [
                _check_polygon(poly, _("Polygon %(n)s") % {"n": i}) for i, poly in enumerate(coordinates, 1)
            ],
        }
    _fail(_("The boundary must be a GeoJSON Polygon or MultiPolygon, not “%(kind)s”.") % {"kind": kind or "—"})
    return None


def polygon_bounds(geometry: dict | None) -> tuple[float, float, float, float] | None:
    """(min lon, min lat, max lon, max lat) of a checked geometry."""
    if not geometry:
        return None
    polys = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    points = [p for poly in polys for ring in poly for p in ring]
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    return min(lons), min(lats), max(lons), max(lats)
