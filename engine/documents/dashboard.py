"""The batch dashboard: one self-contained HTML page with inline SVG charts.

The charts are drawn here as SVG text (no script, no external file, no web
font), so the page opens offline and prints. Every piece of text that comes
from data goes through ``escape`` before it enters the SVG, and the page itself
is rendered by Jinja2 with autoescape and StrictUndefined.
"""

from __future__ import annotations

import math

from jinja2 import FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

import datetime as dt

from ..knowledge.base import KnowledgeBase
from ..knowledge.dates import day_text
from ..rules.rulebook import FAMILIES
from ..rules.vocabulary import default_vocabulary
from .wareki import format_date
from ..paths import TEMPLATES_DIR
from .environment import PlainDataEnvironment
from ..batch.summary import BAND_NAMES, STATUS_NAMES, STATUSES

# Okabe–Ito colours: told apart with colour-blindness and in greyscale print (with the legend).
COLOURS = {"group": "#009E73", "single": "#0072B2", "none": "#E69F00", "unknown": "#999999"}
OUTSIDE = "#E4E4E4"  # municipalities not in this batch, drawn for context
FONT = "font-family='sans-serif'"

CREDITS = (
    {"ja": "「国土数値情報（行政区域データ）」（国土交通省）を加工して作成（地図の区域）",
     "en": "Municipality areas: processed from MLIT National Land Numerical Information (administrative areas, N03)"},
    {"ja": "独立行政法人統計センター「教育用標準データセット（SSDSE）」（人口: 平成27年・令和2年国勢調査）",
     "en": "Population: National Statistics Center, SSDSE (Standardized Statistical Data Set for Education; "
           "2015 and 2020 censuses)"},
    {"ja": "総務省「地方公共団体の主要財政指標一覧」（財政力指数）",
     "en": "Fiscal strength index: MIC, key fiscal indicators of local governments"},
    {"ja": "全国の実績値・一人当たり経費: 総務省「市区町村における情報システム経費の調査結果」（2018年3月30日）ほか、各行に出典を記載",
     "en": "National figures and per-resident costs: MIC survey of municipal IT costs (30 March 2018) and others, each with its source"},
)


def _text(x: float, y: float, content: str, anchor: str = "start", size: int = 11, extra: str = "") -> str:
    return (f"<text x='{x:.1f}' y='{y:.1f}' font-size='{size}' text-anchor='{anchor}' {FONT}{extra}>"
            f"{escape(content)}</text>")


def _svg(width: float, height: float, body: list[str], label: str) -> Markup:
    head = (f"<svg xmlns='http://www.w3.org/2000/svg' width='{width:.0f}' height='{height:.0f}' "
            f"viewBox='0 0 {width:.0f} {height:.0f}' role='img' aria-label='{escape(label)}'>"
            f"<title>{escape(label)}</title>")
    return Markup(head + "".join(body) + "</svg>")


def prefecture_chart(summary: dict, lang: str) -> Markup:
    """100 % stacked bars of status by prefecture, with the national target's share as a dashed line."""
    rows = summary["by_prefecture"]
    label_w, bar_w, row_h, top = 78, 420, 16, 26
    width, height = label_w + bar_w + 70, top + row_h * max(1, len(rows)) + 28
    body = [_text(label_w, 14, {"ja": "状態の内訳（各都道府県の団体数に対する割合）",
                                "en": "Status by prefecture (share of its municipalities)"}[lang], size=12)]
    for i, row in enumerate(rows):
        y = top + i * row_h
        body.append(_text(label_w - 6, y + 11, row["prefecture"], anchor="end"))
        x = float(label_w)
        for status in STATUSES:
            count = row[status]
            if not count:
                continue
            w = bar_w * count / row["municipalities"]
            body.append(f"<rect x='{x:.1f}' y='{y + 2}' width='{w:.1f}' height='{row_h - 4}' fill='{COLOURS[status]}'>"
                        f"<title>{escape(row['prefecture'])} {escape(STATUS_NAMES[status][lang])}: {count}</title></rect>")
            x += w
        body.append(_text(label_w + bar_w + 6, y + 11, f"{row['municipalities']}"))
    share = summary["target"].get("national_share")
    bottom = top + row_h * max(1, len(rows))
    if share:
        x = label_w + bar_w * min(share, 1.0)
        body.append(f"<line x1='{x:.1f}' y1='{top - 4}' x2='{x:.1f}' y2='{bottom + 4}' stroke='#000' "
                    f"stroke-dasharray='4 3' stroke-width='1.2'/>")
        body.append(_text(x, bottom + 18, {"ja": f"全国目標の割合 {share:.0%}", "en": f"national target share {share:.0%}"}[lang],
                          anchor="middle", size=10))
    return _svg(width, height, body, {"ja": "都道府県別の状態", "en": "status by prefecture"}[lang])


