"""The impact of a rule change as text (terminal), JSON, or one self-contained HTML page.

Written for rule authors: rule ids and fact names are shown as they are in the
rule files, since that is what the author edits. Every text from the rules or
the data goes through Jinja2's autoescape in the HTML page.
"""

from __future__ import annotations

import json

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ..grants import ITEM_NAMES
from ..paths import TEMPLATES_DIR
from .outcome import ABSENT
from .simulate import Impact

STATUS = {
    "fired": {"ja": "該当", "en": "fired"},
    "not_fired": {"ja": "非該当", "en": "not fired"},
    "undetermined": {"ja": "未確定", "en": "undetermined"},
    "inactive": {"ja": "適用外", "en": "inactive"},
    ABSENT: {"ja": "ルールなし", "en": "no such rule"},
}
ELIGIBLE = {True: {"ja": "対象", "en": "eligible"}, False: {"ja": "対象外", "en": "not eligible"},
            None: {"ja": "未確定", "en": "undetermined"},
            "conditional": {"ja": "条件付きで対象", "en": "eligible on condition"}}
TEXT = {
    "title": {"ja": "ルール変更の影響", "en": "Rule-change impact"},
    "as_of": {"ja": "基準日", "en": "As of"},
    "each_profile": {"ja": "各プロファイルの基準日", "en": "each profile's own"},
    "baseline": {"ja": "基準（出荷時）", "en": "Baseline"},
    "reform": {"ja": "変更案", "en": "Reform"},
    "shipped": {"ja": "出荷時", "en": "shipped"},
    "rules": {"ja": "ルール", "en": "rules"},
    "parameters": {"ja": "パラメータ", "en": "parameters"},
    "evaluated": {"ja": "評価した団体", "en": "Municipalities evaluated"},
    "affected": {"ja": "影響のある団体", "en": "Municipalities affected"},
    "by_rule": {"ja": "ルール別", "en": "By rule"},
    "by_prefecture": {"ja": "都道府県別", "en": "By prefecture"},
    "yen": {"ja": "特別交付税の見込み額（対象と確定した項目）", "en": "Grant estimates (items found eligible)"},
    "by_municipality": {"ja": "団体別", "en": "By municipality"},
    "rule": {"ja": "ルール", "en": "rule"},
    "now_fire": {"ja": "該当するように", "en": "now fire"},
    "no_longer_fire": {"ja": "該当しなく", "en": "no longer fire"},
    "other": {"ja": "その他の変化", "en": "other change"},
    "asks_added": {"ja": "提言の追加", "en": "recommendations added"},
    "asks_removed": {"ja": "提言の削除", "en": "recommendations removed"},
    "questions_added": {"ja": "確認事項追加", "en": "questions added"},
    "questions_removed": {"ja": "確認事項削除", "en": "questions removed"},
    "prefecture": {"ja": "都道府県", "en": "prefecture"},
    "change_yen": {"ja": "増減（円）", "en": "change (yen)"},
    "counted": {"ja": "計上する増減", "en": "counted change"},
    "item": {"ja": "項目", "en": "item"},
    "before_yen": {"ja": "変更前（円）", "en": "before (yen)"},
    "after_yen": {"ja": "変更後（円）", "en": "after (yen)"},
    "total": {"ja": "合計", "en": "total"},
    "population": {"ja": "人口", "en": "population"},
    "status_changes": {"ja": "結果の変化", "en": "outcome changes"},
    "grants": {"ja": "交付税", "en": "grants"},
    "none": {"ja": "影響なし", "en": "no municipality is affected"},
    "no_rule_change": {"ja": "ルールの結果・提言の変化なし", "en": "no rule outcome or recommendation changes"},
    "failures": {"ja": "評価できなかった入力", "en": "Inputs that could not be evaluated"},
    "unknown": {"ja": "不明", "en": "unknown"},
}


def _t(key: str, lang: str) -> str:
    return TEXT[key][lang]


def yen(amount: int | None, signed: bool = False) -> str:
    if amount is None:
        return "—"
    return f"{amount:+,}" if signed else f"{amount:,}"


def _side(info: dict, lang: str) -> str:
    rules = _t("shipped", lang) if info["rules"] == "shipped" else info["rules"]
    params = _t("shipped", lang) if info["parameters"] == "shipped" else ", ".join(info["parameters"])
    return (f"{_t('rules', lang)} {rules}; {_t('parameters', lang)} {params} "
            f"(ruleset sha256 {info['ruleset_sha256'][:16]}…)")


