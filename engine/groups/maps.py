"""Maps of municipality shapes, as self-contained SVG.

Drawn from the boundary TopoJSON in knowledge/geo/ (国土数値情報 N03, 2021,
already simplified to 1 %): the arcs are decoded once per process, projected
equirectangularly with x scaled by cos(latitude), then simplified again for the
map's scale (Douglas–Peucker in pixels, per arc, so that neighbours still share
their border exactly and no slivers open between them). Islands smaller than a
pixel are dropped. A path is written with relative, rounded coordinates. The
SVG has no external tiles, fonts, images, links or scripts; it carries the MLIT
credit. Names are written where they fit inside the shape and clear of the
names already placed (largest shapes first).

* ``map_svg(advisor, advice)``: the memo's map — the municipality, its partners
  and its proposed group;
* ``render_map(...)``: any set of coloured municipalities (the batch dashboard
  by status, ``advise groups --format html`` by proposed group).

The SVG is never put in ``advice.extras`` so the JSON stays small.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from xml.sax.saxutils import escape

from ..gc_pause import gc_paused
from ..knowledge.base import TOPOJSON_PATH

CREDIT = "「国土数値情報（行政区域データ）」（国土交通省）を加工して作成"
CREDIT_NOTE = "（2021年1月1日時点、1%簡略化した境界をさらに地図の縮尺に合わせて簡略化）"
FILL = {"home": "#d62728", "group": "#ff9896", "join": "#fdd49e", "partner": "#c6dbef", "context": "#f0f0f0"}
CONTEXT = "#ececec"
MARGIN = 12


class _Topology:
    """The TopoJSON decoded once per process: arcs as (lon, lat) lists; code5 -> polygons of arc indices."""

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

    def bounds(self, code5: str) -> tuple[float, float, float, float] | None:
        """(west, south, east, north) of the municipality's shape."""
        points = [p for polygon in self.shapes.get(code5, []) for ring in polygon for index in ring
                  for p in (self.arcs[index] if index >= 0 else self.arcs[~index])]
        if not points:
            return None
        lons, lats = [p[0] for p in points], [p[1] for p in points]
        return min(lons), min(lats), max(lons), max(lats)


@functools.lru_cache(maxsize=1)
def topology() -> _Topology:
    with gc_paused():  # ~130,000 small lists that all stay alive
        return _Topology()


class Projection:
    """Equirectangular with x scaled by cos(mid-latitude), fitted into ``width`` pixels (height follows)."""

    def __init__(self, west: float, south: float, east: float, north: float, width: float, max_height: float):
        self.west, self.north = west, north
        self.k = math.cos(math.radians((south + north) / 2))
        span_x, span_y = max((east - west) * self.k, 1e-6), max(north - south, 1e-6)
        self.scale = min((width - 2 * MARGIN) / span_x, (max_height - 2 * MARGIN) / span_y)
        self.width = width
        self.height = span_y * self.scale + 2 * MARGIN
        self.off_x = (width - span_x * self.scale) / 2

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return self.off_x + (lon - self.west) * self.k * self.scale, MARGIN + (self.north - lat) * self.scale


def _simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas–Peucker (iterative); the end points are always kept."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    tol2 = tolerance * tolerance
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = dx * dx + dy * dy
        worst, index = -1.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            if norm == 0:
                d = (px - x1) ** 2 + (py - y1) ** 2
            else:
                cross = dx * (py - y1) - dy * (px - x1)
                d = cross * cross / norm
            if d > worst:
                worst, index = d, i
        if worst > tol2:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, k in zip(points, keep) if k]


class _Drawer:
    """Projected, simplified arcs (each done once, shared by the shapes on both sides)."""

    def __init__(self, topo: _Topology, project: Projection, tolerance: float):
        self.topo, self.project, self.tolerance = topo, project, tolerance
        self._arcs: dict[int, list] = {}

    def arc(self, index: int) -> list[tuple[float, float]]:
        key = index if index >= 0 else ~index
        if key not in self._arcs:
            self._arcs[key] = _simplify([self.project(lon, lat) for lon, lat in self.topo.arcs[key]], self.tolerance)
        points = self._arcs[key]
        return points if index >= 0 else points[::-1]

    def path(self, code5: str, clip: tuple[float, float, float, float] | None = None) -> str:
        """The shape as one SVG path (relative moves, 1 decimal), cut to ``clip`` (x0, y0, x1, y1) if given.

        Rings under a pixel across are left out, unless that would leave the municipality no shape at all."""
        rings = []
        for polygon in self.topo.shapes.get(code5, []):
            for ring in polygon:
                points: list = []
                for index in ring:
                    arc = self.arc(index)
                    points.extend(arc if not points else arc[1:])
                if clip is not None:
                    points = _clip(points, clip)
                if len(points) >= 3:
                    xs, ys = [p[0] for p in points], [p[1] for p in points]
                    rings.append((max(max(xs) - min(xs), max(ys) - min(ys)), points))
        kept = [points for size, points in rings if size >= 1.0]
        if not kept and rings:
            kept = [max(rings, key=lambda r: r[0])[1]]
        if not kept and self.topo.shapes.get(code5):
            # Simplified away entirely (a tiny island): its largest ring unsimplified, so it is still there.
            raw = [[self.project(lon, lat) for lon, lat in ring] for ring in self.topo.rings(code5)]
            raw = [_clip(r, clip) if clip is not None else r for r in raw]
            raw = [r for r in raw if len(r) >= 3]
            if raw:
                kept = [max(raw, key=len)]
        return "".join(_relative(points) for points in kept)


