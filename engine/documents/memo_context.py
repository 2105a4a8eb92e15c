"""The context the memo templates render: the contract JSON plus what a memo needs.

Built from ``output_json.advice_json`` (never recomputing what it holds) and the
audit record; everything is plain dicts, lists and strings so an office's
sandboxed template sees data, not engine objects. Values that come from the
profile (free text an advisor typed) pass through ``escape_text`` — identity
for HTML (Jinja2 autoescapes), backslash escapes for Markdown.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from typing import Any, Callable

from ..advice import TOOL_VERSION, Advice, Advisor
from ..groups.partners import score_text
from .audit import audit_record, audit_summary, reproduce_command
from .memo_labels import CLOUD_PLAN, CLOUD_STATUS, DRIVING_BODY, LABELS, MUNICIPALITY_TYPE_EN
from .output_json import advice_json
from .roadmap import build_roadmap
from .wareki import format_date, format_month, seireki
from .yen import format_yen, yen_exact

SECTION_IDS = ("header", "summary", "standing", "recommendations", "grants", "partners", "cases", "roadmap",
               "questions", "appendix")
MAX_ASKS = 3
MAX_CASES = 6
KIND_RANK = {"recommend": 0, "warn": 1, "note": 2}

# Published per-resident IT cost by population band (national facts metric -> [low, high)).
COST_BANDS = {
    "it_system_cost_per_resident_pop_under_20k": (0, 20_000, {"ja": "人口2万人未満", "en": "under 20,000 people"}),
    "it_system_cost_per_resident_pop_100k_200k": (100_000, 200_000, {"ja": "人口10万〜20万人", "en": "100,000–200,000 people"}),
}
COST_BASIS = {"ja": "平成29年度当初予算、2018年3月30日公表", "en": "FY2017 budgets, published 30 March 2018"}
COST_PUBLISHED = dt.date(2018, 3, 30)
# Advice dated before the survey was published still shows it, but says it is hindsight.
COST_HINDSIGHT = {"ja": "。基準日より後に公表された数値であり参考として示す",
                  "en": "; published after the advice date, shown for reference"}
COST_NATIONAL = "it_system_cost_per_resident_all"
ANY_CLOUD = "municipalities_with_any_cloud"
GROUP_CLOUD = "municipalities_using_jichitai_cloud"
TARGET_PARAMETER = "national.cloud_municipalities_target"

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md_escape(text: Any) -> str:
    """Profile free text made inert in Markdown (no raw HTML, no table breaks)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _fact_date(text: str) -> dt.date | None:
    """'2016-04-01' or '2018-03' (taken as the month's end, so it is never early); else None."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text)
        if re.fullmatch(r"\d{4}-\d{2}", text):
            year, month = map(int, text.split("-"))
            nxt = dt.date(year + month // 12, month % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
    except ValueError:
        return None
    return None


@functools.lru_cache(maxsize=4)
def _ambiguous_names(knowledge_id: int, names: tuple) -> frozenset:
    return frozenset(name for name, count in Counter(names).items() if count > 1)


class _Names:
    """Municipality names with the prefecture where a reader could be misled."""

    def __init__(self, advisor: Advisor, home_prefecture: str):
        kb = advisor.knowledge
        self.kb = kb
        self.home = home_prefecture
        self.ambiguous = _ambiguous_names(id(kb), tuple(m.name for m in kb.municipalities.values()))

    def __call__(self, code: str | None, name: str = "", prefecture: str = "") -> str:
        m = self.kb.municipalities.get(code) if code else None
        name = m.name if m else name
        prefecture = m.prefecture if m else prefecture
        if prefecture and (prefecture != self.home or name in self.ambiguous):
            return f"{prefecture}{name}"
        return name


def _header(data: dict, advice: Advice, lang: str, esc: Callable) -> dict:
    m = data["municipality"]
    visit = advice.profile.get("visit") or {}
    kind = m["type"] if lang == "ja" else MUNICIPALITY_TYPE_EN.get(m["type"], m["type"])
    return {
        "municipality": f"{m['prefecture']}{m['name']}",
        "code": m["code"], "type": kind,
        "population": f"{m['population']:,}" if m.get("population") is not None else None,
        "fiscal_strength_index": m.get("fiscal_strength_index"),
        "visit_date": format_date(str(visit["date"]), lang) if visit.get("date") else None,
        "audience": esc(visit["audience"]) if visit.get("audience") else None,
        "advisor": esc(visit["advisor"]) if visit.get("advisor") else None,
        "as_of": format_date(data["as_of"], lang),
    }


def _recommendations(data: dict, advice: Advice, lang: str) -> tuple[list, list]:
    """Numbered recommendations with footnotes (one per distinct rule)."""
    rules = advice.book.by_id()
    footnotes: list[dict] = []
    index: dict[str, int] = {}
    out = []
    for number, rec in enumerate(data["recommendations"], start=1):
        notes = []
        for rule_id in rec["rules"]:
            if rule_id not in index:
                rule = rules[rule_id]
                footnotes.append({"n": len(footnotes) + 1, "rule": rule_id, "source": rule.source_text(),
                                  "date": seireki(dt.date.fromisoformat(rule.source["date"]), lang)
                                  if rule.source.get("date") else "",
                                  "confidence": rule.source.get("confidence", "")})
                index[rule_id] = len(footnotes)
            notes.append(index[rule_id])
        first = rules[rec["rules"][0]]
        out.append({"n": number, "id": rec["id"], "title": first.title[lang], "text": rec["text"],
                    "kind": rec["kind"], "kind_label": LABELS[lang]["kind_" + rec["kind"]]
                    if "kind_" + rec["kind"] in LABELS[lang] else rec["kind"],
                    "judgement": rec["judgement"], "rules": rec["rules"], "sources": rec["sources"],
                    "notes": notes, "priority": max(rules[r].priority for r in rec["rules"])})
    return out, footnotes


def rank_asks(recommendations: list) -> list:
    """At most three asks: firm recommendations before warnings and notes, by rule priority."""
    return sorted(recommendations, key=lambda r: (KIND_RANK.get(r["kind"], 3), -r["priority"], r["n"]))[:MAX_ASKS]


def _summary(recommendations: list) -> list:
    return [{"n": r["n"], "title": r["title"], "rules": r["rules"]} for r in rank_asks(recommendations)]


def ask_titles(advice: Advice, lang: str) -> list[str]:
    """The memo's asks (本日のお願い) as titles, without building the memo: for the batch table."""
    rules = advice.book.by_id()
    items = [{"n": n, "kind": rec.kind, "priority": max(rules[r].priority for r in rec.rules),
              "title": rules[rec.rules[0]].title[lang]} for n, rec in enumerate(advice.recommendations, start=1)]
    return [item["title"] for item in rank_asks(items)]


