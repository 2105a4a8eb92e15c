"""The context the memo templates render: the contract JSON plus what a memo needs.

Built from ``output_json.advice_json`` (never recomputing what it holds) and the
audit record; everything is plain dicts, lists and strings so an office's
sandboxed template sees data, not engine objects. Values that come from the
profile (free text an advisor typed) pass through ``escape_text`` — identity
for HTML (Jinja2 autoescapes), backslash escapes for Markdown.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import weakref
from collections import Counter
from typing import Any, Callable

from ..advice import TOOL_VERSION, Advice, Advisor
from ..groups.partners import score_text
from ..knowledge.dates import day_text, is_partial, period_text
from ..rules.trace import FIRED
from .group_sections import group_options, html_words, what_if
from .audit import audit_summary_of, reproduce_command
from .memo_labels import CLOUD_PLAN, CLOUD_STATUS, DRIVING_BODY, LABELS, MUNICIPALITY_TYPE_EN
from .output_json import advice_json, source_dating
from .deadlines import deadline_lines
from .roadmap import build_roadmap
from .wareki import format_date, format_month
from .values import show
from .yen import format_yen, format_yen_column, yen_exact

SECTION_IDS = ("header", "checks", "summary", "standing", "recommendations", "grants", "partners", "cases", "roadmap",
               "questions", "reference", "appendix")
MAX_ASKS = 3
MAX_BODY = 8  # recommendations in the body; the rest go to the 参考 appendix
MAX_TITLES = 2  # rule titles named beside a question
MAX_CASES = 6

# Published per-resident IT cost by population band (national facts metric -> [low, high)).
COST_BANDS = {
    "it_system_cost_per_resident_pop_under_20k": (0, 20_000, {"ja": "人口2万人未満", "en": "under 20,000 people"}),
    "it_system_cost_per_resident_pop_100k_200k": (100_000, 200_000, {"ja": "人口10万〜20万人", "en": "100,000–200,000 people"}),
}
COST_BASIS = {"ja": "平成29年度当初予算、2018年3月30日公表", "en": "FY2017 budgets, published 30 March 2018"}
# Advice dated before the survey was published still shows it, tagged as hindsight (t.hindsight_tag).
COST_PUBLISHED = dt.date(2018, 3, 30)
COST_NATIONAL = "it_system_cost_per_resident_all"
# A visit this far from the advice date is pointed out (judgement: facts and rules can change
# within half a year; a memo is prepared for one visit).
VISIT_GAP_DAYS = 183

_URL = re.compile(r"https?://[^\s;()]+")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md_escape(text: Any) -> str:
    """Profile free text made inert in Markdown (no raw HTML, no table breaks)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


_AMBIGUOUS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _ambiguous_names(kb) -> frozenset:
    """Names that more than one municipality bears (worked out once per knowledge base)."""
    found = _AMBIGUOUS.get(kb)
    if found is None:
        names = Counter(m.name for m in kb.municipalities.values())
        found = _AMBIGUOUS[kb] = frozenset(name for name, count in names.items() if count > 1)
    return found


class _Names:
    """Municipality names with the prefecture where a reader could be misled."""

    def __init__(self, advisor: Advisor, home_prefecture: str):
        kb = advisor.knowledge
        self.kb = kb
        self.home = home_prefecture
        self.ambiguous = _ambiguous_names(kb)

    def __call__(self, code: str | None, name: str = "", prefecture: str = "") -> str:
        m = self.kb.municipalities.get(code) if code else None
        name = m.name if m else name
        prefecture = m.prefecture if m else prefecture
        if prefecture and (prefecture != self.home or name in self.ambiguous):
            return f"{prefecture}{name}"
        return name


_ASCII_ASIDE = re.compile(r"\s*\([\x20-\x7e]*\)")


def short_title(title: str) -> str:
    """A source title for a mayor's page: without the compiler's ASCII asides such as "(mirror)".

    The JSON and the audit keep the full title.
    """
    return _ASCII_ASIDE.sub("", title).strip() or title


def hindsight(lang: str, flag: bool) -> str:
    """The one hindsight tag every section uses for what was published after as_of."""
    return LABELS[lang]["hindsight_tag"] if flag else ""