def _clip(points: list, box: tuple[float, float, float, float]) -> list:
    """Sutherland–Hodgman: the ring cut to the rectangle ``box`` (so nothing is drawn off the map)."""
    x0, y0, x1, y1 = box
    edges = ((lambda p: p[0] >= x0, lambda a, b: _cross_x(a, b, x0)), (lambda p: p[0] <= x1, lambda a, b: _cross_x(a, b, x1)),
             (lambda p: p[1] >= y0, lambda a, b: _cross_y(a, b, y0)), (lambda p: p[1] <= y1, lambda a, b: _cross_y(a, b, y1)))
    out = points
    for inside, cross in edges:
        if not out:
            break
        ring, out = out, []
        previous = ring[-1]
        for point in ring:
            if inside(point):
                if not inside(previous):
                    out.append(cross(previous, point))
                out.append(point)
            elif inside(previous):
                out.append(cross(previous, point))
            previous = point
    return out


def _cross_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return x, a[1] + t * (b[1] - a[1])


def _cross_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return a[0] + t * (b[0] - a[0]), y


def _relative(points: list[tuple[float, float]]) -> str:
    """'M x y l dx dy …z' in tenths of a pixel, rounding the running position (no drift)."""
    out = []
    px = py = None
    for x, y in points:
        rx, ry = round(x * 10), round(y * 10)
        if px is None:
            out.append(f"M{rx / 10:g} {ry / 10:g}l")
        elif (rx, ry) != (px, py):
            out.append(f"{(rx - px) / 10:g} {(ry - py) / 10:g} ")
        px, py = rx, ry
    return "".join(out).rstrip() + "z"


@dataclass
class Shape:
    """One municipality on a map."""

    code: str            # 6-digit code
    fill: str
    css: str = "m"       # class, for tests and styling
    title: str = ""      # tooltip
    label: str = ""      # name written on the map where it fits
    hatch: bool = False  # hatched as well as coloured (prints in grey scale)
    stroke: str = "#555"
    stroke_width: float = 0.5


