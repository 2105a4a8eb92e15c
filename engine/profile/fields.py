"""Every profile field, explained: the source of `advise init` and docs/PROFILE.md.

The type, allowed values and limits come from the profile schema (schema.py);
the question to ask comes from the fact the field settles in rules/facts.yaml.
What neither holds — a label, a unit, an example, the meaning of each allowed
value, and a question for the fields no rule reads (the visit, the neighbours) —
is written once here. ``profile_fields`` joins the three; a test keeps the
catalogue, the schema and the vocabulary in step (tests/test_profile_reference.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Iterator

from .schema import PROFILE_SCHEMA


def _t(ja: str, en: str) -> dict:
    return {"ja": ja, "en": en}


@dataclass(frozen=True)
class FieldDoc:
    label: dict                   # {"ja", "en"}
    example: Any                  # a value the schema accepts (what the reference shows)
    unit: dict | None = None
    values: dict | None = None    # enum value → {"ja", "en"} meaning
    question: dict | None = None  # only for fields that settle no fact
    note: dict | None = None


YEN = _t("円", "yen")
PEOPLE = _t("人", "people")
DATE_NOTE = _t("YYYY-MM-DD（西暦）", "YYYY-MM-DD")
CLOUD_STATUS = {"none": _t("未導入", "no cloud"), "single": _t("単独クラウド", "single-municipality cloud"),
                "group": _t("自治体クラウド", "group cloud (自治体クラウド)")}

CATALOGUE: dict[str, FieldDoc] = {
    "code": FieldDoc(_t("全国地方公共団体コード", "local government code"), "163228",
                     note=_t("6 桁（検査数字付き）または 5 桁。引用符で囲む（先頭の 0 を残すため）。"
                             "`advise lookup 名前` で調べられる。",
                             "6 digits with check digit, or 5 without; quote it so a leading 0 is kept. "
                             "`advise lookup NAME` finds it."),
                     question=_t("どの団体ですか（団体コード）。", "Which municipality (its code)?")),
    "as_of": FieldDoc(_t("基準日", "advice date"), dt.date(2017, 6, 9),
                      note=_t("この日に効力のあるルール・パラメータ・公表済みの知識だけを使う。省略時は今日。"
                              "`--as-of` が優先。",
                              "only the rules, parameters and knowledge in force and published on this date are "
                              "used. Default: today; `--as-of` wins."),
                      question=_t("いつ時点の助言ですか。", "For which date is the advice?")),
    "overrides.population": FieldDoc(
        _t("人口（知識ベースの値を置き換える）", "population (replaces the knowledge base's)"), 20930, unit=PEOPLE,
        note=_t("基準日に分かっていた値だけ。根拠を `overrides.note` に。", "only a figure known on as_of; cite it in "
                "`overrides.note`.")),
    "overrides.fiscal_strength_index": FieldDoc(
        _t("財政力指数（知識ベースの値を置き換える）", "fiscal strength index (replaces the knowledge base's)"), 0.46,
        note=_t("基準日に公表済みの年度の値だけ。", "only a figure published by as_of.")),
    "overrides.note": FieldDoc(_t("置き換えの根拠", "why the figures are replaced"), "2015年国勢調査（2016年10月公表）",
                               question=_t("置き換える値の出典は何ですか。", "Where do the replacing figures come from?")),
    "cloud.status": FieldDoc(_t("クラウド導入状況", "cloud status"), "none", values=CLOUD_STATUS),
    "cloud.group": FieldDoc(_t("自治体クラウドのグループ名", "name of the 自治体クラウド group"), "富山県情報システム共同利用推進協議会",
                            note=_t("`status: group` のとき。", "when `status: group`.")),
    "cloud.plan": FieldDoc(_t("クラウド導入等に関する計画", "cloud adoption plan"), "none",
                           values={"none": _t("なし", "none"), "drafting": _t("策定中", "being drafted"),
                                   "adopted": _t("策定済み", "adopted")}),
    "cloud.driving_body": FieldDoc(
        _t("推進組織", "driving body"), "none",
        values={"none": _t("なし", "none"), "prefecture": _t("都道府県・市町村会", "prefecture or association of municipalities"),
                "council": _t("協議会", "council"), "association": _t("一部事務組合", "special-purpose association")}),
    "cloud.migration": FieldDoc(
        _t("次の契約満了に向けて予定している移行・調達", "migration or procurement planned for the next contract end"),
        "forming_group",
        values={"none": _t("予定なし（現行のシステムと契約のまま運用を続ける）", "nothing planned"),
                "renewal": _t("現行システムの契約更新（移行なし）", "renewal of the current systems (no migration)"),
                "renewal_with_migration": _t("更新に合わせて新しいシステムへ移行（グループの構成団体はグループで再調達）",
                                             "migration to new systems at renewal (a group member re-procures with "
                                             "its group)"),
                "forming_group": _t("近隣団体と新たに自治体クラウドを構成して移行", "forming a new group cloud"),
                "joining_group": _t("既存の自治体クラウドに後から参加して移行", "joining an existing group cloud")},
        note=_t("特別交付税の4項目・J-LIS の支援・推進組織・工程表は、導入・移行する団体のもの。運用中のグループで"
                "予定がなければ示さない。",
                "the four 特別交付税 items, J-LIS support, the driving body and the roadmap are for a municipality "
                "introducing or moving its systems; a running group with nothing planned gets none of them.")),
    "systems": FieldDoc(_t("基幹系の業務システム（1 業務 1 項目）", "core business systems, one entry each"),
                        [{"area": "住民記録", "form": "package", "customization": "heavy"}],
                        note=_t("分かっているものだけ。1 つでも書けば、その項目から分かることは確定する。",
                                "list what you know; what the listed systems settle is settled.")),
    "systems[].area": FieldDoc(_t("業務", "business area"), "住民記録",
                               note=_t("住民記録、税務、国民健康保険、国民年金、福祉、介護保険、財務会計 など",
                                       "住民記録, 税務, 国民健康保険, 国民年金, 福祉, 介護保険, 財務会計, …")),
    "systems[].form": FieldDoc(_t("形態", "form"), "package",
                               values={"package": _t("パッケージ", "package"), "custom": _t("個別開発", "custom-built"),
                                       "mainframe": _t("メインフレーム", "mainframe")}),
    "systems[].customization": FieldDoc(_t("カスタマイズの程度", "customisation"), "heavy",
                                        values={"none": _t("なし", "none"), "minor": _t("軽微", "minor"),
                                                "heavy": _t("多い", "heavy")}),
    "systems[].vendor": FieldDoc(_t("ベンダー", "vendor"), "A社"),
    "systems[].contract_end": FieldDoc(_t("現行契約の満了日", "end of the current contract"), dt.date(2019, 3, 31),
                                       note=DATE_NOTE),
    "systems[].hosting": FieldDoc(_t("サーバの場所", "where it runs"), "onprem",
                                  values={"onprem": _t("庁舎内", "on premises"),
                                          "datacenter": _t("データセンター", "data centre"),
                                          "cloud": _t("クラウド", "cloud")}),
    "systems[].standard_layout": FieldDoc(_t("中間標準レイアウトで出力できるか", "exports in the 中間標準レイアウト"), False),
    "costs.it_operating": FieldDoc(_t("情報システム運用経費（年額）", "annual IT operating cost"), 120000000, unit=YEN),
    "costs.planning": FieldDoc(_t("共同化計画策定経費（見込み）", "joint-planning cost (estimate)"), 4000000, unit=YEN),
    "costs.consultant": FieldDoc(_t("導入コンサルタント経費（見込み）", "consultant cost (estimate)"), 6000000, unit=YEN),
    "costs.data_migration": FieldDoc(_t("データ移行経費（見込み）", "data-migration cost (estimate)"), 25000000, unit=YEN),
    "costs.training": FieldDoc(_t("実務処理研修経費（見込み）", "training cost (estimate)"), 1500000, unit=YEN),
    "costs.after_migration": FieldDoc(_t("標準準拠システム移行後の運用経費（年額・見込み）",
                                         "operating cost after migration to the standard systems (annual, estimate)"),
                                      80000000, unit=YEN),
    "costs.baseline_fy2018": FieldDoc(_t("平成30年度の運用経費（3割削減目標の基準）",
                                         "FY2018 operating cost (the baseline of the 3割 target)"), 115000000, unit=YEN,
                                      question=_t("平成30年度の情報システム運用経費はいくらでしたか。",
                                                  "What was the IT operating cost in FY2018?")),
    "staff.it_staff": FieldDoc(_t("情報担当職員数", "IT staff"), 2, unit=PEOPLE),
    "staff.cloud_experience": FieldDoc(_t("クラウド導入の経験がある職員", "staff with cloud-migration experience"), False),
    "continuity.offsite_backup": FieldDoc(_t("バックアップの庁舎外保管", "backups kept off site"), False),
    "continuity.hazard": FieldDoc(_t("災害リスク", "disaster risk"), "high",
                                  values={"low": _t("低", "low"), "medium": _t("中", "medium"), "high": _t("高", "high")}),
    "neighbours": FieldDoc(_t("近隣団体について分かっていること", "what you know of neighbours"),
                           [{"code": "162078", "interested": True}],
                           note=_t("連携先の順位付けに使う。隣接団体は知識ベースにあるので、分かったことだけ書く。",
                                   "used to rank partners; the knowledge base already knows who borders whom, "
                                   "so write only what you learned."),
                           question=_t("近隣団体の状況で分かっていることはありますか。",
                                       "What do you know of the neighbours?")),
    "neighbours[].code": FieldDoc(_t("近隣団体のコード", "the neighbour's code"), "162078",
                                  question=_t("どの近隣団体ですか（団体コード）。", "Which neighbour (its code)?")),
    "neighbours[].cloud_status": FieldDoc(_t("近隣団体のクラウド導入状況", "the neighbour's cloud status"), "none",
                                          values=CLOUD_STATUS,
                                          question=_t("その団体のクラウド導入状況は。", "Is the neighbour on a cloud?")),
    "neighbours[].group": FieldDoc(_t("近隣団体のグループ名", "the neighbour's group"), "富山県情報システム共同利用推進協議会",
                                   question=_t("その団体はどのグループに属していますか。", "Which group is it in?")),
    "neighbours[].vendor": FieldDoc(_t("近隣団体のベンダー", "the neighbour's vendor"), "A社",
                                    question=_t("その団体の基幹系のベンダーはどこですか。",
                                                "Who supplies the neighbour's core systems?")),
    "neighbours[].contract_end": FieldDoc(_t("近隣団体の契約満了日", "the neighbour's contract end"), dt.date(2019, 3, 31),
                                          note=DATE_NOTE,
                                          question=_t("その団体の現行契約はいつ満了しますか。",
                                                      "When does the neighbour's contract end?")),
    "neighbours[].interested": FieldDoc(_t("共同化への関心", "interested in joining"), True,
                                        question=_t("その団体は共同化に関心がありますか。",
                                                    "Is the neighbour interested in a joint cloud?")),
    "visit.date": FieldDoc(_t("訪問日", "visit date"), dt.date(2017, 7, 10), note=DATE_NOTE,
                           question=_t("訪問はいつですか。", "When is the visit?")),
    "visit.audience": FieldDoc(_t("面会者", "whom you meet"), "町長",
                               question=_t("どなたにお会いしますか。", "Whom will you meet?")),
    "visit.advisor": FieldDoc(_t("説明者", "advisor"), "総務省 地域力創造グループ 地域情報政策室",
                              question=_t("説明するのはどなたですか。", "Who gives the advice?")),
}


@dataclass(frozen=True)
class ProfileField:
    """One field of the profile with everything a user needs to fill it in."""

    path: str             # "cloud.status", "systems[].form"
    schema: dict
    doc: FieldDoc
    facts: tuple          # the facts of rules/facts.yaml it settles
    question: dict        # {"ja", "en"}
    required: bool

    @property
    def depth(self) -> int:
        return self.path.count(".") + self.path.count("[]")

    @property
    def key(self) -> str:
        return self.path.rsplit(".", 1)[-1].removesuffix("[]")

    @property
    def is_list(self) -> bool:
        return self.schema.get("type") == "array"

    @property
    def is_section(self) -> bool:
        return self.schema.get("type") == "object"

    def type_text(self, lang: str) -> str:
        return type_text(self.schema, lang)

    def allowed(self) -> list[str]:
        return [str(v) for v in self.schema.get("enum", [])]


def schema_paths(schema: dict = PROFILE_SCHEMA, prefix: str = "") -> Iterator[tuple[str, dict, bool]]:
    """(dotted path, its schema, required) for every field, sections before their fields, in schema order."""
    required = set(schema.get("required", ()))
    for name, sub in schema.get("properties", {}).items():
        path = f"{prefix}{name}"
        yield path, sub, name in required
        if sub.get("type") == "object":
            yield from schema_paths(sub, path + ".")
        elif sub.get("type") == "array" and sub.get("items", {}).get("type") == "object":
            yield from schema_paths(sub["items"], path + "[].")


def profile_fields(vocabulary: dict) -> list[ProfileField]:
    """Every field of the profile schema that a user writes (sections included), in schema order."""
    out = []
    for path, schema, required in schema_paths():
        if schema.get("type") == "object":
            continue  # a section: its fields are listed
        doc = CATALOGUE[path]
        facts = tuple(name for name, spec in vocabulary.items() if path in spec.settled_by)
        question = doc.question or vocabulary[facts[0]].question
        out.append(ProfileField(path, schema, doc, facts, question, required))
    return out


def sections() -> list[tuple[str, dict]]:
    """The top-level sections (objects) of the profile, in schema order."""
    return [(path, schema) for path, schema, _ in schema_paths() if "." not in path and schema.get("type") == "object"]


_TYPE_NAMES = {
    "string": _t("文字列", "text"), "integer": _t("整数", "integer"), "number": _t("数値", "number"),
    "boolean": _t("真偽値（true / false）", "boolean (true / false)"), "null": _t("null", "null"),
    "array": _t("リスト", "list"),
}


def type_text(schema: dict, lang: str) -> str:
    """The type as a reader says it: 整数（0 以上）, 日付, one of …."""
    if "enum" in schema:
        return {"ja": "列挙", "en": "one of"}[lang]
    if schema.get("format") == "date":
        return {"ja": "日付（YYYY-MM-DD）", "en": "date (YYYY-MM-DD)"}[lang]
    kinds = schema.get("type", "string")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    text = {"ja": " または ", "en": " or "}[lang].join(_TYPE_NAMES[k][lang] for k in kinds)
    limits = []
    if "minimum" in schema:
        limits.append(f"≥ {schema['minimum']}")
    if "maximum" in schema:
        limits.append(f"≤ {schema['maximum']}")
    if "pattern" in schema and "format" not in schema:
        limits.append(f"`{schema['pattern']}`")
    return text + (f" {', '.join(limits)}" if limits else "")