def band_chart(summary: dict, lang: str) -> Markup:
    """Stacked columns: how many municipalities of each population band are in each status."""
    bands = [b for b in summary["by_band"] if b["band"] != "unknown" or b["municipalities"]]
    left, col_w, gap, top, plot_h = 40, 62, 18, 30, 180
    width = left + (col_w + gap) * len(bands) + 10
    height = top + plot_h + 48
    peak = max([b["municipalities"] for b in bands] + [1])
    body = [_text(left, 16, {"ja": "人口区分別の団体数と状態", "en": "Municipalities by population band and status"}[lang],
                  size=12)]
    for tick in _ticks(peak):
        y = top + plot_h - plot_h * tick / peak
        body.append(f"<line x1='{left}' y1='{y:.1f}' x2='{width - 10}' y2='{y:.1f}' stroke='#ddd'/>")
        body.append(_text(left - 4, y + 4, f"{tick:,}", anchor="end", size=10))
    for i, band in enumerate(bands):
        x = left + gap / 2 + i * (col_w + gap)
        y = float(top + plot_h)
        for status in STATUSES:
            count = band[status]
            if not count:
                continue
            h = plot_h * count / peak
            y -= h
            body.append(f"<rect x='{x:.1f}' y='{y:.1f}' width='{col_w}' height='{h:.1f}' fill='{COLOURS[status]}'>"
                        f"<title>{escape(BAND_NAMES[band['band']][lang])} {escape(STATUS_NAMES[status][lang])}: "
                        f"{count}</title></rect>")
        body.append(_text(x + col_w / 2, y - 4, f"{band['municipalities']:,}", anchor="middle", size=10))
        body.append(_text(x + col_w / 2, top + plot_h + 16, BAND_NAMES[band["band"]][lang], anchor="middle", size=10))
    return _svg(width, height, body, {"ja": "人口区分別の分布", "en": "distribution by population band"}[lang])