def _header(data: dict, advice: Advice, lang: str, esc: Callable) -> dict:
    t = LABELS[lang]
    m = data["municipality"]
    as_of = advice.as_of
    facts = advice.facts
    visit = advice.profile.get("visit") or {}
    kind = m["type"] if lang == "ja" else MUNICIPALITY_TYPE_EN.get(m["type"], m["type"])
    population_basis = fiscal_basis = None
    if m.get("population_year"):
        population_basis = t["census_of"].format(year=m["population_year"]) + hindsight(lang, m["population_hindsight"])
    elif facts.origins.get("population", "").startswith("profile"):
        population_basis = t["profile_says"]
    if m.get("fiscal_year"):
        fiscal_basis = t["fiscal_year_of"].format(year=m["fiscal_year"]) + hindsight(lang, m["fiscal_hindsight"])
    elif facts.origins.get("fiscal_strength_index", "").startswith("profile"):
        fiscal_basis = t["profile_says"]
    fiscal_note = facts.fiscal.note.get(lang, "") if facts.fiscal is not None and m.get("fiscal_year") else ""
    population_note = (facts.population.note.get(lang, "")
                       if facts.population is not None and m.get("population_year") else "")
    return {
        "municipality": f"{m['prefecture']}{m['name']}",
        "code": m["code"], "type": kind,
        "population": f"{m['population']:,}" if m.get("population") is not None else None,
        "population_basis": population_basis, "population_note": population_note,
        "fiscal_strength_index": m.get("fiscal_strength_index"),
        "fiscal_basis": fiscal_basis, "fiscal_note": fiscal_note,
        "visit_date": format_date(str(visit["date"]), lang, as_of) if visit.get("date") else None,
        "audience": esc(visit["audience"]) if visit.get("audience") else None,
        "advisor": esc(visit["advisor"]) if visit.get("advisor") else None,
        "as_of": format_date(data["as_of"], lang, as_of),
    }


def _checks(advice: Advice, lang: str, esc: Callable) -> dict:
    """The 確認事項 box: where the profile contradicts the knowledge base, and dates that do not hang together."""
    t = LABELS[lang]
    as_of = advice.as_of
    group = advice.facts.known_group
    group_name = (group.name if group.named else t["unnamed_group"]) if group is not None else ""
    conflicts = []
    for conflict in advice.facts.conflicts:
        if conflict.kind == "membership":
            status = CLOUD_STATUS.get(conflict.profile_value, {}).get(lang, conflict.profile_value)
            text = t["conflict_membership"].format(profile=status, group=group_name)
            ask = t["ask_membership"].format(group=group_name)
        elif conflict.kind == "group_name":
            text = t["conflict_group_name"].format(profile=esc(conflict.profile_value), group=group_name)
            ask = t["ask_group_name"]
        elif conflict.kind == "population":
            text = t["conflict_population"].format(profile=f"{conflict.profile_value:,}",
                                                   known=f"{conflict.knowledge_value:,}",
                                                   census=advice.facts.population.label(lang))
            ask = t["ask_population"]
        else:
            text = t["conflict_fiscal"].format(profile=conflict.profile_value, known=conflict.knowledge_value,
                                               year=advice.facts.fiscal.label(lang))
            ask = t["ask_fiscal"]
        source = conflict.source
        if conflict.kind in ("membership", "group_name") and group is not None:
            source = (f"{short_title(group.source['title'])}{t['lp']}{period_text(group.source_date, lang)}{t['rp']}"
                      + (f" {group.source['url']}" if group.source.get("url") else ""))
        conflicts.append({"field": conflict.field, "text": text, "ask": ask, "source": source, "kind": conflict.kind})
    dates = []
    visit = advice.profile.get("visit.date")
    if visit:
        day = dt.date.fromisoformat(str(visit))
        gap = abs((day - as_of).days)
        if gap > VISIT_GAP_DAYS:
            dates.append(t["visit_far"].format(visit=format_date(day, lang, as_of), as_of=format_date(as_of, lang, as_of),
                                               months=round(gap / 30.4375)))
    for system in advice.profile.get("systems") or []:
        if system.get("contract_end"):
            end = dt.date.fromisoformat(str(system["contract_end"]))
            if end < as_of:
                dates.append(t["contract_past"].format(area=esc(system.get("area") or "—"),
                                                       date=format_date(end, lang, as_of)))
    return {"conflicts": conflicts, "dates": dates}


