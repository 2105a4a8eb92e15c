"""Derive knowledge/data/coastline.csv from the shipped TopoJSON (run by hand; not read at run time).

    python3 knowledge/derive_coastline.py

In a TopoJSON topology a border between two municipalities is one arc used by
both; an arc used by a single municipality is its outer edge: the coast (or, in
four prefectures, the edge of 所属未定地, land with no municipality, which is
skipped because that geometry has no code and so its arcs count as used twice).
``coastline_km`` is the haversine length of those arcs on the 1 % simplified
geometry: an underestimate, meant only to say whether a municipality touches
the sea (a sea link to an inland municipality is not "across the sea").
"""

from __future__ import annotations

import csv
import json
import math
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOPOJSON = HERE / "geo" / "municipalities_N03-21_210101_s0010.topojson"


def haversine_km(a, b) -> float:
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def main() -> None:
    topo = json.loads(TOPOJSON.read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    used, owner = Counter(), {}
    for obj in topo["objects"].values():
        for geometry in obj["geometries"]:
            code5 = (geometry.get("properties") or {}).get("N03_007")
            polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
            for polygon in polygons:
                for ring in polygon:
                    for index in ring:
                        index = index if index >= 0 else ~index
                        used[index] += 1
                        owner[index] = code5
    coast = Counter()
    for index, count in used.items():
        if count == 1 and owner[index]:
            points = arcs[index]
            coast[owner[index]] += sum(haversine_km(p, q) for p, q in zip(points, points[1:]))
    with open(HERE / "data" / "municipalities.csv", encoding="utf-8", newline="") as handle:
        municipalities = list(csv.DictReader(handle))
    with open(HERE / "data" / "coastline.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["code", "name", "prefecture", "coastline_km"])
        for m in municipalities:
            writer.writerow([m["code"], m["name"], m["prefecture"], f"{coast.get(m['code5'], 0.0):.1f}"])


if __name__ == "__main__":
    main()
