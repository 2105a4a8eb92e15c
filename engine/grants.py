"""特別交付税 estimates for the four 自治体クラウド items.

amount = base (the profile's cost estimate) × rate × 財政力補正.
Eligibility comes from the grant rules (``then.grant: <item>``): eligible if one
fired, not eligible if every one is determinately not fired, else undetermined.
The 財政力補正 table is not confirmed by any source we hold, so it ships unset:
the amount shown is then the ceiling before correction and the note says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .rules.parameters import ParameterSet, fiscal_multiplier
from .rules.rulebook import GRANT_ITEMS, RuleBook
from .rules.conditions import INVERSE, SYMBOL
from .rules.trace import FIRED, INACTIVE, NOT_FIRED, RuleOutcome, Trace
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
RATE_PARAMETER = "grant.special_allocation_rate"
CORRECTION_PARAMETER = "grant.fiscal_correction"


@dataclass(frozen=True)
class GrantEstimate:
    item: str
    eligible: bool | None          # None: undetermined
    base_yen: int | None
    rate: float | None
    fiscal_correction: float | None  # None: not applied (table unset or index unknown)
    amount_yen: int | None
    source: str
    rules: tuple = ()
    notes: tuple = field(default_factory=tuple)  # of {"ja":…, "en":…}

    def as_json(self, lang: str = "ja") -> dict:
        return {
            "item": self.item, "eligible": self.eligible, "base_yen": self.base_yen, "rate": self.rate,
            "fiscal_correction": self.fiscal_correction, "amount_yen": self.amount_yen, "source": self.source,
            "rules": list(self.rules), "notes": [n[lang] for n in self.notes],
        }


def estimate_grants(book: RuleBook, trace: Trace, params: ParameterSet, facts: dict) -> list[GrantEstimate]:
    rules_by_id = book.by_id()
    rate = params.value(RATE_PARAMETER, trace.as_of) if RATE_PARAMETER in params else None
    table = params.value(CORRECTION_PARAMETER, trace.as_of) if CORRECTION_PARAMETER in params else None
    index = facts.get("fiscal_strength_index")
    correction = fiscal_multiplier(table, index)
    out = []
    for item in GRANT_ITEMS:
        outcomes = [o for o in trace.outcomes if rules_by_id[o.rule_id].grant == item]
        fired = [o for o in outcomes if o.status == FIRED]
        live = [o for o in outcomes if o.status != INACTIVE]
        if fired:
            eligible = True
        elif not live or all(o.status == NOT_FIRED for o in live):
            eligible = False
        else:
            eligible = None
        basis = fired or live or outcomes
        source = rules_by_id[basis[0].rule_id].source_text() if basis else ""
        base = facts.get(COST_FACT[item])
        notes = []
        amount = None
        if eligible is False and not live:
            # "Not in force" is a different answer from "ineligible": say which.
            amount = 0
            periods = sorted({(r.effective_from, r.effective_to) for r in (rules_by_id[o.rule_id] for o in outcomes)},
                             key=lambda p: p[0])
            span = "、".join(f"{a.isoformat()}〜{b.isoformat() if b else ''}" for a, b in periods)
            span_en = ", ".join(f"{a.isoformat()} to {b.isoformat() if b else 'open'}" for a, b in periods)
            notes.append({"ja": f"{trace.as_of.isoformat()} に適用されるこの措置のルールはありません（ルールの適用期間: {span}）。",
                          "en": f"no rule for this measure is in force on {trace.as_of.isoformat()} (rules in force {span_en})."})
        elif eligible is False:
            amount = 0
            notes.append(_why_not(live))
        elif base is None:
            notes.append({"ja": "経費の見込み額が未記入のため算定できません。", "en": "no cost estimate in the profile: cannot compute."})
        elif rate is not None:
            amount = int(base * rate * (correction if correction is not None else 1.0))
        if eligible is None:
            notes.append({"ja": "対象になるかは未確定です（確認すべき事項を参照）。",
                          "en": "eligibility undetermined (see the questions to ask)."})
        if eligible is not False:
            if correction is None:
                why = ("財政力補正の係数表が未確認のため" if table is None else "財政力指数が不明なため")
                why_en = ("the 財政力補正 table is unconfirmed" if table is None else "the fiscal strength index is unknown")
                notes.append({"ja": f"{why}補正を適用していません。金額は補正前の上限額です。",
                              "en": f"{why_en}, so no correction is applied: the amount is the ceiling before correction."})
            if rate is None:
                notes.append({"ja": "措置率が設定されていません。", "en": "no rate is set."})
        out.append(GrantEstimate(item=item, eligible=eligible, base_yen=base, rate=rate, fiscal_correction=correction,
                                 amount_yen=amount, source=source, rules=tuple(o.rule_id for o in fired),
                                 notes=tuple(notes)))
    return out


def _why_not(outcomes: list[RuleOutcome], limit: int = 3) -> dict:
    """"Not eligible" with the conditions that failed, in words (required vs now)."""
    vocab = default_vocabulary()
    ja, en = [], []
    for outcome in outcomes:
        for atom in outcome.failed:
            spec = vocab.get(atom.fact)
            op = INVERSE.get(atom.op, atom.op) if atom.negated else atom.op
            required = "・".join(map(str, atom.required)) if isinstance(atom.required, tuple) else atom.required
            name_ja = spec.description["ja"] if spec else atom.fact
            name_en = spec.description["en"] if spec else atom.fact
            text_ja = f"{name_ja} {SYMBOL.get(op, op)} {_word(required, 'ja')}（現在 {_word(atom.actual, 'ja')}）"
            if text_ja not in ja:
                ja.append(text_ja)
                en.append(f"{name_en} {SYMBOL.get(op, op)} {_word(required, 'en')} (now {_word(atom.actual, 'en')})")
    if not ja:
        return {"ja": "この条件では措置の対象になりません。", "en": "not eligible under these conditions."}
    return {"ja": "対象外（満たしていない条件: " + "、".join(ja[:limit]) + "）",
            "en": "not eligible (conditions not met: " + "; ".join(en[:limit]) + ")"}


def _word(value, lang: str) -> str:
    if isinstance(value, bool):
        return {"ja": ("はい", "いいえ"), "en": ("yes", "no")}[lang][0 if value else 1]
    return str(value)