def _recommendations(data: dict, advice: Advice, lang: str) -> tuple[list, list, list]:
    """The body (at most MAX_BODY recommendations and warnings, by priority), the 参考 appendix (the
    rest, notes last), and the footnotes (one per distinct rule), numbered straight through."""
    rules = advice.book.by_id()
    priority = {rec["id"]: max(rules[r].priority for r in rec["rules"]) for rec in data["recommendations"]}
    # A note that asks the mayor to decide something (then.decision) is in the body: 本日のお願い
    # cites only what the body holds.
    def in_body(rec: dict) -> bool:
        return rec["kind"] != "note" or rules[rec["rules"][0]].decision is not None

    ranked = sorted(enumerate(data["recommendations"]),
                    key=lambda pair: (not in_body(pair[1]), -priority[pair[1]["id"]], pair[0]))
    ordered = [rec for _, rec in ranked]
    body = [rec for rec in ordered if in_body(rec)][:MAX_BODY]
    ordered = body + [rec for rec in ordered if rec not in body]
    footnotes: list[dict] = []
    index: dict[str, int] = {}
    out = []
    for number, rec in enumerate(ordered, start=1):
        notes = []
        for rule_id in rec["rules"]:
            if rule_id not in index:
                rule = rules[rule_id]
                dating = source_dating(rule, advice.as_of)
                footnotes.append({"n": len(footnotes) + 1, "rule": rule_id, "source": rule.source_text(),
                                  # As precise as the source is dated: "2013年", not the 2013-12-31 it counts from.
                                  "date": (period_text(str(rule.source["date"]), lang)
                                           if dating["source_date"] else LABELS[lang]["undated_source"]),
                                  "hindsight": hindsight(lang, dating["hindsight"]),
                                  "confidence": rule.source.get("confidence", "")})
                index[rule_id] = len(footnotes)
            notes.append(index[rule_id])
        first = rules[rec["rules"][0]]
        out.append({"n": number, "id": rec["id"], "title": first.title[lang], "text": rec["text"],
                    "kind": rec["kind"], "kind_label": LABELS[lang]["kind_" + rec["kind"]]
                    if "kind_" + rec["kind"] in LABELS[lang] else rec["kind"],
                    "judgement": rec["judgement"], "rules": rec["rules"], "sources": rec["sources"],
                    "notes": notes, "priority": priority[rec["id"]],
                    "decision": first.decision[lang] if first.decision else None})
    return out[:len(body)], out[len(body):], footnotes


def rank_asks(recommendations: list) -> list:
    """At most three requests the head of the municipality can decide today (本日のお願い).

    Only rules that state a decision (``then.decision``) give one; a fact about grants never
    does. The same decision from several recommendations is asked once, citing them all.
    """
    asks: dict[str, dict] = {}
    for rec in sorted(recommendations, key=lambda r: (-r["priority"], r["n"])):
        if not rec.get("decision"):
            continue
        ask = asks.setdefault(rec["decision"], {"title": rec["decision"], "n": rec["n"], "numbers": [],
                                                "rules": []})
        ask["numbers"].append(rec["n"])
        ask["rules"] += rec["rules"]
    return list(asks.values())[:MAX_ASKS]


def _summary(recommendations: list) -> list:
    return rank_asks(recommendations)


def ask_titles(advice: Advice, lang: str) -> list[str]:
    """The memo's asks (本日のお願い) as titles, without building the memo: for the batch table."""
    rules = advice.book.by_id()
    items = [{"n": n, "kind": rec.kind, "priority": max(rules[r].priority for r in rec.rules), "rules": rec.rules,
              "decision": (rules[rec.rules[0]].decision or {}).get(lang)}
             for n, rec in enumerate(advice.recommendations, start=1)]
    return [ask["title"] for ask in rank_asks(items)]


def _since_text(group, code: str, lang: str, as_of: dt.date) -> str:
    """When the membership became known, as precisely as its source dates it: a source dated
    '2016-02' is known from the end of February (engine/knowledge/dates.py), but the memo says
    '2016年2月', not a day the source never gave."""
    row = next((m for m in group.memberships if m.code == code), None)
    text = (row.start or row.source_date) if row is not None else ""
    if is_partial(text):
        return period_text(text, lang)
    return format_date(group.since, lang, as_of)


def _known_group(advice: Advice, names: "_Names", lang: str) -> dict | None:
    t = LABELS[lang]
    group = advice.facts.known_group
    if group is None:
        return None
    since = _since_text(group, advice.profile.municipality.code, lang, advice.as_of)
    return {
        "name": group.name if group.named else t["unnamed_group"],
        "members": [names(code) for code in group.members],
        "since": t["known_since"].format(date=since),
        "planned": t["planned_start"] if group.planned else "",
        "source": short_title(group.source["title"]), "url": group.source.get("url", ""),
        "source_date": period_text(group.source_date, lang), "confidence": group.confidence,
    }


