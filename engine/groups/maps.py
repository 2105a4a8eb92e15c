"""An SVG map of the municipality, its partners and the proposed group.

Drawn from the boundary TopoJSON in knowledge/geo/ (国土数値情報 N03, 2021):
the arcs are decoded here (delta-encoded, quantised), lon/lat projected
equirectangularly with x scaled by cos(latitude). The SVG is self-contained (no
external tiles, fonts, images or links) and prints in grey scale: the proposed
group is hatched as well as coloured, and every shape is labelled.

``map_svg(advisor, advice)`` returns the SVG text for the memo renderer; the SVG
is never put in ``advice.extras`` so the JSON stays small.
"""

from __future__ import annotations

import functools
import json
import math
from xml.sax.saxutils import escape

from ..knowledge.base import TOPOJSON_PATH

CREDIT = "「国土数値情報（行政区域データ）」（国土交通省）を加工して作成"
WIDTH, HEIGHT, MARGIN, LEGEND = 640, 520, 16, 86
FILL = {"home": "#d62728", "group": "#ff9896", "partner": "#c6dbef", "context": "#f0f0f0"}


class _Topology:
    """The TopoJSON decoded once per process: code5 -> list of polygons (rings of (lon, lat))."""

    def __init__(self, path=TOPOJSON_PATH):
        with open(path, encoding="utf-8") as handle:
            topo = json.load(handle)
        (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
        self.arcs = []
        for arc in topo["arcs"]:
            x = y = 0
            points = []
            for dx, dy in arc:
                x += dx
                y += dy
                points.append((x * sx + tx, y * sy + ty))
            self.arcs.append(points)
        self.shapes: dict[str, list] = {}
        for obj in topo["objects"].values():
            for geometry in obj["geometries"]:
                code5 = (geometry.get("properties") or {}).get("N03_007")
                if not code5:
                    continue
                polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
                self.shapes.setdefault(code5, []).extend(polygons)

    def ring(self, arc_indices: list[int]) -> list[tuple[float, float]]:
        points: list = []
        for index in arc_indices:
            arc = self.arcs[index] if index >= 0 else self.arcs[~index][::-1]
            points.extend(arc if not points else arc[1:])
        return points

    def rings(self, code5: str) -> list[list[tuple[float, float]]]:
        return [self.ring(ring) for polygon in self.shapes.get(code5, []) for ring in polygon]


@functools.lru_cache(maxsize=1)
def topology() -> _Topology:
    return _Topology()


def _projector(rings: list, width: float, height: float):
    lons = [p[0] for ring in rings for p in ring]
    lats = [p[1] for ring in rings for p in ring]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    k = math.cos(math.radians((south + north) / 2))
    span_x, span_y = max((east - west) * k, 1e-6), max(north - south, 1e-6)
    scale = min(width / span_x, height / span_y)
    off_x = MARGIN + (width - span_x * scale) / 2
    off_y = MARGIN + (height - span_y * scale) / 2
    return lambda lon, lat: (off_x + (lon - west) * k * scale, off_y + (north - lat) * scale)


def _path(rings: list, project) -> str:
    parts = []
    for ring in rings:
        points = [project(lon, lat) for lon, lat in ring]
        parts.append("M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in points) + " Z")
    return " ".join(parts)


def render_map(knowledge, home: str, partners: list[str], group: list[str], title: str = "") -> str:
    """The SVG for ``home`` with its ``partners`` and the proposed ``group`` (codes)."""
    topo = topology()
    shown = list(dict.fromkeys([home] + list(group) + list(partners)))
    rings_by = {code: topo.rings(knowledge.get(code).code5) for code in shown}
    every = [ring for rings in rings_by.values() for ring in rings]
    if not every:
        every = [[(knowledge.get(home).lon, knowledge.get(home).lat)]]
    project = _projector(every, WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN - LEGEND)
    role = {code: "partner" for code in partners}
    role.update({code: "group" for code in group})
    role[home] = "home"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'font-family="sans-serif" role="img">',
        f"<title>{escape(title or knowledge.get(home).display_name)}</title>",
        '<defs><pattern id="hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#000" stroke-width="1"/></pattern></defs>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
    ]
    order = sorted(shown, key=lambda c: ({"partner": 0, "group": 1, "home": 2}[role[c]], c))
    for code in order:
        d = _path(rings_by[code], project)
        if not d:
            continue
        kind = role[code]
        out.append(f'<path id="m{code}" class="{kind}" d="{d}" fill="{FILL[kind]}" stroke="#333" '
                   f'stroke-width="{1.6 if kind == "home" else 0.8}"/>')
        if kind == "group":
            out.append(f'<path d="{d}" fill="url(#hatch)" fill-opacity="0.35" stroke="none"/>')
    for code in order:
        m = knowledge.get(code)
        x, y = project(m.lon, m.lat)
        weight = "bold" if code == home else "normal"
        label = escape(m.name)
        out.append(f'<text x="{x:.1f}" y="{y:.1f}" font-size="{12 if code == home else 10}" font-weight="{weight}" '
                   f'text-anchor="middle" stroke="#fff" stroke-width="3" paint-order="stroke">{label}</text>')
    y0 = HEIGHT - LEGEND + 8
    legend = [("home", "当団体 / this municipality"), ("group", "提案グループ / proposed group"),
              ("partner", "連携候補 / partner candidates")]
    for i, (kind, text) in enumerate(legend):
        y = y0 + i * 18
        out.append(f'<rect x="{MARGIN}" y="{y}" width="14" height="12" fill="{FILL[kind]}" stroke="#333" stroke-width="0.8"/>')
        if kind == "group":
            out.append(f'<rect x="{MARGIN}" y="{y}" width="14" height="12" fill="url(#hatch)" fill-opacity="0.35"/>')
        out.append(f'<text x="{MARGIN + 20}" y="{y + 10}" font-size="11">{escape(text)}</text>')
    out.append(f'<text x="{MARGIN}" y="{HEIGHT - 8}" font-size="9" fill="#333">出典: {escape(CREDIT)}（2021年1月1日時点、1%簡略化）'
               f'。縮尺は概略。</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def map_svg(advisor, advice) -> str:
    """The memo's map: the municipality, its partners and the proposed group."""
    home = advice.profile.municipality.code
    partners = [p["code"] for p in advice.partners]
    group = [m["code"] for m in (advice.proposed_group or {}).get("members", []) if m["code"] != home]
    return render_map(advisor.knowledge, home, partners, group)