def render_map(knowledge, shapes: list[Shape], *, width: float = 640, max_height: float = 640,
               frame: list[str] | None = None, context: bool = True, title: str = "",
               legend: list[tuple[str, str, bool]] = (), credit: bool = True, tolerance: float = 0.6,
               label_size: float = 9) -> str:
    """An SVG of ``shapes`` (drawn in the order given), framed on ``frame`` (default: all shapes).

    ``context``: municipalities inside the frame that are not among ``shapes`` are drawn in light grey.
    ``legend``: (fill, text, hatched) rows under the map. Returns the SVG text.
    """
    topo = topology()
    codes = {s.code for s in shapes}
    framed = frame or [s.code for s in shapes]
    boxes = [b for c in framed if (b := topo.bounds(knowledge.get(c).code5))]
    if not boxes:
        boxes = [(knowledge.get(c).lon, knowledge.get(c).lat, knowledge.get(c).lon, knowledge.get(c).lat) for c in framed]
    west, south = min(b[0] for b in boxes), min(b[1] for b in boxes)
    east, north = max(b[2] for b in boxes), max(b[3] for b in boxes)
    project = Projection(west, south, east, north, width, max_height)
    drawer = _Drawer(topo, project, tolerance)
    legend_h = 18 * len(legend) + (30 if credit else 0) + (6 if legend else 0)
    height = project.height + legend_h
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
           f'viewBox="0 0 {width:.0f} {height:.0f}" font-family="sans-serif" role="img">',
           f"<title>{escape(title)}</title>",
           '<defs><pattern id="hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">'
           '<line x1="0" y1="0" x2="0" y2="6" stroke="#000" stroke-width="1"/></pattern></defs>',
           f'<rect x="0" y="0" width="{width:.0f}" height="{height:.0f}" fill="#ffffff"/>']
    if context:
        for code, m in sorted(knowledge.municipalities.items()):
            if code in codes or not (west - 0.3 < m.lon < east + 0.3 and south - 0.3 < m.lat < north + 0.3):
                continue
            d = drawer.path(m.code5, clip=(0, 0, width, project.height))
            if d:
                out.append(f'<path d="{d}" fill="{CONTEXT}" stroke="#bbb" stroke-width="0.4"/>')
    for shape in shapes:
        d = drawer.path(knowledge.get(shape.code).code5, clip=(0, 0, width, project.height))
        if not d:
            continue
        tip = f"<title>{escape(shape.title)}</title>" if shape.title else ""
        out.append(f'<path id="m{shape.code}" class="{shape.css}" d="{d}" fill="{shape.fill}" stroke="{shape.stroke}" '
                   f'stroke-width="{shape.stroke_width:g}">{tip}</path>')
        if shape.hatch:
            out.append(f'<path d="{d}" fill="url(#hatch)" fill-opacity="0.35" stroke="none"/>')
    out.extend(_labels(knowledge, topo, project, shapes, label_size))
    y = project.height + 4
    for fill, text, hatched in legend:
        out.append(f'<rect x="{MARGIN}" y="{y:.0f}" width="14" height="12" fill="{fill}" stroke="#333" stroke-width="0.8"/>')
        if hatched:
            out.append(f'<rect x="{MARGIN}" y="{y:.0f}" width="14" height="12" fill="url(#hatch)" fill-opacity="0.35"/>')
        out.append(f'<text x="{MARGIN + 20}" y="{y + 10:.0f}" font-size="11">{escape(text)}</text>')
        y += 18
    if credit:
        out.append(f'<text x="{MARGIN}" y="{height - 18:.0f}" font-size="9" fill="#333">出典: {escape(CREDIT)}</text>')
        out.append(f'<text x="{MARGIN}" y="{height - 6:.0f}" font-size="8" fill="#555">{escape(CREDIT_NOTE)}縮尺は概略。</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _labels(knowledge, topo, project, shapes: list[Shape], size: float) -> list[str]:
    """Names that fit inside their shape's box and clear of those already placed, largest shapes first."""
    placed: list[tuple[float, float, float, float]] = []
    candidates = []
    for shape in shapes:
        if not shape.label:
            continue
        m = knowledge.get(shape.code)
        bounds = topo.bounds(m.code5)
        if bounds is None:
            continue
        x0, y1 = project(bounds[0], bounds[1])
        x1, y0 = project(bounds[2], bounds[3])
        candidates.append(((x1 - x0) * (y1 - y0), shape, m, x1 - x0, y1 - y0))
    out = []
    for _, shape, m, box_w, box_h in sorted(candidates, key=lambda c: (-c[0], c[1].code)):
        bold = shape.css == "home"
        font = size + (2 if bold else 0)
        text_w = font * len(shape.label) * 0.95
        if not bold and (text_w > box_w * 0.9 or font > box_h * 0.8):
            continue  # does not fit inside the shape at this scale
        x, y = project(m.lon, m.lat)
        box = (x - text_w / 2, y - font, x + text_w / 2, y + 2)
        if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
            continue
        placed.append(box)
        out.append(f'<text x="{x:.1f}" y="{y:.1f}" font-size="{font:g}" font-weight="{"bold" if bold else "normal"}" '
                   f'text-anchor="middle" stroke="#fff" stroke-width="2.5" paint-order="stroke">'
                   f'{escape(shape.label)}</text>')
    return out


def map_svg(advisor, advice) -> str:
    """The memo's map: the municipality, its partners, its proposed group and the group it could join."""
    kb = advisor.knowledge
    home = advice.profile.municipality.code
    partners = [p["code"] for p in advice.partners]
    group = [m["code"] for m in (advice.proposed_group or {}).get("members", []) if m["code"] != home]
    join = [m["code"] for m in (advice.extras.get("join_option") or {}).get("members", []) if m["code"] != home]
    role = {code: "partner" for code in partners}
    role.update({code: "join" for code in join})
    role.update({code: "group" for code in group})
    role[home] = "home"
    rank = {"partner": 0, "join": 1, "group": 2, "home": 3}
    order = sorted(role, key=lambda c: (rank[role[c]], c))
    shapes = [Shape(code, FILL[role[code]], css=role[code], title=kb.get(code).display_name, label=kb.get(code).name,
                    hatch=role[code] == "group", stroke="#333", stroke_width=1.6 if role[code] == "home" else 0.8)
              for code in order]
    legend = [(FILL["home"], "当団体 / this municipality", False), (FILL["group"], "提案グループ / proposed group", True)]
    if join:
        legend.append((FILL["join"], "参加を検討できる既存のグループ / existing group to join", False))
    legend.append((FILL["partner"], "連携候補 / partner candidates", False))
    return render_map(kb, shapes, width=640, max_height=440, title=kb.get(home).display_name, legend=legend,
                      tolerance=0.3, label_size=10)