def _standing(data: dict, advice: Advice, advisor: Advisor, lang: str, esc: Callable) -> dict:
    t = LABELS[lang]
    facts = advice.facts.values
    status = facts.get("cloud_status")
    plan = facts.get("cloud_plan")
    body = facts.get("driving_body")
    group = advice.profile.get("cloud.group")
    kb_group = advisor.knowledge.group_of(advice.profile.municipality.code)
    national_facts = advisor.knowledge.national_facts
    by_metric = {f.metric: f for f in national_facts}

    cost = None
    per_resident = facts.get("it_cost_per_resident")
    population = facts.get("population")
    national = by_metric.get(COST_NATIONAL)
    if per_resident is not None and national is not None:
        band, band_label = None, None
        for metric, (low, high, label) in COST_BANDS.items():
            if metric in by_metric and population is not None and low <= population < high:
                band, band_label = by_metric[metric], label[lang]
        reference = band or national
        cost = {
            "value": yen_exact(round(per_resident), lang),
            "band": band_label,
            "band_average": yen_exact(band.value, lang) if band else None,
            "national_average": yen_exact(national.value, lang),
            "ratio": LABELS[lang]["ratio_of"].format(
                ratio=f"{per_resident / reference.value:.1f}",
                ref=LABELS[lang]["band_average" if band else "national_average"]),
            "basis": COST_BASIS[lang] + (COST_HINDSIGHT[lang] if advice.as_of < COST_PUBLISHED else ""),
            "source": (band or national).source,
        }
    picture = None
    as_of = advice.as_of
    dated = [(d, f) for f in national_facts if f.metric in (ANY_CLOUD, GROUP_CLOUD)
             for d in [_fact_date(f.as_of)] if d is not None and d <= as_of]
    if dated:
        latest = max(d for d, _ in dated)
        current = {f.metric: f for d, f in dated if d == latest}
        target = advisor.parameters.value(TARGET_PARAMETER, as_of) if TARGET_PARAMETER in advisor.parameters else None
        any_cloud = current.get(ANY_CLOUD)
        picture = {
            "as_of": format_date(latest, lang),
            "any_cloud": f"{int(any_cloud.value):,}" if any_cloud else None,
            "group_cloud": f"{int(current[GROUP_CLOUD].value):,}" if GROUP_CLOUD in current else None,
            "target": f"{int(target):,}" if target else None,
            "target_source": advisor.parameters.get(TARGET_PARAMETER).references[0]["document"]
            if target else None,
            "target_confidence": advisor.parameters.get(TARGET_PARAMETER).confidence if target else None,
            "achieved": f"{any_cloud.value / target:.0%}" if (any_cloud and target) else None,
            "source": (any_cloud or current.get(GROUP_CLOUD)).source,
        }
    return {
        "cloud_status": CLOUD_STATUS[status][lang] if status else t["unknown"],
        "cloud_group": esc(group) if group else (kb_group.group_name if kb_group else None),
        "cloud_plan": CLOUD_PLAN[plan][lang] if plan else t["unknown"],
        "driving_body": DRIVING_BODY[body][lang] if body else t["unknown"],
        "it_cost": cost,
        "national": picture,
    }


