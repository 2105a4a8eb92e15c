"""The summary of a batch (見える化): counts over many municipalities' advice.

Works from the contract JSON advice alone (``record_of`` keeps the few fields it
needs), so a summary can be recomputed from ``advice.jsonl`` and the parallel
workers send back small records. Every list is in a stable order (prefecture
code, band, family, item, municipality code), so the output does not depend on
the order in which the advice was produced.

Cloud status comes from the profiles, and where a profile says nothing, from the
knowledge base's real memberships known on as_of (cloud_groups.csv): such a
municipality counts as ``group``. One with neither is counted as unknown, never as
"none". The summary states that source and how much of the country the known list
covers.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any, Iterable

from ..knowledge.base import KnowledgeBase
from ..rules.parameters import ParameterSet

STATUSES = ("group", "single", "none", "unknown")
STATUS_NAMES = {
    "group": {"ja": "自治体クラウド", "en": "joint cloud"},
    "single": {"ja": "単独クラウド", "en": "single cloud"},
    "none": {"ja": "未導入", "en": "no cloud"},
    "unknown": {"ja": "不明", "en": "unknown"},
}
# (lower bound inclusive, upper bound exclusive or None, key); band_of excludes the upper
# bound (a municipality of exactly 50,000 is in 50k-100k); the bands of the
# 総務省 IT cost survey (2万, 5万, 10万, 20万, 30万).
BANDS = (
    (0, 20_000, "lt20k"),
    (20_000, 50_000, "20k-50k"),
    (50_000, 100_000, "50k-100k"),
    (100_000, 200_000, "100k-200k"),
    (200_000, 300_000, "200k-300k"),
    (300_000, None, "ge300k"),
)
BAND_NAMES = {
    "lt20k": {"ja": "2万人未満", "en": "< 20k"},
    "20k-50k": {"ja": "2万〜5万人", "en": "20k–50k"},
    "50k-100k": {"ja": "5万〜10万人", "en": "50k–100k"},
    "100k-200k": {"ja": "10万〜20万人", "en": "100k–200k"},
    "200k-300k": {"ja": "20万〜30万人", "en": "200k–300k"},
    "ge300k": {"ja": "30万人以上", "en": "≥ 300k"},
    "unknown": {"ja": "人口不明", "en": "population unknown"},
}
# National per-resident IT cost (FY2017 budget) by band, where the survey reports one.
BAND_COST_METRICS = {
    "lt20k": "it_system_cost_per_resident_pop_under_20k",
    "100k-200k": "it_system_cost_per_resident_pop_100k_200k",
}
ALL_COST_METRIC = "it_system_cost_per_resident_all"
# National counts and targets: one dated series (knowledge/national/cloud_adoption.yaml).
TARGET_SOURCE = "knowledge/national/cloud_adoption.yaml"
TARGET_METRIC = "any_cloud"
MEMBERSHIP_SOURCE = {
    "ja": "知識ベースの自治体クラウド参加団体一覧（公表資料から作成、団体ごとに出典・日付・確度つき）",
    "en": "the knowledge base's list of real group members (from public sources, "
          "each with its source, date and confidence)",
}
# The facts an advisor most needs before a visit; missing ones are listed.
KEY_FACTS = ("cloud_status", "cloud_plan", "driving_body", "cost_it_operating", "it_staff")


def band_of(population: int | None) -> str:
    if population is None:
        return "unknown"
    for low, high, key in BANDS:
        if population >= low and (high is None or population < high):
            return key
    return "unknown"


def record_of(advice: dict) -> dict:
    """The fields of one JSON advice that the summary uses (small, picklable)."""
    m = advice["municipality"]
    facts = advice.get("facts", {})

    def fact(name: str) -> Any:
        entry = facts.get(name)
        return entry["value"] if entry else None

    return {
        "code": m["code"], "name": m["name"], "prefecture": m["prefecture"], "type": m["type"],
        "population": m.get("population"), "population_year": m.get("population_year"), "as_of": advice["as_of"],
        "cloud_status": fact("cloud_status"),
        "status_from_knowledge": (facts.get("cloud_status") or {}).get("origin", "").startswith("knowledge"),
        "conflicts": len(advice.get("conflicts", [])),
        "cost_it_operating": fact("cost_it_operating"),
        "it_cost_per_resident": fact("it_cost_per_resident"),
        "fired": [[f["id"], f["family"]] for f in advice.get("fired", [])],
        # A reader sees a rule by its title (in the advice's language), never by its id.
        "titles": {f["id"]: f.get("title") or f["id"] for f in advice.get("fired", [])},
        "recommendations": [[r["id"], r["family"]] for r in advice.get("recommendations", [])],
        "grants": [[g["item"], g["eligible"], g["amount_yen"]] for g in advice.get("grants", [])],
        "undetermined_rules": len(advice.get("undetermined", [])),
        "missing_key_facts": [name for name in KEY_FACTS if name not in facts],
    }


def _status_counts(records: Iterable[dict]) -> dict:
    counts = dict.fromkeys(STATUSES, 0)
    total = 0
    for record in records:
        counts[record["cloud_status"] or "unknown"] += 1
        total += 1
    known = total - counts["unknown"]
    cloud = counts["group"] + counts["single"]
    return {"municipalities": total, **counts, "cloud": cloud,
            "cloud_share_of_known": round(cloud / known, 4) if known else None}


def _fact_by_metric(knowledge: KnowledgeBase, metric: str):
    return next((f for f in knowledge.national_facts if f.metric == metric), None)


def _target(knowledge: KnowledgeBase, as_of: dt.date, cloud: int, total: int) -> dict:
    """The national target and count in force on as_of, from the one dated series."""
    series = knowledge.national
    out: dict[str, Any] = {"parameter": TARGET_SOURCE, "value": None, "from": None, "to": None, "confidence": None,
                           "source": None, "text": None, "cloud": cloud, "progress": None,
                           "national_share": None, "national_municipalities": len(knowledge.municipalities),
                           "batch_municipalities": total}
    target = series.target_on(TARGET_METRIC, as_of)
    if target is not None:
        out.update(value=target.value, **{"from": target.start.isoformat()},
                   to=target.end.isoformat() if target.end else None, confidence=target.confidence,
                   source=target.source["title"], text=target.text,
                   progress=round(cloud / target.value, 4),
                   national_share=round(target.value / len(knowledge.municipalities), 4))
    release = series.release_on(as_of)
    actual = release.figures.get(TARGET_METRIC) if release else None
    out["national_actual"] = ({"value": actual, "as_of": release.refers_to.isoformat(),
                               "published": release.published.isoformat(), "status": release.status,
                               "source": release.source["title"]} if actual is not None else None)
    return out


def _known_groups(records: list[dict], knowledge: KnowledgeBase, as_of: dt.date) -> dict:
    """How the batch used the known memberships, and how much of the country the known list covers."""
    members = knowledge.memberships.members_known_on(as_of)
    groups = knowledge.known_groups_on(as_of)
    national = knowledge.national.figure_on("group_cloud", as_of)
    in_batch = [r for r in records if r["code"] in members]
    return {
        "source": MEMBERSHIP_SOURCE,
        "groups_known": len(groups),
        "members_known": len(members),
        "national_municipalities": len(knowledge.municipalities),
        "share_of_country": round(len(members) / len(knowledge.municipalities), 4),
        # The ministry's count of municipalities in a 自治体クラウド on the latest public date.
        "national_group_cloud": ({"value": national[0], "as_of": national[1].refers_to.isoformat(),
                                  "source": national[1].source["title"]} if national else None),
        "share_of_national_group_cloud": round(len(members) / national[0], 4) if national else None,
        "in_batch": len(in_batch),
        "counted_from_knowledge": sum(1 for r in records if r.get("status_from_knowledge")),
        "profile_conflicts": sum(1 for r in records if r.get("conflicts")),
    }


def summarise(records: list[dict], knowledge: KnowledgeBase, parameters: ParameterSet,
              failures: list[dict] | None = None, as_of: dt.date | None = None) -> dict:
    """The whole summary as plain JSON-able data."""
    records = sorted(records, key=lambda r: r["code"])
    failures = list(failures or [])
    if as_of is None:
        as_of = max((dt.date.fromisoformat(r["as_of"]) for r in records), default=dt.date.today())
    totals = _status_counts(records)

    prefecture_order = {name: i for i, name in enumerate(knowledge.prefectures)}
    by_prefecture: dict[str, list[dict]] = {}
    for record in records:
        by_prefecture.setdefault(record["prefecture"], []).append(record)
    prefectures = [{"prefecture": name, **_status_counts(rows)}
                   for name, rows in sorted(by_prefecture.items(), key=lambda kv: prefecture_order.get(kv[0], 99))]

    by_band: dict[str, list[dict]] = {key: [] for _, _, key in BANDS}
    for record in records:
        by_band.setdefault(band_of(record["population"]), []).append(record)
    bands = [{"band": key, "label": BAND_NAMES[key], **_status_counts(rows)} for key, rows in by_band.items()]

    return {
        "as_of": as_of.isoformat(),
        "municipalities": len(records),
        "failed": len(failures),
        "status": totals,
        "target": _target(knowledge, as_of, totals["cloud"], len(records)),
        "known_groups": _known_groups(records, knowledge, as_of),
        "by_prefecture": prefectures,
        "by_band": bands,
        "families": _families(records),
        "rules": _rules(records),
        "grants": _grants(records),
        "costs": _costs(records, knowledge),
        "undetermined": _undetermined(records),
        "failures": failures,
    }


def _families(records: list[dict]) -> list[dict]:
    table: dict[str, dict] = {}

    def row(family: str) -> dict:
        return table.setdefault(family, {"family": family, "fired": 0, "recommendations": 0,
                                         "municipalities_fired": 0, "municipalities_recommended": 0})

    for record in records:
        for family in {f for _, f in record["fired"]}:
            row(family)["municipalities_fired"] += 1
        for family in {f for _, f in record["recommendations"]}:
            row(family)["municipalities_recommended"] += 1
        for _, family in record["fired"]:
            row(family)["fired"] += 1
        for _, family in record["recommendations"]:
            row(family)["recommendations"] += 1
    return [table[k] for k in sorted(table)]


def _rules(records: list[dict]) -> list[dict]:
    counts: dict[tuple, int] = {}
    titles: dict[str, str] = {}
    for record in records:
        titles.update(record.get("titles") or {})
        for rule_id, family in record["fired"]:
            counts[(rule_id, family)] = counts.get((rule_id, family), 0) + 1
    return [{"id": rid, "title": titles.get(rid, rid), "family": fam, "fired": n}
            for (rid, fam), n in sorted(counts.items())]


def _grants(records: list[dict]) -> list[dict]:
    """Per item: the total of the amounts that could be computed; the rest counted, not guessed."""
    from ..grants import ITEM_NAMES
    table: dict[str, dict] = {}
    for record in records:
        for item, eligible, amount in record["grants"]:
            row = table.setdefault(item, {"item": item, "name": ITEM_NAMES.get(item, {"ja": item, "en": item}),
                                          "eligible": 0, "computed": 0, "total_yen": 0,
                                          "amount_unknown": 0, "undetermined": 0, "not_eligible": 0})
            if eligible is None:
                row["undetermined"] += 1
            elif eligible is False:
                row["not_eligible"] += 1
            else:
                row["eligible"] += 1
                if amount is None:
                    row["amount_unknown"] += 1
                else:
                    row["computed"] += 1
                    row["total_yen"] += int(amount)
    order = list(ITEM_NAMES)
    return sorted(table.values(), key=lambda r: (order.index(r["item"]) if r["item"] in order else 99, r["item"]))


def _costs(records: list[dict], knowledge: KnowledgeBase) -> dict:
    """Per-resident IT cost where the profile gives it, against the survey's band average."""
    everyone = _fact_by_metric(knowledge, ALL_COST_METRIC)
    national = {}
    for _, _, key in BANDS:
        fact = _fact_by_metric(knowledge, BAND_COST_METRICS.get(key, "")) if key in BAND_COST_METRICS else None
        chosen = fact or everyone
        national[key] = None if chosen is None else {
            "yen": chosen.value, "scope": "band" if fact else "all", "note": chosen.scope_note,
            "as_of": chosen.as_of, "source": chosen.source}
    rows, per_band = [], {key: [] for _, _, key in BANDS}
    for record in records:
        value = record["it_cost_per_resident"]
        if value is None:
            continue
        band = band_of(record["population"])
        reference = national.get(band)
        rows.append({"code": record["code"], "name": record["name"], "prefecture": record["prefecture"],
                     "band": band, "per_resident_yen": value,
                     "national_yen": reference["yen"] if reference else None,
                     "ratio": round(value / reference["yen"], 3) if reference else None})
        per_band.setdefault(band, []).append(value)
    bands = []
    for key, values in per_band.items():
        reference = national.get(key)
        mean = round(sum(values) / len(values), 1) if values else None
        bands.append({"band": key, "label": BAND_NAMES[key], "known": len(values), "mean_per_resident_yen": mean,
                      "national": reference,
                      "ratio": round(mean / reference["yen"], 3) if (mean is not None and reference) else None})
    return {"bands": bands, "municipalities": rows}


