"""Derive knowledge/data/hokkaido_subprefectures.csv from the shipped TopoJSON (run by hand; not read at run time).

    python3 knowledge/derive_subprefectures.py

北海道's municipalities belong to 14 振興局 (総合振興局・振興局, the 支庁 before the
reform of 2010-04-01). The code numbers 町村 by 振興局 but not 市, so the 振興局 is read
from the geometry's attribute N03_002 (支庁・振興局名) of 国土数値情報 行政区域データ
(N03, 2021-01-01), which names it for every municipality of 北海道 (市 included).
The six villages of the 北方領土 have geometry but no row in municipalities.csv: left out.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOPOJSON = HERE / "geo" / "municipalities_N03-21_210101_s0010.topojson"


def main() -> None:
    topo = json.loads(TOPOJSON.read_text(encoding="utf-8"))
    office = {}
    for obj in topo["objects"].values():
        for geometry in obj["geometries"]:
            properties = geometry.get("properties") or {}
            if properties.get("N03_001") == "北海道" and properties.get("N03_007"):
                office.setdefault(properties["N03_007"], properties["N03_002"])
    with open(HERE / "data" / "municipalities.csv", encoding="utf-8", newline="") as handle:
        hokkaido = [m for m in csv.DictReader(handle) if m["prefecture"] == "北海道"]
    with open(HERE / "data" / "hokkaido_subprefectures.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["code", "name", "subprefecture"])
        for m in hokkaido:
            writer.writerow([m["code"], m["name"], office[m["code5"]]])


if __name__ == "__main__":
    main()