def _national(advisor: Advisor, as_of: dt.date, lang: str) -> dict | None:
    """The national count and target in force on as_of: one release, never two counts for one day."""
    t = LABELS[lang]
    series = advisor.knowledge.national
    release = series.release_on(as_of)
    if release is None:
        return None
    figures = release.figures
    target = series.target_on("any_cloud", as_of)
    any_cloud = figures.get("any_cloud")
    status = {"preliminary": t["national_status_preliminary"], "revised": t["national_status_revised"]}
    date = release.refers_to_text.get(lang) or format_date(release.refers_to, lang, as_of)
    return {
        "as_of": date,
        "status": status.get(release.status, ""),
        "published": t["national_published"].format(date=format_date(release.published, lang, as_of)),
        "any_cloud": f"{any_cloud:,}" if any_cloud is not None else None,
        "group_cloud": f"{figures['group_cloud']:,}" if "group_cloud" in figures else None,
        "groups": f"{figures['groups']:,}" if "groups" in figures else None,
        "definition": series.metrics["any_cloud"]["definition"][lang],
        "target": f"{target.value:,}" if target else None,
        "target_text": target.text[lang] if target else None,
        "target_source": target.source["title"] if target else None,
        "target_confidence": target.confidence if target else None,
        "target_none": None if target else t["national_target_none"],
        "achieved": f"{any_cloud / target.value:.0%}" if (any_cloud and target) else None,
        "source": release.source["title"] + (f" {release.source['url']}" if release.source.get("url") else ""),
        "note": release.note.get(lang, ""),
    }


def _standing(data: dict, advice: Advice, advisor: Advisor, names: "_Names", lang: str, esc: Callable) -> dict:
    t = LABELS[lang]
    facts = advice.facts.values
    status = facts.get("cloud_status")
    plan = facts.get("cloud_plan")
    body = facts.get("driving_body")
    group = advice.profile.get("cloud.group")
    known = advice.facts.known_group
    by_metric = {f.metric: f for f in advisor.knowledge.national_facts}

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
                ref=_mid_sentence(LABELS[lang]["band_average" if band else "national_average"], lang)),
            "basis": COST_BASIS[lang] + hindsight(lang, advice.as_of < COST_PUBLISHED),
            # The survey by its title (the knowledge file's source cell mixes URLs and an ISO date).
            "source": " ".join([LABELS[lang]["it_cost_source"], *_URL.findall((band or national).source)]),
        }
    if cost is None and facts.get("cost_it_operating") is not None:
        missing = t["it_cost_no_population"]  # the cost is there; the population is not usable
    else:
        missing = t["it_cost_unknown"]
    status_text = CLOUD_STATUS[status][lang] if status else t["unknown"]
    if status and advice.facts.origins.get("cloud_status", "").startswith("knowledge"):
        status_text += t["lp"] + t["known_from_knowledge"] + t["rp"]
    known_name = (known.name if known.named else None) if known is not None else None
    return {
        "cloud_status": status_text,
        # A group name only beside a group status; a contradicting membership goes to the 確認事項 box.
        "cloud_group": (esc(group) if group else known_name) if status == "group" else None,
        "known_group": _known_group(advice, names, lang),
        "known_group_none": t["known_group_none"],
        "cloud_plan": CLOUD_PLAN[plan][lang] if plan else t["unknown"],
        "driving_body": DRIVING_BODY[body][lang] if body else t["unknown"],
        "it_cost": cost,
        "it_cost_missing": missing,
        "national": _national(advisor, advice.as_of, lang),
    }


def _mid_sentence(label: str, lang: str) -> str:
    """An English label that starts a line ("National average"), written inside a sentence."""
    return label[:1].lower() + label[1:] if lang == "en" else label