def _undetermined(records: list[dict]) -> dict:
    facts = [{"fact": name, "missing": sum(1 for r in records if name in r["missing_key_facts"])}
             for name in KEY_FACTS]
    rows = [{"code": r["code"], "name": r["name"], "prefecture": r["prefecture"],
             "missing": r["missing_key_facts"], "undetermined_rules": r["undetermined_rules"]}
            for r in records if r["missing_key_facts"] or r["undetermined_rules"]]
    return {"key_facts": facts, "municipalities": rows}


# --- CSV ----------------------------------------------------------------------

CSV_COLUMNS = ("section", "key", "metric", "value")


def summary_rows(summary: dict) -> list[tuple]:
    """The summary as long-format rows (section, key, metric, value): one table for every part."""
    rows: list[tuple] = [("total", "", "municipalities", summary["municipalities"]),
                         ("total", "", "failed", summary["failed"]),
                         ("total", "", "as_of", summary["as_of"])]
    for status in STATUSES + ("cloud", "cloud_share_of_known"):
        rows.append(("status", "", status, summary["status"][status]))
    target = summary["target"]
    for metric in ("value", "from", "to", "confidence", "cloud", "progress", "national_share"):
        rows.append(("target", TARGET_SOURCE, metric, target[metric]))
    known = summary["known_groups"]
    for metric in ("groups_known", "members_known", "share_of_country", "share_of_national_group_cloud", "in_batch",
                   "counted_from_knowledge", "profile_conflicts"):
        rows.append(("known_groups", "cloud_groups.csv", metric, known[metric]))
    for section, key_name, entries in (("prefecture", "prefecture", summary["by_prefecture"]),
                                       ("band", "band", summary["by_band"])):
        for entry in entries:
            for metric in ("municipalities",) + STATUSES + ("cloud", "cloud_share_of_known"):
                rows.append((section, entry[key_name], metric, entry[metric]))
    for entry in summary["families"]:
        for metric in ("fired", "recommendations", "municipalities_fired", "municipalities_recommended"):
            rows.append(("family", entry["family"], metric, entry[metric]))
    for entry in summary["rules"]:
        rows.append(("rule", entry["id"], "fired", entry["fired"]))
    for entry in summary["grants"]:
        for metric in ("eligible", "computed", "total_yen", "amount_unknown", "undetermined", "not_eligible"):
            rows.append(("grant", entry["item"], metric, entry[metric]))
    for entry in summary["costs"]["bands"]:
        national = entry["national"]
        rows.append(("cost_band", entry["band"], "known", entry["known"]))
        rows.append(("cost_band", entry["band"], "mean_per_resident_yen", entry["mean_per_resident_yen"]))
        rows.append(("cost_band", entry["band"], "national_yen", national["yen"] if national else None))
        rows.append(("cost_band", entry["band"], "ratio", entry["ratio"]))
    for entry in summary["costs"]["municipalities"]:
        rows.append(("cost", entry["code"], "per_resident_yen", entry["per_resident_yen"]))
        rows.append(("cost", entry["code"], "ratio", entry["ratio"]))
    for entry in summary["undetermined"]["key_facts"]:
        rows.append(("key_fact_missing", entry["fact"], "municipalities", entry["missing"]))
    for entry in summary["undetermined"]["municipalities"]:
        rows.append(("undetermined", entry["code"], "missing", ";".join(entry["missing"])))
        rows.append(("undetermined", entry["code"], "undetermined_rules", entry["undetermined_rules"]))
    for entry in summary["failures"]:
        rows.append(("failure", entry["source"], "message", entry["message"]))
    return rows


def summary_csv(summary: dict) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for section, key, metric, value in summary_rows(summary):
        writer.writerow((section, key, metric, "" if value is None else value))
    return buffer.getvalue()