def _grants(data: dict, lang: str) -> dict:
    from ..grants import ITEM_NAMES
    t = LABELS[lang]
    rows = []
    total = 0
    corrections = set()
    for g in data["grants"]:
        eligible = {True: t["eligible_yes"], False: t["eligible_no"], None: t["eligible_unknown"]}[g["eligible"]]
        corrections.add(g["fiscal_correction"])
        if g["eligible"] and g["amount_yen"]:
            total += g["amount_yen"]
        rows.append({
            "item": ITEM_NAMES.get(g["item"], {}).get(lang, g["item"]), "eligible": eligible,
            "base": format_yen(g["base_yen"], lang), "rate": "—" if g["rate"] is None else f"{g['rate']:g}",
            "correction": t["not_applied"] if g["fiscal_correction"] is None else f"{g['fiscal_correction']:g}",
            "amount": format_yen(g["amount_yen"], lang), "notes": g["notes"], "rules": g["rules"],
            "source": g["source"],
        })
    applied = [c for c in corrections if c is not None]
    statement = t["correction_not_applied"] if None in corrections or not applied else \
        t["correction_applied"].format(value=f"{applied[0]:g}")
    return {"rows": rows, "total": format_yen(total, lang), "correction_statement": statement}


def _partners(data: dict, advice: Advice, names: _Names, lang: str) -> dict:
    reasons_key = "reasons" if lang == "ja" else "reasons_en"
    partners = [{"name": names(p.get("code"), p.get("name", ""), p.get("prefecture", "")),
                 "code": p.get("code", ""),
                 "score": score_text(p["score"]) if isinstance(p.get("score"), (int, float)) else p.get("score"),
                 "reasons": [str(r) for r in (p.get(reasons_key) or p.get("reasons") or [])]}
                for p in data["partners"]]
    group = data["proposed_group"] or {}
    members = [names(m.get("code"), m.get("name", "")) for m in group.get("members") or []]
    total = group.get("population_total")
    return {
        "available": True,  # kept for office templates written against earlier builds
        "list": partners,
        "group": {"members": members, "population_total": f"{total:,}" if total else None,
                  "reasons": [str(r) for r in (group.get(reasons_key) or group.get("reasons") or [])]}
        if members else None,
    }


def _cases(advice: Advice, advisor: Advisor, names: _Names, lang: str) -> list:
    """Known 自治体クラウド groups: the municipality's own first, then same prefecture, then similar size."""
    kb = advisor.knowledge
    m = advice.profile.municipality
    population = advice.facts.values.get("population") or m.population
    own = kb.group_of(m.code)

    def size_gap(group) -> float:
        pops = [kb.municipalities[c].population for c in group.members if c in kb.municipalities]
        if not pops:
            return float("inf")
        return abs(sum(pops) / len(pops) - population) / max(population, 1)

    def key(group):
        same = m.prefecture in group.prefecture.split(";")
        return (group is not own, not same, size_gap(group), group.case_no)

    chosen = sorted(kb.case_groups, key=key)[:MAX_CASES]
    out = []
    for group in chosen:
        members = [names(c) for c in group.members]
        out.append({"name": group.group_name, "prefecture": group.prefecture.replace(";", "・"),
                    "same_prefecture": m.prefecture in group.prefecture.split(";"), "own": group is own,
                    "members": members, "note": group.footnote})
    return out


