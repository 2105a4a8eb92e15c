"""A rule or parameter change against the shipped rule base, over the same municipalities.

As a reform in OpenFisca or PolicyEngine is simulated on the same population
as the baseline, every profile is advised twice — under the baseline advisor
(shipped rules and parameters) and under the reform advisor (the changed ones)
— and the two outcomes are compared. Only the rules, asks, questions and
grants are compared: the partner search and the durable-rules cross-check are
left out (the pure evaluator is the reference both use), which keeps all 1,741
municipalities within seconds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..errors import InputError
from ..rules.rulebook import GRANT_ITEMS
from .outcome import Change, Outcome, compare, outcome_of


@dataclass(frozen=True)
class MunicipalityImpact:
    code: str
    name: str
    prefecture: str
    population: int | None
    before: Outcome
    after: Outcome
    change: Change

    def as_json(self) -> dict:
        return {"code": self.code, "name": self.name, "prefecture": self.prefecture,
                "population": self.population, **self.change.as_json()}


@dataclass
class Impact:
    as_of: dt.date | None              # None: each profile's own as_of
    baseline: dict                      # {"ruleset_sha256", "rules", "parameters"}
    reform: dict
    evaluated: int = 0
    affected: list = field(default_factory=list)        # of MunicipalityImpact, by code
    failures: list = field(default_factory=list)        # of (label, message)
    prefectures: dict = field(default_factory=dict)     # prefecture -> municipalities evaluated

    def by_rule(self) -> dict:
        """rule id -> counts of municipalities where it now fires, no longer fires, or changed otherwise."""
        out: dict[str, dict] = {}
        for m in self.affected:
            for rule, before, after in m.change.status_changes:
                row = out.setdefault(rule, _rule_row())
                key = "now_fire" if after == "fired" else "no_longer_fire" if before == "fired" else "other"
                row[key] += 1
            for rule in m.change.asks_added:
                out.setdefault(rule, _rule_row())["asks_added"] += 1
            for rule in m.change.asks_removed:
                out.setdefault(rule, _rule_row())["asks_removed"] += 1
        return dict(sorted(out.items()))

    def by_prefecture(self) -> dict:
        """prefecture -> evaluated, affected, rule firings gained and lost, and the change in yen."""
        out = {p: {"evaluated": n, "affected": 0, "now_fire": 0, "no_longer_fire": 0, "change_yen": 0}
               for p, n in self.prefectures.items()}
        for m in self.affected:
            row = out[m.prefecture]
            row["affected"] += 1
            row["now_fire"] += len(m.change.now_fire)
            row["no_longer_fire"] += len(m.change.no_longer_fire)
            row["change_yen"] += m.change.yen_change
        return out

    def yen(self) -> dict:
        """Eligible grant amounts before and after, in yen, by item and in all (affected municipalities only
        differ, so the change over them is the change over all)."""
        items: dict[str, dict] = {}
        for m in self.affected:
            for g in m.change.grants:
                row = items.setdefault(g.item, {"before_yen": 0, "after_yen": 0, "change_yen": 0, "municipalities": 0})
                row["before_yen"] += m.before.granted_yen(g.item)
                row["after_yen"] += m.after.granted_yen(g.item)
                row["change_yen"] += g.counted_change
                row["municipalities"] += 1
        total = {key: sum(row[key] for row in items.values()) for key in ("before_yen", "after_yen", "change_yen")}
        order = {item: i for i, item in enumerate(GRANT_ITEMS)}
        return {"items": dict(sorted(items.items(), key=lambda kv: order.get(kv[0], len(order)))), "total": total}

    def as_json(self) -> dict:
        return {
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "baseline": self.baseline, "reform": self.reform,
            "evaluated": self.evaluated, "affected_count": len(self.affected),
            "totals": {"by_rule": self.by_rule(), "by_prefecture": self.by_prefecture(), "yen": self.yen()},
            "affected": [m.as_json() for m in self.affected],
            "failures": [{"source": label, "message": message} for label, message in self.failures],
        }


def _rule_row() -> dict:
    return {"now_fire": 0, "no_longer_fire": 0, "other": 0, "asks_added": 0, "asks_removed": 0}


def describe(advisor, rules_dir, parameter_files) -> dict:
    return {"ruleset_sha256": advisor.book.sha256, "rules": str(rules_dir) if rules_dir else "shipped",
            "parameters": [str(p) for p in parameter_files] or "shipped"}


def run_impact(baseline, reform, items, as_of: dt.date | None, baseline_info: dict, reform_info: dict) -> Impact:
    """Advise every item under both advisors (which share one knowledge base) and keep the differences."""
    from ..batch.runner import profile_of_item
    impact = Impact(as_of=as_of, baseline=baseline_info, reform=reform_info)
    seen: set[str] = set()
    for item in items:
        try:
            profile = profile_of_item(item, baseline.knowledge, as_of)
        except InputError as exc:
            impact.failures.append((item.label, str(exc)))
            continue
        m = profile.municipality
        if m.code in seen:
            impact.failures.append((item.label, f"{m.code} は先の入力と同じ団体です（先の入力を使いました）。"
                                                f" / {m.code} is already in the input (the first one is used)"))
            continue
        seen.add(m.code)
        before = baseline.advise(profile, partners=False, cross_check=False)
        after = reform.advise(profile, partners=False, cross_check=False)
        impact.evaluated += 1
        impact.prefectures[m.prefecture] = impact.prefectures.get(m.prefecture, 0) + 1
        old, new = outcome_of(before), outcome_of(after)
        change = compare(old, new)
        if change:
            impact.affected.append(MunicipalityImpact(
                code=m.code, name=m.name, prefecture=m.prefecture,
                population=before.facts.values.get("population"), before=old, after=new, change=change))
    impact.affected.sort(key=lambda x: x.code)
    impact.prefectures = dict(sorted(impact.prefectures.items(), key=lambda kv: _prefecture_order(baseline, kv[0])))
    return impact


def _prefecture_order(advisor, prefecture: str) -> str:
    # Prefectures in the order of their codes (北海道 first), as every list of the ministry.
    codes = [m.code for m in advisor.knowledge.municipalities.values() if m.prefecture == prefecture]
    return min(codes) if codes else prefecture