def _grants(data: dict, lang: str, advice: Advice) -> dict:
    """The grant table: status in words, rate with its confidence, amounts that add up as printed.

    The total counts the amounts that may be quoted (eligible and conditional items); where an
    amount is withheld (a 不交付団体) no total is printed, so the table never contradicts the warning.
    """
    from ..grants import CONDITIONAL, ELIGIBLE, ITEM_NAMES
    t = LABELS[lang]
    grants = data["grants"]
    quoted = [g for g in grants if g["status"] in (ELIGIBLE, CONDITIONAL) and g["amount_yen"] is not None]
    withheld = any(g["status"] in (ELIGIBLE, CONDITIONAL) and g["ceiling_yen"] is not None for g in grants)
    total = None if withheld or not quoted else sum(g["amount_yen"] for g in quoted)
    conditional = sum(g["amount_yen"] for g in quoted if g["status"] == CONDITIONAL)
    shown = [None if g["status"] in ("not_applicable", "undetermined") else g["amount_yen"] for g in grants]
    amounts = format_yen_column(shown + [total, conditional or None], lang)
    bases = format_yen_column([None if g["status"] == "not_applicable" else g["base_yen"] for g in grants], lang)
    rows, corrections, sources = [], set(), []
    for g, amount, base in zip(grants, amounts, bases):
        corrections.add(g["fiscal_correction"])
        rate = "—" if g["rate"] is None else show(g["rate"], "rate", lang)
        rate_confidence = "" if g["rate"] is None else f"{t['confidence']} {g['rate_confidence']}"
        rows.append({
            "item": ITEM_NAMES.get(g["item"], {}).get(lang, g["item"]), "status": g["status"],
            "eligible": t["status_" + g["status"]], "base": base, "rate": rate, "rate_confidence": rate_confidence,
            "correction": "—" if g["status"] == "not_applicable" else
            (t["not_applied"] if g["fiscal_correction"] is None else f"{g['fiscal_correction']:g}"),
            "amount": amount, "conditions": g["conditions"],
            # The caveats every row shares (correction, unconfirmed rate) are said once, above the table.
            "notes": g["conditions"] + [n for n in g["notes"] if n not in g.get("caveats", ())],
            "rules": g["rules"], "source": g["source"],
        })
        if g["source"] and g["source"] not in sources:
            sources.append(g["source"])
    # A source published after as_of carries the hindsight tag here as in the footnotes.
    late = {text for text in sources if any(
        source_dating(rule, advice.as_of)["hindsight"] for rule in advice.book.rules if rule.source_text() == text)}
    common = [n for n in rows[0]["notes"] if all(n in r["notes"] for r in rows)] if len(rows) > 1 else []
    for row in rows:
        row["notes"] = [n for n in row["notes"] if n not in common]
    if lang == "en":  # a cell's fragment becomes a sentence of its own
        common = [n[:1].upper() + n[1:] for n in common]
    applied = [c for c in corrections if c is not None]
    statement = t["correction_not_applied"] if None in corrections or not applied else \
        t["correction_applied"].format(value=f"{applied[0]:g}")
    if all(g["rate"] is None for g in grants):
        statement = ""  # nothing is estimated: no correction to speak of
    if any(g["rate_confidence"] in ("I", "U") and g["rate"] is not None for g in grants):
        statement += t["rate_unconfirmed"]
    return {"rows": rows, "common_notes": common, "total": amounts[len(grants)],
            "total_conditional": t["total_conditional"].format(amount=amounts[len(grants) + 1]) if conditional else "",
            "total_note": t["total_withheld"] if withheld else "",
            "correction_statement": statement,
            "sources": _join_sources(sources, lang) + (hindsight(lang, True) if late else "")}


def _join_sources(sources: list[str], lang: str) -> str:
    """'文書 節1' + '文書 節2' -> '文書 節1・節2': the document is named once."""
    t = LABELS[lang]
    by_document: dict[str, list[str]] = {}
    for text in sources:
        document, _, section = text.partition(" ")
        by_document.setdefault(document, []).append(section)
    parts = []
    for document, sections in by_document.items():
        head = _common_head([s for s in sections if s])
        tails = [s[len(head):] for s in sections if s]
        parts.append(f"{document} {head}{t['member_sep'].join(tails)}".strip())
    return t["list_sep"].join(parts)


def _common_head(sections: list[str]) -> str:
    """The shared beginning of several section texts, cut at a space (never mid-word)."""
    if len(sections) < 2:
        return ""
    head = os.path.commonprefix(sections)
    return head[:head.rfind(" ") + 1] if " " in head else ""


