"""The profile `advise init CODE` writes: what the knowledge base knows, and a question for the rest.

Known on ``as_of`` (and only then): the name, prefecture and type; the population
with its census; the 財政力指数 with its fiscal year; the real group the
municipality belongs to, and its land neighbours. Public figures go in comments,
not in `overrides`: the knowledge base supplies them already, and an override
is for a figure the advisor has that is newer or better. A confirmed group
membership is written as values (`cloud.status: group`, `cloud.group`), with its
source in a comment, so the advisor sees it and can correct it.

Every other field is a commented line, ``# key:`` followed by the question to ask
(from rules/facts.yaml via engine/profile/fields.py). Removing the ``# `` and writing
a value answers it; a field left commented stays unknown. Uncommenting without
writing a value is an error when the profile is read, so nothing is answered by
accident.
"""

from __future__ import annotations

import datetime as dt
import json

from ..knowledge.base import KnowledgeBase
from .fields import ProfileField, profile_fields, schema_paths

COMMENT_COLUMN = 28

_TEXT = {
    "title": {"ja": "首長訪問のプロファイル: {name}（{type}）",
              "en": "Profile for a visit to the head of {name} ({type})"},
    "made": {"ja": "`advise {command}` で作成。知識ベースから {as_of} に分かることは記入済み。",
             "en": "Written by `advise {command}`: what the knowledge base knew on {as_of} is filled in."},
    "how": {"ja": ["「# 項目:」の行はまだ分からない項目です。分かったら行頭の「# 」を消して値を書いてください。",
                   "書かない項目は「不明」のまま（0 や「なし」ではありません）。メモの確認事項に残ります。",
                   "使える値と単位: docs/PROFILE.md（`advise fields`）。"],
            "en": ["A line `# key:` is a field not known yet: remove the `# ` and write the value.",
                   "A field left out stays unknown (not zero, not 'none'); the memo lists its question.",
                   "Values and units: docs/PROFILE.md (`advise fields`)."]},
    "known": {"ja": "知識ベースより（基準日 {as_of}）:", "en": "From the knowledge base (as of {as_of}):"},
    "population": {"ja": "人口 {value:,} 人（{label}、{published} 公表）", "en": "population {value:,} ({label}, published {published})"},
    "no_population": {"ja": "人口: 知識ベースになし", "en": "population: not in the knowledge base"},
    "fiscal": {"ja": "財政力指数 {value}（{label}）", "en": "fiscal strength index {value} ({label})"},
    "no_fiscal": {"ja": "財政力指数: 知識ベースになし", "en": "fiscal strength index: not in the knowledge base"},
    "group": {"ja": "自治体クラウド: {name}（確度 {confidence}）", "en": "group cloud: {name} (confidence {confidence})"},
    "source": {"ja": "出典: {title}（{date}）", "en": "source: {title} ({date})"},
    "planned": {"ja": "自治体クラウド: {name} に参加予定と公表（出典 {date}）。参加済みかを確認",
                "en": "group cloud: {name} announced as planned (source {date}); check it has happened"},
    "no_group": {"ja": "自治体クラウド: 知識ベースに参加の記録なし（未参加とは限らない）",
                 "en": "group cloud: no membership known (which does not mean none)"},
    "neighbours": {"ja": "陸で接する団体: {names}", "en": "land neighbours: {names}"},
    "code": {"ja": "{name}", "en": "{name}"},
    "as_of": {"ja": "基準日: この日に効力のあるルールと公表済みの知識で助言する",
              "en": "the advice date: rules in force and knowledge public on it"},
    "kb_value": {"ja": "知識ベース: {value}", "en": "knowledge base: {value}"},
    "group_source": {"ja": "知識ベース（出典 {date}、確度 {confidence}）",
                     "en": "knowledge base (source {date}, confidence {confidence})"},
    "neighbour": {"ja": "{name}（陸で接する）", "en": "{name} (land border)"},
    "overrides": {"ja": "知識ベースの値を置き換えるときだけ（根拠を note に）",
                  "en": "only to replace a knowledge-base figure (cite it in note)"},
}


def _say(key: str, lang: str, **values) -> str:
    return _TEXT[key][lang].format(**values)


