"""The audit of an evaluation: one record, two views (JSON and terminal text).

``audit_record`` holds everything an auditor needs to reproduce the advice:
for every rule its outcome and why (the facts it saw, each failed condition
with required vs actual, the missing facts and the question to ask, or why it
was not in force), its source; the firing order and the derived facts that
chained; the tool version, ruleset and profile hashes, ``as_of`` and the
parameters used with their dates and confidence. The record is language
neutral (texts carry both ja and en); ``render_audit_text`` is the terminal
view and the memo's appendix uses ``audit_summary``.
"""

from __future__ import annotations

import functools
import shlex
from pathlib import Path
from typing import Any

from ..advice import TOOL_VERSION, Advice, Advisor, question_for
from ..paths import PACKAGE_ROOT
from ..rules.trace import FIRED, INACTIVE, NOT_FIRED, UNDETERMINED

STATUSES = (FIRED, NOT_FIRED, UNDETERMINED, INACTIVE)
STATUS_LABELS = {
    FIRED: {"ja": "該当", "en": "fired"},
    NOT_FIRED: {"ja": "非該当", "en": "not fired"},
    UNDETERMINED: {"ja": "未確定", "en": "undetermined"},
    INACTIVE: {"ja": "適用外（期間外）", "en": "inactive (not in force)"},
}


def _plain(value: Any) -> Any:
    """JSON-friendly: tuples become lists, dates ISO strings."""
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


@functools.lru_cache(maxsize=512)
def _relative(path) -> str:
    # Cached: resolving every rule file's path again for each memo was a fifth of a memo batch.
    try:
        return str(path.resolve().relative_to(PACKAGE_ROOT))
    except ValueError:
        return str(path)


def _rule_entry(outcome, rule, advisor: Advisor) -> dict:
    entry = {
        "id": rule.id, "family": rule.family, "title": dict(rule.title), "status": outcome.status,
        "priority": rule.priority, "kind": rule.kind, "judgement": rule.judgement,
        "source": {k: rule.source[k] for k in ("document", "section", "date", "confidence", "url", "note")
                   if k in rule.source},
        "source_text": rule.source_text(),
        "effective": {"from": rule.effective_from.isoformat(),
                      "to": rule.effective_to.isoformat() if rule.effective_to else None},
        "file": rule.file, "line": rule.line,
    }
    if outcome.status == FIRED:
        entry.update(order=outcome.order, round=outcome.round, matched=_plain(outcome.matched),
                     derives=list(rule.derive), grant=rule.grant)
    elif outcome.status == NOT_FIRED:
        entry["reasons"] = [{"fact": a.fact, "condition": a.path, "operator": a.op, "negated": a.negated,
                             "required": _plain(a.required), "actual": _plain(a.actual), "text": a.describe()}
                            for a in outcome.failed]
    elif outcome.status == UNDETERMINED:
        entry["missing"] = [
            {"fact": fact,
             "settled_by": list(getattr(advisor.vocabulary.get(fact), "settled_by", ()) or (fact,)),
             "question": {lang: question_for(fact, rule, advisor.vocabulary, lang) for lang in ("ja", "en")}}
            for fact in outcome.missing]
    else:
        entry["reason"] = outcome.reason
    return entry


# Parameters read outside the rules (grant estimate, memo), listed so the record is complete.
OTHER_PARAMETERS = {
    "grant.special_allocation_rate": "grants", "grant.special_allocation_rate_other_items": "grants",
    "grant.fiscal_correction": "grants",
    "roadmap.stage_months": "memo", "knowledge.fiscal_index_published_months_after_fy_end": "knowledge",
}


def _other_parameter_uses(advisor: Advisor, as_of, listed: set) -> list:
    out = []
    for name, used_by in OTHER_PARAMETERS.items():
        if name in listed or name not in advisor.parameters:
            continue
        param = advisor.parameters.get(name)
        dated = param.at(as_of)
        out.append((name, None if dated is None else dated.value, dated.start if dated else None,
                    param.confidence, used_by))
    return out


def audit_record(advice: Advice, advisor: Advisor) -> dict:
    """The complete, language-neutral audit record (the JSON of ``--format audit-json``)."""
    rules = advice.book.by_id()
    trace = advice.trace
    entries = [_rule_entry(o, rules[o.rule_id], advisor) for o in trace.outcomes]
    m = advice.profile.municipality
    return {
        "tool": {"name": "jichitai-cloud-advisor", "version": TOOL_VERSION},
        "as_of": trace.as_of.isoformat(),
        "ruleset": _ruleset(advice),
        "profile": {"file": advice.profile.file, "sha256": advice.profile.sha256},
        "municipality": {"code": m.code, "name": m.name, "prefecture": m.prefecture, "type": m.type},
        "counts": {status: sum(1 for e in entries if e["status"] == status) for status in STATUSES},
        "firing_order": list(trace.firing_order),
        "derived": [{"fact": fact, "rule": rule_id} for fact, rule_id in trace.derived],
        "facts": {name: {"value": _plain(value), "origin": advice.facts.origins.get(name, "")}
                  for name, value in sorted(advice.facts.values.items())},
        "parameters": _parameters(advice, advisor),
        "rules": entries,
        "engines": {"durable_rules_fired": list(trace.engine_fired), "agree": True},
        "reproduce": reproduce_command(advice, advisor, "audit-json"),
        # The prefecture plan the memo's group options refer to in words, as a command an advisor can run.
        "group_plan": (advice.proposed_group or {}).get("plan"),
    }