def _partners(data: dict, advice: Advice, advisor: Advisor, names: _Names, lang: str, esc: Callable) -> dict:
    # Reasons quote the profile (a neighbour's `group`, our own `cloud.group`): escaped like any profile text.
    reasons_key = "reasons" if lang == "ja" else "reasons_en"
    partners = [{"name": names(p.get("code"), p.get("name", ""), p.get("prefecture", "")),
                 "code": p.get("code", ""),
                 "score": score_text(p["score"]) if isinstance(p.get("score"), (int, float)) else p.get("score"),
                 "reasons": [esc(r) for r in (p.get(reasons_key) or p.get("reasons") or [])]}
                for p in data["partners"]]
    group = data["proposed_group"] or {}
    members = [names(m.get("code"), m.get("name", "")) for m in group.get("members") or []]
    total = group.get("population_total")
    census = data.get("partner_census")
    t = LABELS[lang]
    return {
        "available": True,  # kept for office templates written against earlier builds
        "list": partners,
        # Which census the partners' and groups' populations are, tagged like the header when published later.
        "census": t["partners_census"].format(
            census=f"{census['year']}年国勢調査" if lang == "ja" else f"{census['year']} census",
            published=day_text(dt.date.fromisoformat(census["published"]), lang), tag=hindsight(lang, census["hindsight"]))
        if census else None,
        "group": {"members": members, "population_total": f"{total:,}" if total else None,
                  "reasons": [esc(r) for r in (group.get(reasons_key) or group.get("reasons") or [])]}
        if members else None,
        # Join an existing group, or form one: side by side (engine/documents/group_sections.py).
        "options": group_options(data, _reach_km(advisor, advice), names, lang, esc),
        "what_if": what_if(data, {r.id: r.title for r in advice.book.rules}, advisor.parameters, advice.as_of,
                           names, lang, esc),
    }


def _reach_km(advisor: Advisor, advice: Advice) -> float:
    value = advisor.parameters.value("partners.reach_km", advice.as_of)
    return value if value is not None else advisor.parameters.get("partners.reach_km").values[0].value


def _cases(advice: Advice, advisor: Advisor, names: _Names, lang: str) -> list:
    """Real groups known on as_of: the municipality's own first, then same prefecture, then similar size.

    Only groups with a member known on as_of appear (cloud_groups.csv, dated), each with the
    members known by then, so a memo never cites a group that was not yet public.
    """
    m = advice.profile.municipality
    population = advice.facts.values.get("population") or m.population
    own = advice.facts.known_group

    def is_own(group) -> bool:
        return own is not None and group.name == own.name

    def key(case):
        group, prefectures, mean = case
        return (not is_own(group), m.prefecture not in prefectures, abs(mean - population) / max(population, 1),
                group.name)

    chosen = sorted(_known_cases(advisor.knowledge, advice.as_of), key=key)[:MAX_CASES]
    t = LABELS[lang]
    return [{"name": group.name if group.named else t["unnamed_group"], "prefecture": "・".join(prefectures),
             "same_prefecture": m.prefecture in prefectures, "own": is_own(group),
             "members": [names(c) for c in group.members], "note": "",
             "source": short_title(group.source["title"]), "source_date": period_text(group.source_date, lang),
             "confidence": group.confidence}
            for group, prefectures, _ in chosen]


_CASES: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _known_cases(kb, as_of: dt.date) -> tuple:
    """(group, its members' prefectures, its mean population) for every group known on ``as_of``:
    the same for every memo of that date, so worked out once."""
    by_date = _CASES.setdefault(kb, {})
    found = by_date.get(as_of)
    if found is None:
        if len(by_date) > 64:
            by_date.clear()
        populations = kb.population_table(as_of)
        cases = []
        for group in kb.known_groups_on(as_of):
            pops = [populations[c] for c in group.members]
            cases.append((group, list(dict.fromkeys(kb.municipalities[c].prefecture for c in group.members)),
                          sum(pops) / len(pops)))
        found = by_date[as_of] = tuple(cases)
    return found


def first_stage(facts: dict, fired: frozenset = frozenset()) -> tuple[str | None, str]:
    """(first stage, why) of the roadmap, following the route the advice recommends; (None, "")
    when nothing is to be introduced.

    A member of a running group with no migration ahead has no roadmap; a group member already
    has its group's driving body and plan, so it starts at procurement ("done"); so does a
    municipality joining a group ("joining": the profile says so, or the memo recommends joining a
    neighbouring group — group.join_existing, which overrides "set up a driving body" — and no new
    group is planned); a municipality with a driving body starts at the joint plan. "single": a
    single cloud the rules do not advise to move to a group re-procures its own system; the
    driving body and the joint plan are stages of forming a group.
    """
    status, plan, body = facts.get("cloud_status"), facts.get("migration_plan"), facts.get("driving_body")
    if status == "group" and plan in ("none", "renewal"):
        return None, ""
    if status == "group":
        return "procurement", "done"
    if plan == "joining_group" or (plan != "forming_group" and "group.join_existing" in fired):
        return "procurement", "joining"
    if status == "single" and plan != "forming_group" and facts.get("group_recommended") is not True:
        return "procurement", "single"
    if body is not None and body != "none":
        return "joint_plan", "done"
    return "driving_body", ""