def change_lines(c, lang: str) -> list[tuple[str, str]]:
    """(label, text) pairs describing one change (an outcome.Change): impact text and HTML, log replay."""
    rows = []
    for key, values in (("now_fire", c.now_fire), ("no_longer_fire", c.no_longer_fire)):
        if values:
            rows.append((_t(key, lang), ", ".join(values)))
    others = [f"{rule} {STATUS[b][lang]} → {STATUS[a][lang]}" for rule, b, a in c.other_status_changes]
    if others:
        rows.append((_t("status_changes", lang), "; ".join(others)))
    for key in ("asks_added", "asks_removed", "questions_added", "questions_removed"):
        values = getattr(c, key)
        if values:
            rows.append((_t(key, lang), ", ".join(values)))
    for g in c.grants:
        name = ITEM_NAMES.get(g.item, {}).get(lang, g.item)
        unit = "円" if lang == "ja" else " yen"
        rows.append((_t("grants", lang),
                     f"{name}: {ELIGIBLE[g.eligible_before][lang]} {yen(g.yen_before)}{unit} → "
                     f"{ELIGIBLE[g.eligible_after][lang]} {yen(g.yen_after)}{unit}"
                     f" ({_t('counted', lang)} {yen(g.counted_change, signed=True)}{unit})"))
    return rows


def text_table(heads: list[str], rows: list[list]) -> list[str]:
    cells = [[str(c) for c in row] for row in [heads] + rows]
    widths = [max(_width(row[i]) for row in cells) for i in range(len(heads))]
    return ["  " + "  ".join(_pad(c, w, i > 0) for i, (c, w) in enumerate(zip(row, widths))).rstrip()
            for row in cells]


def _width(text: str) -> int:
    # East Asian wide characters take two columns in a terminal.
    import unicodedata
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * (width - _width(text))
    return gap + text if right else text + gap


def render_text(impact: Impact, lang: str = "ja") -> str:
    t = lambda key: _t(key, lang)  # noqa: E731
    lines = [t("title"), "=" * 60,
             f"{t('as_of')}: {impact.as_of.isoformat() if impact.as_of else t('each_profile')}",
             f"{t('baseline')}: {_side(impact.baseline, lang)}",
             f"{t('reform')}: {_side(impact.reform, lang)}",
             f"{t('evaluated')}: {impact.evaluated:,}",
             f"{t('affected')}: {len(impact.affected):,}"]
    if not impact.affected:
        lines += ["", t("none")]
    else:
        by_rule = impact.by_rule()
        lines += ["", f"{t('by_rule')}:"]
        lines += [f"  {t('no_rule_change')}"] if not by_rule else text_table([t("rule"), t("now_fire"), t("no_longer_fire"), t("other"), t("asks_added"), t("asks_removed")],
                        [[rule, r["now_fire"], r["no_longer_fire"], r["other"], r["asks_added"], r["asks_removed"]]
                         for rule, r in by_rule.items()])
        lines += ["", f"{t('by_prefecture')}:"]
        lines += text_table([t("prefecture"), t("evaluated"), t("affected"), t("now_fire"), t("no_longer_fire"),
                         t("change_yen")],
                        [[p, r["evaluated"], r["affected"], r["now_fire"], r["no_longer_fire"],
                          yen(r["change_yen"], signed=True)]
                         for p, r in impact.by_prefecture().items() if r["affected"]])
        money = impact.yen()
        lines += ["", f"{t('yen')}:"]
        lines += text_table([t("item"), t("before_yen"), t("after_yen"), t("change_yen")],
                        [[ITEM_NAMES.get(item, {}).get(lang, item), yen(r["before_yen"]), yen(r["after_yen"]),
                          yen(r["change_yen"], signed=True)] for item, r in money["items"].items()]
                        + [[t("total"), yen(money["total"]["before_yen"]), yen(money["total"]["after_yen"]),
                            yen(money["total"]["change_yen"], signed=True)]])
        lines += ["", f"{t('by_municipality')}:"]
        for m in impact.affected:
            population = f"{m.population:,}" if m.population is not None else t("unknown")
            lines.append(f"  {m.code} {m.prefecture}{m.name} ({t('population')} {population})")
            lines += [f"      {label}: {text}" for label, text in change_lines(m.change, lang)]
    if impact.failures:
        lines += ["", f"{t('failures')}:"] + [f"  {label}: {message}" for label, message in impact.failures]
    return "\n".join(lines) + "\n"


def render_json(impact: Impact) -> str:
    return json.dumps(impact.as_json(), ensure_ascii=False, indent=2) + "\n"


def render_html(impact: Impact, lang: str = "ja") -> str:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES_DIR)), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["yen"] = yen
    env.filters["signed"] = lambda v: yen(v, signed=True)
    return env.get_template("impact.html.j2").render(
        lang=lang, t={key: value[lang] for key, value in TEXT.items()}, impact=impact,
        as_of=impact.as_of.isoformat() if impact.as_of else TEXT["each_profile"][lang],
        baseline=_side(impact.baseline, lang), reform=_side(impact.reform, lang),
        by_rule=impact.by_rule(), by_prefecture=[(p, r) for p, r in impact.by_prefecture().items() if r["affected"]],
        money=impact.yen(), items={item: ITEM_NAMES.get(item, {}).get(lang, item) for item in ITEM_NAMES},
        municipalities=[(m, change_lines(m.change, lang)) for m in impact.affected])