def _ruleset(advice: Advice) -> dict:
    return {"sha256": advice.book.sha256, "rules": len(advice.book.rules),
            "files": [_relative(p) for p in advice.book.files]}


def _parameters(advice: Advice, advisor: Advisor, references: bool = True) -> list[dict]:
    """Every parameter the advice used (rules, grants, memo), with its value, date, confidence and file
    (and, unless ``references`` is False, its references)."""
    trace = advice.trace
    uses = [(u.name, u.value, u.valid_from, u.confidence, "rules") for u in trace.parameters]
    uses += _other_parameter_uses(advisor, trace.as_of, {u.name for u in trace.parameters})
    parameters = []
    for name, value, valid_from, confidence, used_by in uses:
        param = advisor.parameters.parameters.get(name)
        entry = {
            "name": name, "value": _plain(value), "valid_from": valid_from.isoformat() if valid_from else None,
            "confidence": confidence, "used_by": used_by, "file": param.file if param else None,
        }
        if references:
            entry["references"] = _plain([dict(r) for r in param.references]) if param else []
        parameters.append(entry)
    return parameters


def reproduce_command(advice: Advice, advisor: Advisor, fmt: str, embed: bool = True) -> str:
    """A shell command that gives this advice's ``fmt`` again, runnable as printed.

    A profile read from a YAML file is named by its path as given. Any other profile
    (standard input, a CSV row, --prefecture) is not on disk as such: with ``embed``
    its text is piped in (``printf '%s' '…' | advise - …``, the text whose sha256
    the record holds); without, the command reads ``-`` and the caller says so.
    The parameter files and rule directory the advice used are named too.
    """
    file = advice.profile.file
    on_disk = Path(file).suffix.lower() in (".yaml", ".yml") and Path(file).is_file()
    words = ["advise", file if on_disk else "-", "--as-of", advice.as_of.isoformat(), "--format", fmt]
    for parameter_file in advisor.parameter_files:
        words += ["--parameters", parameter_file]
    if advisor.rules_dir:
        words += ["--rules", advisor.rules_dir]
    command = shlex.join(words)
    if on_disk or not embed:
        return command
    return f"printf '%s' {shlex.quote(advice.profile.document.text)} | {command}"


SUMMARY_KEYS = ("tool", "as_of", "ruleset", "profile", "counts", "firing_order", "derived", "parameters")


def audit_summary(record: dict) -> dict:
    """What the memo's appendix shows of the record."""
    return {key: record[key] for key in SUMMARY_KEYS}


def audit_summary_of(advice: Advice, advisor: Advisor) -> dict:
    """``audit_summary(audit_record(advice, advisor))`` made without the rule-by-rule entries it leaves
    out (they were most of the cost of a memo in a batch), and without the parameters' references,
    which the memo's appendix does not show."""
    trace = advice.trace
    return {
        "tool": {"name": "jichitai-cloud-advisor", "version": TOOL_VERSION},
        "as_of": trace.as_of.isoformat(),
        "ruleset": _ruleset(advice),
        "profile": {"file": advice.profile.file, "sha256": advice.profile.sha256},
        "counts": {status: sum(1 for o in trace.outcomes if o.status == status) for status in STATUSES},
        "firing_order": list(trace.firing_order),
        "derived": [{"fact": fact, "rule": rule_id} for fact, rule_id in trace.derived],
        "parameters": _parameters(advice, advisor, references=False),
    }


_TEXT = {
    "title": {"ja": "ルール監査記録", "en": "Rule audit record"},
    "municipality": {"ja": "団体", "en": "Municipality"},
    "as_of": {"ja": "基準日", "en": "As of"},
    "tool": {"ja": "ツール", "en": "Tool"},
    "ruleset": {"ja": "ルールセット sha256", "en": "Ruleset sha256"},
    "profile": {"ja": "プロファイル sha256", "en": "Profile sha256"},
    "counts": {"ja": "件数", "en": "Counts"},
    "order": {"ja": "該当順", "en": "Firing order"},
    "derived": {"ja": "導出事実（連鎖）", "en": "Derived facts (chaining)"},
    "parameters": {"ja": "使用パラメータ", "en": "Parameters used"},
    "rules": {"ja": "ルールごとの結果", "en": "Rule by rule"},
    "source": {"ja": "出典", "en": "Source"},
    "saw": {"ja": "見た事実", "en": "Facts seen"},
    "failed": {"ja": "満たさない条件", "en": "Failed conditions"},
    "missing": {"ja": "不足する事実", "en": "Missing facts"},
    "question": {"ja": "確認すること", "en": "Ask"},
    "why": {"ja": "理由", "en": "Why"},
    "set_by": {"ja": "設定したルール", "en": "set by"},
    "round": {"ja": "段", "en": "round"},
    "from": {"ja": "適用開始", "en": "from"},
    "confidence": {"ja": "確度", "en": "confidence"},
    "reproduce": {"ja": "再現", "en": "Reproduce"},
    "group_plan": {"ja": "グループ案（県全体）", "en": "Prefecture group plan"},
    "none": {"ja": "なし", "en": "none"},
    "required": {"ja": "必要", "en": "required"},
    "actual": {"ja": "実際", "en": "actual"},
    "unset": {"ja": "未設定", "en": "unset"},
}