def _roadmap(advice: Advice, advisor: Advisor, lang: str, esc: Callable) -> dict:
    t = LABELS[lang]
    fired = frozenset(o.rule_id for o in advice.trace.by_status(FIRED))
    start_key, why = first_stage(advice.facts.values, fired)
    road = build_roadmap(advice.profile.get("systems") or [], advisor.parameters, advice.as_of)
    # The 標準化 deadlines known on as_of, with or without a roadmap (they bind a running group cloud too).
    deadlines = deadline_lines(advisor.parameters, advice.as_of, road.go_live if start_key else None, t, lang, esc)
    if start_key is None:
        return {"stages": [], "anchor": t["roadmap_none"], "past": None, "late": False, "confidence": "", "first": None,
                "deadlines": deadlines}
    keys = [stage.key for stage in road.stages]
    skip = keys.index(start_key) if start_key in keys else 0
    stages = []
    as_of = advice.as_of
    for number, stage in enumerate(road.stages, start=1):
        if number <= skip:
            continue
        if stage.start is not None:
            end = format_month(stage.end, lang, as_of) if stage.end else t["ongoing"]
            period = f"{format_month(stage.start, lang, as_of)} – {end}"
            if road.overdue(stage, as_of):
                period += t["stage_overdue"]
        else:
            start = t["go_live"] if stage.start_months == 0 else t["months_before"].format(n=-stage.start_months)
            period = start + (" – " + (t["go_live"] if stage.end_months == 0 else
                                       t["months_before"].format(n=-stage.end_months))
                              if stage.end_months is not None else f" {t['ongoing']}")
        stages.append({"key": stage.key, "number": number, "name": t.get("stage_" + stage.key, stage.key),
                       "period": period})
    if road.anchor:
        anchor = t["roadmap_anchor"].format(date=format_date(road.anchor, lang, as_of), area=esc(road.anchor_area or "—"))
    elif road.all_past:
        anchor = t["roadmap_all_past"]
    else:
        anchor = t["roadmap_no_anchor"]
    if skip:
        anchor += t["roadmap_from_" + why].format(stage=t.get("stage_" + start_key, start_key))
    past = (t["roadmap_past_anchor"].format(date=format_date(road.past_end, lang, as_of), area=esc(road.past_area or "—"))
            if road.past_end and road.anchor else None)
    # Late is judged on the first stage this municipality still has to go through.
    shown = road.stages[skip] if skip < len(road.stages) else None
    late = bool(shown and shown.start and shown.start < as_of) if skip else road.late
    return {"stages": stages, "anchor": anchor, "past": past, "late": late, "confidence": road.confidence,
            "first": start_key, "deadlines": deadlines}


def _questions(data: dict, advice: Advice, lang: str, vocabulary: dict | None = None) -> list:
    """One question per thing to find out, with the titles of the rules it would settle (never their ids).

    Questions are gathered by the profile field that answers them: two rules needing the same
    field ask once, even when each words its question its own way. When their wordings differ,
    the memo asks the fact's standard question, or a rule's wording that extends it (adds a
    follow-up) — never both.
    """
    rules = advice.book.by_id()
    vocabulary = vocabulary or {}
    seen: dict[tuple, dict] = {}
    for item in data["undetermined"]:
        for fact, question in zip(item["missing"], item["questions"]):
            if fact in advice.book.derived_facts:
                continue  # a derived fact is settled by the questions about the facts it follows from
            spec = vocabulary.get(fact)
            key = tuple(getattr(spec, "settled_by", ()) or ()) or (fact,)
            entry = seen.setdefault(key, {"question": question, "wordings": [], "standard": None,
                                          "facts": [], "rules": [], "titles": []})
            if question not in entry["wordings"]:
                entry["wordings"].append(question)
            if spec is not None and entry["standard"] is None:
                entry["standard"] = spec.question[lang]
            if fact not in entry["facts"]:
                entry["facts"].append(fact)
            entry["rules"].append(item["id"])
            title = rules[item["id"]].title[lang]
            if title not in entry["titles"]:
                entry["titles"].append(title)
    for entry in seen.values():
        entry["question"] = _one_wording(entry.pop("wordings"), entry.pop("standard"))
        more = len(entry["titles"]) - MAX_TITLES
        entry["settles"] = LABELS[lang]["list_sep"].join(entry["titles"][:MAX_TITLES]) + \
            (LABELS[lang]["and_more"].format(n=more) if more > 0 else "")
    return list(seen.values())


