"""特別交付税 estimates for the four 自治体クラウド items.

amount = base (the profile's cost estimate) × rate × 財政力補正, 円未満切捨て, computed exactly.

Each item gets one status:

- eligible:       a rule for the item (``then.grant: <item>``) fired;
- conditional:    it fired, and a rule with ``grant_effect: conditional`` fired or is undetermined
                  (data migration: the migration must use efficiency measures such as the
                  中間標準レイアウト); the amount is shown with the condition;
- ineligible:     every rule for the item in force is determinately not fired (amount 0), or the
                  measure had not begun on as_of (no amount);
- not_applicable: a rule with ``grant_effect: not_applicable`` fired (a 特別区: 都区合算), no amount;
- undetermined:   facts are missing, or as_of is after every rule for the item ended (the end
                  date is a modelling assumption, confidence U: no confirmed measure after it).

A rule with ``grant_effect: little_benefit`` (a 不交付団体) withholds the amount: the table must
not print a yen figure the warning contradicts; the ceiling is kept, flagged, for reference.
The 財政力補正 table is not confirmed by any source we hold, so it ships unset: the amount is
then the ceiling before correction and the note says so. Each rate carries its parameter's
confidence (data migration: stated by the source; the other items: unconfirmed).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from fractions import Fraction

from .documents.values import fill
from .documents.wareki import format_date
from .rules.parameters import ParameterSet, fiscal_multiplier
from .rules.rulebook import GRANT_ITEMS, Rule, RuleBook
from .rules.trace import FIRED, INACTIVE, NOT_FIRED, UNDETERMINED, RuleOutcome, Trace
from .rules.vocabulary import default_vocabulary

COST_FACT = {
    "joint_planning": "cost_planning",
    "consultant": "cost_consultant",
    "data_migration": "cost_data_migration",
    "training": "cost_training",
}
ITEM_NAMES = {
    "joint_planning": {"ja": "共同化計画策定", "en": "joint planning"},
    "consultant": {"ja": "導入コンサルタント", "en": "introduction consultant"},
    "data_migration": {"ja": "データ移行", "en": "data migration"},
    "training": {"ja": "実務処理研修", "en": "operational training"},
}
RATE_PARAMETER = "grant.special_allocation_rate"                # data migration: stated by the source
OTHER_RATE_PARAMETER = "grant.special_allocation_rate_other_items"  # unconfirmed (confidence U)
RATE_PARAMETERS = {item: (RATE_PARAMETER if item == "data_migration" else OTHER_RATE_PARAMETER)
                   for item in GRANT_ITEMS}
CORRECTION_PARAMETER = "grant.fiscal_correction"

ELIGIBLE, CONDITIONAL, INELIGIBLE = "eligible", "conditional", "ineligible"
NOT_APPLICABLE, UNDETERMINED_STATUS = "not_applicable", "undetermined"
STATUSES = (ELIGIBLE, CONDITIONAL, INELIGIBLE, NOT_APPLICABLE, UNDETERMINED_STATUS)
# The contract's `eligible` key: true / "conditional" / false / null (undetermined).
ELIGIBLE_VALUE = {ELIGIBLE: True, CONDITIONAL: "conditional", INELIGIBLE: False, NOT_APPLICABLE: False,
                  UNDETERMINED_STATUS: None}


@dataclass(frozen=True)
class GrantEstimate:
    item: str
    status: str
    base_yen: int | None
    rate: float | None
    rate_confidence: str | None
    fiscal_correction: float | None  # None: not applied (table unset or index unknown)
    amount_yen: int | None           # what may be quoted; None when it cannot be (see notes)
    source: str
    rules: tuple = ()
    conditions: tuple = field(default_factory=tuple)  # of {"ja":…, "en":…}: what a conditional item needs
    notes: tuple = field(default_factory=tuple)       # of {"ja":…, "en":…}
    ceiling_yen: int | None = None   # cost × rate (× correction), kept when the amount is withheld
    caveats: tuple = field(default_factory=tuple)     # notes common to every estimate (correction, rate)

    @property
    def eligible(self) -> bool | str | None:
        return ELIGIBLE_VALUE[self.status]

    def as_json(self, lang: str = "ja") -> dict:
        return {
            "item": self.item, "eligible": self.eligible, "status": self.status, "base_yen": self.base_yen,
            "rate": self.rate, "rate_confidence": self.rate_confidence, "fiscal_correction": self.fiscal_correction,
            "amount_yen": self.amount_yen, "ceiling_yen": self.ceiling_yen, "source": self.source,
            "rules": list(self.rules), "conditions": [c[lang] for c in self.conditions],
            "notes": [n[lang] for n in self.notes + self.caveats], "caveats": [n[lang] for n in self.caveats],
        }


def grant_amount(base: int, rate: float, correction: float | None) -> int:
    """base × rate × correction in exact arithmetic, 円未満切捨て (4,000,000 × 1/2 = 2,000,000)."""
    exact = Fraction(base) * Fraction(str(rate)) * Fraction(str(1 if correction is None else correction))
    return math.floor(exact)


def estimate_grants(book: RuleBook, trace: Trace, params: ParameterSet, facts: dict,
                    fiscal_year: int | None = None) -> list[GrantEstimate]:
    rules_by_id = book.by_id()
    as_of = trace.as_of
    table = params.value(CORRECTION_PARAMETER, as_of) if CORRECTION_PARAMETER in params else None
    correction = fiscal_multiplier(table, facts.get("fiscal_strength_index"))
    effects = _effects(trace, rules_by_id)
    out = []
    for item in GRANT_ITEMS:
        outcomes = [o for o in trace.outcomes if rules_by_id[o.rule_id].grant == item]
        fired = [o for o in outcomes if o.status == FIRED]
        live = [o for o in outcomes if o.status != INACTIVE]
        item_effects = effects[item]
        notes: list[dict] = []
        caveats: list[dict] = []
        conditions: list[dict] = []
        source = _source(fired or live or outcomes, rules_by_id)
        if item_effects.get(("not_applicable", FIRED)):
            status = NOT_APPLICABLE
            notes += [_note(r, facts) for r in item_effects[("not_applicable", FIRED)]]
            source = item_effects[("not_applicable", FIRED)][0].source_text()
        elif not live:
            status, note = _out_of_force([rules_by_id[o.rule_id] for o in outcomes], as_of)
            notes.append(note)
        elif fired:
            pending = item_effects.get(("conditional", FIRED), []) + item_effects.get(("conditional", UNDETERMINED), [])
            status = CONDITIONAL if pending else ELIGIBLE
            conditions += [_note(r, facts) for r in pending]
        elif all(o.status == NOT_FIRED for o in live):
            status = INELIGIBLE
            notes.append(_why_not(live))
        else:
            status = UNDETERMINED_STATUS
            notes.append({"ja": "対象になるかは未確定です（「訪問で確認すること」を参照）。",
                          "en": "eligibility undetermined (see the questions to ask)."})

        base = facts.get(COST_FACT[item])
        rate_name = RATE_PARAMETERS[item]
        rate = params.value(rate_name, as_of) if rate_name in params else None
        rate_confidence = params.get(rate_name).confidence if rate_name in params else None
        amount = ceiling = None
        if status in (ELIGIBLE, CONDITIONAL):
            if base is None:
                notes.append({"ja": "経費の見込み額が未記入のため算定できません。",
                              "en": "no cost estimate in the profile: cannot compute."})
            elif rate is None:
                notes.append({"ja": "措置率が設定されていません。", "en": "no rate is set."})
            else:
                ceiling = grant_amount(base, rate, correction)
                withheld = item_effects.get(("little_benefit", FIRED), [])
                if withheld:
                    notes += [_note(r, facts) for r in withheld]
                    notes.append(_withheld(ceiling, facts.get("fiscal_strength_index"), fiscal_year))
                else:
                    amount = ceiling
            if correction is None:
                caveats.append(_correction_note(table))
            if rate is not None and rate_confidence in ("I", "U"):
                caveats.append({"ja": "この項目の措置率は資料で確認できていない仮の値です（データ移行と同じ率を置いています）。",
                              "en": "this item's rate is not confirmed by a source: the data-migration rate is assumed."})
        elif status == INELIGIBLE and live:
            amount = 0
        out.append(GrantEstimate(item=item, status=status, base_yen=base,
                                 rate=rate if status in (ELIGIBLE, CONDITIONAL) else None,
                                 rate_confidence=rate_confidence, fiscal_correction=correction,
                                 amount_yen=amount, ceiling_yen=ceiling if amount is None else None,
                                 source=source, rules=tuple(o.rule_id for o in fired),
                                 conditions=tuple(conditions), notes=tuple(notes), caveats=tuple(caveats)))
    return out


def _effects(trace: Trace, rules_by_id: dict[str, Rule]) -> dict[str, dict[tuple, list[Rule]]]:
    """item -> {(effect, status): [rules]} for the effect rules fired or undetermined."""
    out: dict[str, dict[tuple, list[Rule]]] = {item: {} for item in GRANT_ITEMS}
    for outcome in trace.outcomes:
        rule = rules_by_id[outcome.rule_id]
        if rule.grant_effect is None or outcome.status not in (FIRED, UNDETERMINED):
            continue
        for item in rule.grant_effect["items"]:
            out[item].setdefault((rule.grant_effect["effect"], outcome.status), []).append(rule)
    return out


def _note(rule: Rule, facts: dict) -> dict:
    vocab = default_vocabulary()
    units = {name: spec.unit for name, spec in vocab.items()}
    return {lang: fill(rule.grant_effect["note"][lang], facts, {}, lang, units) for lang in ("ja", "en")}


def _source(outcomes: list[RuleOutcome], rules_by_id: dict[str, Rule]) -> str:
    return rules_by_id[outcomes[0].rule_id].source_text() if outcomes else ""


def _withheld(ceiling: int, index: float | None, year: int | None) -> dict:
    from .documents.yen import yen_exact
    when_ja = f"（{year}年度の値）" if year else ""
    when_en = f" (FY{year})" if year else ""
    shown = "" if index is None else f"財政力指数 {index:.2f}{when_ja}。"
    shown_en = "" if index is None else f"fiscal strength index {index:.2f}{when_en}; "
    return {"ja": f"{shown}試算額は示しません（参考: 補正・控除前の上限 {yen_exact(ceiling, 'ja')}）。",
            "en": f"{shown_en}no estimate is given (for reference: the ceiling before correction and deduction is "
                  f"{yen_exact(ceiling, 'en')})."}


def _correction_note(table) -> dict:
    if table is None:
        return {"ja": "財政力補正の係数表が未確認のため補正を適用していません。金額は補正前の上限額です。",
                "en": "the 財政力補正 table is unconfirmed, so no correction is applied: the amount is the ceiling "
                      "before correction."}
    return {"ja": "財政力指数が不明なため補正を適用していません。金額は補正前の上限額です。",
            "en": "the fiscal strength index is unknown, so no correction is applied: the amount is the ceiling "
                  "before correction."}


def _out_of_force(rules: list[Rule], as_of: dt.date) -> tuple[str, dict]:
    """No rule for the item in force: not begun yet (ineligible), or ended / in a gap (undetermined)."""
    if rules and all(r.effective_from > as_of for r in rules):
        start = min(r.effective_from for r in rules)
        return INELIGIBLE, {"ja": f"この措置は{format_date(start, 'ja')}からで、基準日にはまだありません。",
                            "en": f"this measure began on {format_date(start, 'en')}, after the as-of date."}
    ends = [r.effective_to for r in rules if r.effective_to is not None and r.effective_to < as_of]
    if ends:
        end = max(ends)
        return UNDETERMINED_STATUS, {
            "ja": f"{format_date(end, 'ja')}より後に続く措置は確認できていません（この終了日は標準化法の施行に合わせた"
                  "モデル上の仮定で、確度 U）。対象になるかは未確定です。",
            "en": f"no measure is confirmed after {format_date(end, 'en')} (that end date is a modelling assumption set "
                  "at the standardisation law's entry into force, confidence U): eligibility is undetermined."}
    return UNDETERMINED_STATUS, {"ja": "基準日に適用される措置が確認できていません。対象になるかは未確定です。",
                                 "en": "no measure is confirmed on the as-of date: eligibility is undetermined."}


def _why_not(outcomes: list[RuleOutcome], limit: int = 4) -> dict:
    """"Not eligible", with the facts the rules saw, in words (never a fact name or a raw value)."""
    vocab = default_vocabulary()
    ja, en = [], []
    for outcome in outcomes:
        for atom in outcome.failed:
            spec = vocab.get(atom.fact)
            if spec is None or not atom.known:
                continue  # a derived fact follows from the others; an unknown one is a question
            text_ja = f"{spec.description['ja']}: {_value(spec, atom.actual, 'ja')}"
            if text_ja not in ja:
                ja.append(text_ja)
                en.append(f"{spec.description['en']}: {_value(spec, atom.actual, 'en')}")
    if not ja:
        return {"ja": "対象外（この措置の条件に当たりません）。", "en": "not eligible (the conditions are not met)."}
    return {"ja": "対象外（この措置の条件に当たりません。判断に用いた事実: " + "、".join(ja[:limit]) + "）。",
            "en": "not eligible (the conditions are not met; facts considered: " + "; ".join(en[:limit]) + ")."}


def _value(spec, value, lang: str) -> str:
    if isinstance(value, bool):
        return {"ja": ("はい", "いいえ"), "en": ("yes", "no")}[lang][0 if value else 1]
    from .documents.values import show
    return spec.label(value, lang) if spec.labels else show(value, spec.unit, lang)