def _value(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        import json
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def render_audit_text(advice: Advice, advisor: Advisor, lang: str = "ja") -> str:
    """The terminal view of ``audit_record``."""
    return render_record_text(audit_record(advice, advisor), lang)


def render_record_text(record: dict, lang: str = "ja") -> str:
    """The terminal view of an audit record (also of one read back from the advice log)."""
    t = {key: text[lang] for key, text in _TEXT.items()}
    m = record["municipality"]
    lines = [
        f"{t['title']}",
        "=" * 60,
        f"{t['municipality']}: {m['prefecture']}{m['name']} ({m['code']})",
        f"{t['as_of']}: {record['as_of']}",
        f"{t['tool']}: {record['tool']['name']} {record['tool']['version']}",
        f"{t['ruleset']}: {record['ruleset']['sha256']} ({record['ruleset']['rules']} rules)",
        f"{t['profile']}: {record['profile']['sha256']} ({record['profile']['file']})",
        f"{t['counts']}: " + ", ".join(f"{STATUS_LABELS[s][lang]} {record['counts'][s]}" for s in STATUSES),
        f"{t['order']}: " + (" → ".join(record["firing_order"]) or t["none"]),
        f"{t['derived']}: " + (", ".join(f"{d['fact']} ({t['set_by']} {d['rule']})" for d in record["derived"])
                               or t["none"]),
        "",
        f"{t['parameters']}:",
    ]
    for p in record["parameters"]:
        value = t["unset"] if p["value"] is None else _value(p["value"])
        lines.append(f"  - {p['name']} = {value}  [{t['from']} {p['valid_from'] or '—'}, "
                     f"{t['confidence']} {p['confidence']}]")
    if not record["parameters"]:
        lines.append(f"  {t['none']}")
    lines += ["", f"{t['rules']}:"]
    for status in STATUSES:
        group = [e for e in record["rules"] if e["status"] == status]
        if status == FIRED:
            group.sort(key=lambda e: e["order"])
        if not group:
            continue
        lines += ["", f"[{STATUS_LABELS[status][lang]}] ({len(group)})"]
        for e in group:
            head = f"  {e['id']} — {e['title'][lang]}"
            if status == FIRED:
                head = f"  #{e['order']} ({t['round']} {e['round']}) {e['id']} — {e['title'][lang]}"
            lines.append(head)
            lines.append(f"      {t['source']}: {e['source_text']} [{e['source']['confidence']}]"
                         + (f" ({e['source']['date']})" if e["source"].get("date") else ""))
            if status == FIRED:
                seen = ", ".join(f"{k}={_value(v)}" for k, v in e["matched"].items())
                lines.append(f"      {t['saw']}: {seen or t['none']}")
            elif status == NOT_FIRED:
                for reason in e["reasons"]:
                    neg = "NOT " if reason["negated"] else ""
                    lines.append(f"      {t['failed']}: {neg}{reason['fact']} {reason['operator']} "
                                 f"({t['required']} {_value(reason['required'])}, "
                                 f"{t['actual']} {_value(reason['actual'])}) @ {reason['condition']}")
            elif status == UNDETERMINED:
                for missing in e["missing"]:
                    lines.append(f"      {t['missing']}: {missing['fact']} ← {', '.join(missing['settled_by'])}")
                    lines.append(f"      {t['question']}: {missing['question'][lang]}")
            else:
                lines.append(f"      {t['why']}: {e['reason']}")
    lines += ["", f"{t['reproduce']}: {record['reproduce']}"]
    plan = record.get("group_plan")  # absent from records logged before it was kept
    if plan and plan.get("command"):
        if plan.get("same_as_plan") is False:  # the memo's group was planned with what the profile knows
            number = "（メモの案はプロファイルの情報を反映したため異なる）" if lang == "ja" else \
                " (the memo's group differs: it uses what the profile knows)"
        elif plan.get("number"):
            number = f"（案{plan['number']}）" if lang == "ja" else f" (group {plan['number']})"
        else:
            number = ""
        lines.append(f"{t['group_plan']}: {plan['command']}{number}")
    return "\n".join(lines) + "\n"