def _roadmap(advice: Advice, advisor: Advisor, lang: str, esc: Callable) -> dict:
    t = LABELS[lang]
    road = build_roadmap(advice.profile.get("systems") or [], advisor.parameters, advice.as_of)
    stages = []
    for stage in road.stages:
        if stage.start is not None:
            end = format_month(stage.end, lang) if stage.end else t["ongoing"]
            period = f"{format_month(stage.start, lang)} – {end}"
        else:
            start = t["go_live"] if stage.start_months == 0 else t["months_before"].format(n=-stage.start_months)
            period = start + (" – " + (t["go_live"] if stage.end_months == 0 else
                                       t["months_before"].format(n=-stage.end_months))
                              if stage.end_months is not None else f" {t['ongoing']}")
        stages.append({"key": stage.key, "name": t.get("stage_" + stage.key, stage.key), "period": period})
    anchor = t["roadmap_anchor"].format(date=format_date(road.anchor, lang), area=esc(road.anchor_area or "—")) \
        if road.anchor else t["roadmap_no_anchor"]
    return {"stages": stages, "anchor": anchor, "late": road.late, "confidence": road.confidence}


def _questions(data: dict) -> list:
    """One entry per distinct question, with the rules it would settle."""
    seen: dict[str, dict] = {}
    for item in data["undetermined"]:
        for fact, question in zip(item["missing"], item["questions"]):
            entry = seen.setdefault(question, {"question": question, "facts": [], "rules": []})
            if fact not in entry["facts"]:
                entry["facts"].append(fact)
            entry["rules"].append(item["id"])
    return list(seen.values())


def _appendix(record: dict, lang: str) -> dict:
    summary = audit_summary(record)
    t = LABELS[lang]
    return {
        "counts": summary["counts"], "firing_order": summary["firing_order"],
        "derived": summary["derived"], "tool": f"{summary['tool']['name']} {summary['tool']['version']}",
        "ruleset_sha256": summary["ruleset"]["sha256"], "rules": summary["ruleset"]["rules"],
        "profile_sha256": summary["profile"]["sha256"], "as_of": summary["as_of"],
        "parameters": [{"name": p["name"], "value": t["unset"] if p["value"] is None else _short(p["value"], t),
                        "valid_from": p["valid_from"] or "—", "confidence": p["confidence"]}
                       for p in summary["parameters"]],
    }


def _short(value: Any, t: dict) -> str:
    """A parameter value for the appendix; a table is summarised (the audit has it whole)."""
    if isinstance(value, (list, dict)):
        return t["table_rows"].format(n=len(value))
    text = f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def map_svg(advisor: Advisor, advice: Advice) -> str | None:
    """The proposed group's map (engine.groups.maps)."""
    from ..groups import maps
    return maps.map_svg(advisor, advice)


def build_context(advice: Advice, advisor: Advisor, lang: str = "ja", fmt: str = "markdown") -> dict:
    esc = md_escape if fmt == "markdown" else (lambda text: str(text))
    data = advice_json(advice, advisor, lang)
    names = _Names(advisor, data["municipality"]["prefecture"])
    recommendations, footnotes = _recommendations(data, advice, lang)
    record = audit_record(advice, advisor)
    return {
        "lang": lang,
        "fmt": fmt,
        "t": LABELS[lang],
        "section_ids": list(SECTION_IDS),
        "header": _header(data, advice, lang, esc),
        "summary": _summary(recommendations),
        "standing": _standing(data, advice, advisor, lang, esc),
        "recommendations": recommendations,
        "footnotes": footnotes,
        "grants": _grants(data, lang),
        "partners": _partners(data, advice, names, lang),
        "cases": _cases(advice, advisor, names, lang),
        "roadmap": _roadmap(advice, advisor, lang, esc),
        "questions": _questions(data),
        "appendix": dict(_appendix(record, lang), command=reproduce_command(advice, advisor, "audit", embed=False)),
        "tool_version": TOOL_VERSION,
    }