def _one_wording(wordings: list[str], standard: str | None) -> str:
    if len(wordings) == 1 or not standard:
        return wordings[0]
    stem = standard.rstrip("。?？. ")
    extending = [w for w in wordings if w.startswith(stem) and w != standard]
    return extending[0] if extending else standard


def _appendix(summary: dict, advisor: Advisor, lang: str) -> dict:
    """The audit summary (``audit.audit_summary``) in words: parameters by description, derived facts
    by meaning; the ids and raw values stay in the full audit (``--format audit``)."""
    from ..rules.vocabulary import default_derived_descriptions
    t = LABELS[lang]
    derived = default_derived_descriptions()
    parameters = []
    for p in summary["parameters"]:
        param = advisor.parameters.parameters.get(p["name"])
        parameters.append({
            "name": p["name"], "label": (param.description.get(lang) if param and param.description else p["name"]),
            "value": t["unset"] if p["value"] is None else _short(p["value"], param.unit if param else "", t, lang),
            "valid_from": format_date(p["valid_from"], lang) if p["valid_from"] else "—",
            "confidence": p["confidence"]})
    return {
        "counts": summary["counts"], "firing_order": summary["firing_order"],
        "derived": summary["derived"],
        "derived_text": [derived.get(d["fact"], {}).get(lang, d["fact"]) for d in summary["derived"]],
        "tool": f"{summary['tool']['name']} {summary['tool']['version']}",
        "ruleset_sha256": summary["ruleset"]["sha256"], "rules": summary["ruleset"]["rules"],
        "profile_sha256": summary["profile"]["sha256"], "as_of": summary["as_of"],
        "as_of_text": format_date(summary["as_of"], lang),
        "parameters": parameters,
    }


UNIT_WORDS = {"persons": {"ja": "人", "en": " people"}, "municipalities": {"ja": "団体", "en": " municipalities"},
              "months": {"ja": "か月", "en": " months"}, "count": {"ja": "人", "en": ""}}


def _short(value: Any, unit: str, t: dict, lang: str) -> str:
    """A parameter value for the appendix, in words; a table is summarised (the audit has it whole)."""
    if isinstance(value, (list, dict)):
        return t["table_rows"].format(n=len(value))
    text = show(value, unit, lang) + UNIT_WORDS.get(unit, {}).get(lang, "")
    return text if len(text) <= 60 else text[:57] + "…"


def map_svg(advisor: Advisor, advice: Advice) -> str | None:
    """The proposed group's map (engine.groups.maps)."""
    from ..groups import maps
    return maps.map_svg(advisor, advice)


def build_context(advice: Advice, advisor: Advisor, lang: str = "ja", fmt: str = "markdown",
                  data: dict | None = None) -> dict:
    """``data``: ``advice_json(advice, advisor, lang)`` when the caller has it already (a batch
    writes it too); it is only read."""
    esc = md_escape if fmt == "markdown" else (lambda text: str(text))
    data = data if data is not None else advice_json(advice, advisor, lang)
    names = _Names(advisor, data["municipality"]["prefecture"])
    recommendations, reference, footnotes = _recommendations(data, advice, lang)
    summary = audit_summary_of(advice, advisor)
    return {
        "lang": lang,
        "fmt": fmt,
        "t": LABELS[lang],
        "section_ids": list(SECTION_IDS),
        "header": _header(data, advice, lang, esc),
        "checks": _checks(advice, lang, esc),
        "summary": _summary(recommendations + reference),
        "standing": _standing(data, advice, advisor, names, lang, esc),
        "recommendations": recommendations,
        "reference": reference,
        "footnotes": footnotes,
        "grants": _grants(data, lang, advice),
        "partners": _partners(data, advice, advisor, names, lang, esc if fmt == "markdown" else html_words),
        "cases": _cases(advice, advisor, names, lang),
        "roadmap": _roadmap(advice, advisor, lang, esc),
        "questions": _questions(data, advice, lang, advisor.vocabulary),
        "appendix": dict(_appendix(summary, advisor, lang),
                         command=reproduce_command(advice, advisor, "audit", embed=False)),
        "tool_version": TOOL_VERSION,
    }