def _yaml(value) -> str:
    """A scalar as YAML: an enumerated word as it is, anything else as JSON (valid YAML, quoted as needed)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and value in _PLAIN_WORDS:
        return value
    return json.dumps(value, ensure_ascii=False)


# Enumerated values a profile writes bare (none of them is a YAML boolean or null).
_PLAIN_WORDS = frozenset({"none", "single", "group", "drafting", "adopted", "prefecture", "council", "association"})


def _line(indent: str, text: str, comment: str = "") -> str:
    if not comment:
        return indent + text
    pad = max(COMMENT_COLUMN - len(indent) - len(text), 1)
    return f"{indent}{text}{' ' * pad}# {comment}"


def _question(field: ProfileField, lang: str) -> str:
    """The question, then the allowed values with their meaning, or the unit."""
    text = field.question[lang]
    if field.allowed():
        meanings = field.doc.values or {}
        text += " [" + " | ".join(f"{v}={meanings[v][lang]}" if v in meanings and meanings[v][lang] != v else v for v in field.allowed()) + "]"
    elif field.doc.unit:
        text += {"ja": f"〔{field.doc.unit['ja']}〕", "en": f" [{field.doc.unit['en']}]"}[lang]
    elif field.schema.get("format") == "date":
        text += " YYYY-MM-DD"
    return text


def starter_profile(knowledge: KnowledgeBase, vocabulary: dict, code: str, as_of: dt.date,
                    lang: str = "ja", command: str | None = None) -> str:
    """The commented profile text for ``code`` as known on ``as_of``."""
    m = knowledge.get(code)
    population = knowledge.population_on(m.code, as_of)
    fiscal = knowledge.fiscal_on(m.code, as_of)
    group = knowledge.membership_on(m.code, as_of)
    confirmed = group if group is not None and group.named and not group.planned else None
    neighbours = [(c, knowledge.get(c)) for c, _ in knowledge.neighbours(m.code)]
    fields = {f.path: f for f in profile_fields(vocabulary)}
    command = command or f"init {m.code} --as-of {as_of.isoformat()}"

    out = [f"# {_say('title', lang, name=m.display_name, type=m.type)}",
           f"# {_say('made', lang, command=command, as_of=as_of.isoformat())}"]
    out += [f"# {line}" for line in _TEXT["how"][lang]]
    out += ["#", f"# {_say('known', lang, as_of=as_of.isoformat())}"]
    known = []
    if population is not None:
        known.append(_say("population", lang, value=population.value, label=population.label(lang),
                          published=population.published.isoformat()))
        if population.note:
            known.append("  " + population.note[lang])
    else:
        known.append(_say("no_population", lang))
    if fiscal is not None:
        known.append(_say("fiscal", lang, value=fiscal.value, label=fiscal.label(lang)))
        if fiscal.note:
            known.append("  " + fiscal.note[lang])
    else:
        known.append(_say("no_fiscal", lang))
    if group is None:
        known.append(_say("no_group", lang))
    elif confirmed is None:
        known.append(_say("planned", lang, name=group.name, date=group.source_date))
    else:
        known.append(_say("group", lang, name=group.name, confidence=group.confidence))
        known.append("  " + _say("source", lang, title=group.source.get("title", ""), date=group.source_date))
    if neighbours:
        known.append(_say("neighbours", lang, names="、".join(n.name for _, n in neighbours) if lang == "ja"
                          else ", ".join(n.name for _, n in neighbours)))
    out += [f"#   {line}" for line in known]

    out.append(_line("", f"code: {_yaml(m.code)}", f"{fields['code'].doc.label[lang]}: {m.display_name}"))
    out.append(_line("", f"as_of: {as_of.isoformat()}", _say("as_of", lang)))

    values = {}  # dotted path → value written uncommented
    if confirmed is not None:
        values["cloud.status"] = ("group", _say("group_source", lang, date=confirmed.source_date,
                                                confidence=confirmed.confidence))
        values["cloud.group"] = (confirmed.name, "")
    hints = {"overrides.population": _say("kb_value", lang, value=f"{population.value:,}（{population.label(lang)}）"
                                           if lang == "ja" else f"{population.value:,} ({population.label(lang)})")
             if population else "",
             "overrides.fiscal_strength_index": _say("kb_value", lang, value=f"{fiscal.value}（{fiscal.label(lang)}）"
                                                     if lang == "ja" else f"{fiscal.value} ({fiscal.label(lang)})")
             if fiscal else ""}

    section_comment = {"overrides": _say("overrides", lang)}
    for section in top_level_groups():
        out.append("")
        members = [f for p, f in fields.items() if p.startswith(section + ".") or p.startswith(section + "[].")]
        if section in fields:  # a list: systems, neighbours
            out += _list_block(fields[section], members, neighbours if section == "neighbours" else [], lang)
            continue
        written = any(f.path in values for f in members)
        head = f"{section}:"
        out.append(_line("", head, section_comment.get(section, "")) if written
                   else _line("", "# " + head, section_comment.get(section, "")))
        for f in members:
            if f.path in values:
                value, comment = values[f.path]
                out.append(_line("  ", f"{f.key}: {_yaml(value)}", comment))
            else:
                question = _question(f, lang)
                hint = hints.get(f.path)
                out.append(_line("  # " if written else "#   ", f"{f.key}:", question + (f" {hint}" if hint else "")))
    return "\n".join(out) + "\n"


def top_level_groups() -> list[str]:
    """The profile's sections and lists (overrides, cloud, systems, …), in schema order."""
    return [path for path, schema, _ in schema_paths() if "." not in path and "[" not in path
            and schema.get("type") in ("object", "array")]


def _list_block(head: ProfileField, members: list[ProfileField], neighbours: list, lang: str) -> list[str]:
    """A commented list: the first item asks every question; each known neighbour has its own item."""
    out = [_line("", f"# {head.key}:", _question(head, lang))]
    first, rest = members[0], members[1:]
    if neighbours:
        for index, (code, municipality) in enumerate(neighbours):
            out.append(_line("#   ", f"- {first.key}: {_yaml(code)}", _say("neighbour", lang, name=municipality.name)))
            if index == 0:
                out += [_line("#     ", f"{f.key}:", _question(f, lang)) for f in rest]
        return out
    out.append(_line("#   ", f"- {first.key}:", _question(first, lang)))
    out += [_line("#     ", f"{f.key}:", _question(f, lang)) for f in rest]
    return out