def _ticks(peak: int) -> list[int]:
    step = 10 ** max(0, int(math.log10(max(peak, 1))))
    if peak / step < 3:
        step = max(1, step // 2)
    return list(range(0, peak + 1, step))


def status_map(records: list[dict], knowledge: KnowledgeBase, lang: str, zoom: bool = False) -> Markup:
    """The municipalities' shapes coloured by status; the others of Japan in light grey.

    ``zoom`` frames only the municipalities of the batch (for a prefecture) and
    writes their names where they fit. Shapes: engine/groups/maps.py (TopoJSON,
    simplified to the map's scale).
    """
    from ..groups.maps import Shape, render_map

    status = {r["code"]: (r["cloud_status"] or "unknown") for r in records}
    order = {"unknown": 0, "none": 1, "single": 2, "group": 3}
    shapes = []
    if not zoom:  # every other municipality of Japan, for context
        shapes = [Shape(code, OUTSIDE, css="outside", stroke="#c8c8c8", stroke_width=0.3)
                  for code in sorted(knowledge.municipalities) if code not in status]
    for code in sorted(status, key=lambda c: (order[status[c]], c)):
        m = knowledge.get(code)
        shapes.append(Shape(code, COLOURS[status[code]], css=f"status-{status[code]}",
                            title=f"{m.prefecture}{m.name} ({code}): {STATUS_NAMES[status[code]][lang]}",
                            label=m.name if zoom else "", stroke="#fff" if not zoom else "#555",
                            stroke_width=0.3 if not zoom else 0.5))
    title = {"ja": "市区町村ごとの状態（区域を状態の色で塗る）" if not zoom else "対象の都道府県の市区町村ごとの状態",
             "en": "Status of each municipality (its area in the status colour)" if not zoom
             else "Status of each municipality of the prefecture"}[lang]
    svg = render_map(knowledge, shapes, width=640 if zoom else 600, max_height=640 if zoom else 620,
                     frame=sorted(status) if zoom else None, context=zoom, title=title,
                     tolerance=0.5 if zoom else 0.7)
    return Markup(svg)


def legend(lang: str) -> Markup:
    body, x = [], 4.0
    for status in STATUSES:
        name = STATUS_NAMES[status][lang]
        body.append(f"<rect x='{x:.0f}' y='4' width='14' height='14' fill='{COLOURS[status]}'/>")
        body.append(_text(x + 19, 16, name, size=12))
        x += 30 + 13 * len(name) if lang == "ja" else 30 + 7 * len(name)
    body.append(f"<rect x='{x:.0f}' y='4' width='14' height='14' fill='{OUTSIDE}'/>")
    outside = {"ja": "対象外", "en": "not in this batch"}[lang]
    body.append(_text(x + 19, 16, outside, size=12))
    x += 30 + (13 if lang == "ja" else 7) * len(outside)
    return _svg(x, 24, body, {"ja": "凡例", "en": "legend"}[lang])


def _environment(lang: str, as_of: str | None) -> PlainDataEnvironment:
    env = PlainDataEnvironment(loader=FileSystemLoader(str(TEMPLATES_DIR)), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["yen"] = lambda v: "—" if v is None else f"{int(round(v)):,}"
    env.filters["num"] = lambda v: "—" if v is None else f"{v:,}"
    env.filters["pct"] = lambda v: "—" if v is None else f"{v:.1%}"
    # A reader sees dates as the memo writes them (never ISO), the era as known on the as-of date.
    known_on = _date(as_of)
    env.filters["date"] = lambda v: format_date(_date(v), lang, known_on) if _date(v) else "—"
    env.filters["day"] = lambda v: day_text(_date(v), lang) if _date(v) else "—"
    # ... and rule families and facts in words, never their internal names.
    vocabulary = default_vocabulary()
    env.filters["family"] = lambda v: FAMILIES[v][lang] if v in FAMILIES else v
    env.filters["fact"] = lambda v: vocabulary[v].description[lang] if v in vocabulary else v
    return env


def _date(value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def render_dashboard(summary: dict, records: list[dict], knowledge: KnowledgeBase, lang: str = "ja") -> str:
    prefectures = {r["prefecture"] for r in records}
    charts = {
        "legend": legend(lang),
        "prefectures": prefecture_chart(summary, lang),
        "bands": band_chart(summary, lang),
        "map": status_map(records, knowledge, lang),
        "zoom": status_map(records, knowledge, lang, zoom=True) if len(prefectures) == 1 else None,
    }
    template = _environment(lang, summary.get("as_of")).get_template("dashboard.html.j2")
    return template.render(summary=summary, charts=charts, lang=lang, credits=[c[lang] for c in CREDITS],
                           status_names={k: v[lang] for k, v in STATUS_NAMES.items()},
                           band_names={k: v[lang] for k, v in BAND_NAMES.items()}, statuses=STATUSES,
                           colours=COLOURS, list_limit=200)
