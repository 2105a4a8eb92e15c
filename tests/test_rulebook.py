"""Loading rule files: what a rule becomes, and each refusal naming file, line and field.

Rule files are untrusted input; each bad case below is written by hand and the line
number is counted in the text shown (line 1 is ``family: group``)."""

import datetime as dt
import textwrap

import pytest

from jichitai_cloud_advisor.engine.errors import InputError
from jichitai_cloud_advisor.engine.rules.conditions import All, AnyOf, Atom, Not, ParamRef
from jichitai_cloud_advisor.engine.rules.parameters import load_parameters
from jichitai_cloud_advisor.engine.rules.rulebook import load_rulebook, rule_files
from jichitai_cloud_advisor.engine.rules.vocabulary import default_vocabulary

GOOD = """\
family: group
rules:
  - id: group.b_first
    title: {ja: 一, en: one}
    source: {document: 資料, section: "1", confidence: I}
    effective: {from: "2014-04-01", to: "2021-08-31"}
    priority: 10
    kind: warn
    overrides: [group.a_second]
    when:
      all:
        - {fact: population, lt: {param: group.small_population}}
        - any:
            - {fact: cloud_status, in: [none, single]}
            - not: {fact: cloud_plan, exists: true}
    then:
      derive: {t_zeta: true, t_alpha: true}
      grant: training
      recommendation: {ja: 文, en: text}
    ask:
      cloud_status: {ja: 状況は, en: status?}
  - id: group.a_second
    title: {ja: 二, en: two}
    source: {document: 資料, section: "2", confidence: C}
    effective: {from: "2014-04-01"}
    when: {fact: t_alpha, eq: true}
    then: {recommendation: {ja: 文, en: text}}
  - id: group.c_third
    family: plan
    title: {ja: 三, en: three}
    source: {document: 資料, section: "3", confidence: C}
    effective: {from: "2014-04-01"}
    priority: 10
    when: {fact: hazard, ne: low}
    then: {recommendation: {ja: 文, en: text}}
"""


def load(tmp_path, text, name="t.yaml", family_dir="group"):
    root = tmp_path / "rules"
    (root / family_dir).mkdir(parents=True, exist_ok=True)
    (root / family_dir / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return load_rulebook(default_vocabulary(), load_parameters(), root)


def refused(tmp_path, text):
    with pytest.raises(InputError) as caught:
        load(tmp_path, text)
    return caught.value


def test_a_rule_becomes_what_its_file_says(tmp_path):
    book = load(tmp_path, GOOD)
    # priority 10 first (b before c by id), then priority 0
    assert [r.id for r in book.rules] == ["group.b_first", "group.c_third", "group.a_second"]
    first, third, second = book.rules
    assert (first.family, third.family, second.family) == ("group", "plan", "group")  # a rule's own family wins
    assert first.effective_from == dt.date(2014, 4, 1) and first.effective_to == dt.date(2021, 8, 31)
    assert second.effective_to is None
    assert first.priority == 10 and second.priority == 0
    assert first.kind == "warn" and second.kind == "recommend"
    assert first.overrides == ("group.a_second",) and second.overrides == ()
    assert first.derive == ("t_alpha", "t_zeta")  # sorted
    assert first.grant == "training" and second.grant is None
    assert first.ask == {"cloud_status": {"ja": "状況は", "en": "status?"}} and second.ask == {}
    assert first.judgement and not second.judgement  # confidence I vs C
    assert first.source_text() == "資料 1"
    assert first.line == 3 and second.line == 22 and first.file.endswith("t.yaml")
    assert book.derived_facts == frozenset({"t_alpha", "t_zeta"})
    assert set(book.by_id()) == {"group.b_first", "group.a_second", "group.c_third"}

    when = first.when
    assert isinstance(when, All) and when.path == "rules[0].when"
    population, either = when.items
    assert population == Atom("population", "lt", ParamRef("group.small_population"), "rules[0].when.all[0]", 12)
    assert isinstance(either, AnyOf)
    status, negation = either.items
    assert status.value == ("none", "single") and status.op == "in"
    assert isinstance(negation, Not) and negation.item.op == "exists" and negation.item.value is True
    assert third.when == Atom("hazard", "ne", "low", "rules[2].when", 34)


def test_the_book_hash_follows_every_byte_and_lists_its_files(tmp_path):
    book = load(tmp_path, GOOD)
    again = load(tmp_path, GOOD)
    changed = load(tmp_path, GOOD.replace('section: "3"', 'section: "4"'))
    assert book.sha256 == again.sha256 != changed.sha256
    names = [p.name for p in book.files]
    assert names[0] == "t.yaml" and "facts.yaml" in names and len(names) >= 3  # rules, vocabulary, parameters


def test_rule_tests_folders_are_not_rule_files(tmp_path):
    load(tmp_path, GOOD)
    (tmp_path / "rules" / "group" / "tests").mkdir()
    (tmp_path / "rules" / "group" / "tests" / "cases.yaml").write_text("cases: []\n", encoding="utf-8")
    assert [p.name for p in rule_files(tmp_path / "rules")] == ["t.yaml"]


def test_no_rule_files_is_refused(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError) as caught:
        load_rulebook(default_vocabulary(), load_parameters(), tmp_path / "empty")
    assert caught.value.field == "--rules" and "no rule files" in caught.value.message_en


def one_rule(when="{fact: population, lt: 5000}", extra="", effective='{from: "2014-01-01"}', then="{recommendation: {ja: 文, en: text}}",
             family="family: group\n"):
    return (f"{family}rules:\n  - id: group.x\n    title: {{ja: 題, en: t}}\n"
            f"    source: {{document: 資料, section: \"1\", confidence: C}}\n"
            f"    effective: {effective}\n{extra}    when: {when}\n    then: {then}\n")


@pytest.mark.parametrize("text, line, field, words", [
    # in one_rule(): line 3 is `- id:` (2 without the family line), 6 `effective:`, 7 `when:`
    (one_rule("{fact: populaton, lt: 5000}"), 7, "rules[0].when", ["unknown fact `populaton`", "`population`"]),
    (one_rule("{fact: population, lt: {param: group.small_populaton}}"), 7, "rules[0].when",
     ["unknown parameter `group.small_populaton`", "`group.small_population`"]),
    (one_rule("{fact: cloud_status, eq: hybrid}"), 7, "rules[0].when", ["cloud_status", "hybrid", "allowed: none, single, group"]),
    (one_rule("{fact: population, lt: many}"), 7, "rules[0].when", ["population", "'many'"]),
    (one_rule("{fact: cloud_status, lt: 3}"), 7, "rules[0].when", ["cloud_status", "3"]),
    (one_rule("{fact: hazard, gt: high}"), 7, "rules[0].when", ["ordering `gt` needs a numeric fact", "hazard"]),
    (one_rule("{all: [{fact: population, gt: 1}, {fact: cloud_status, in: [none, hybrid]}]}"), 7,
     "rules[0].when.all[1]", ["hybrid"]),
    (one_rule(effective='{from: "2021-09-01", to: "2021-08-31"}'), 6, "rules[0].effective", ["effective.to is before"]),
    (one_rule(family=""), 2, "rules[0]", ["missing family"]),
])
def test_bad_rule_is_refused_with_line_and_field(tmp_path, text, line, field, words):
    error = refused(tmp_path, text)
    assert (error.line, error.field) == (line, field), str(error)
    assert error.file.endswith("t.yaml")
    for word in words:
        assert word in error.message_en, (word, error.message_en)
    assert error.message_ja  # Japanese first, always


@pytest.mark.parametrize("date", ["2016-13", "2016-02-30", "H28"])
def test_a_source_date_that_does_not_parse_names_every_allowed_form(tmp_path, date):
    # A source may be dated to the day, month, year or fiscal year: the message lists all four,
    # not only YYYY-MM-DD (domain review). Line 5 is `source:` (family, rules, - id, title, source).
    text = one_rule().replace('confidence: C}', f'confidence: C, date: "{date}"}}')
    error = refused(tmp_path, text)
    assert (error.line, error.field) == (5, "rules[0].source.date"), str(error)
    for form in ("2017-06-09", "2016-02", "2013", "FY2020"):
        assert form in error.message_en and form in error.message_ja
    assert "出典の日付" in error.message_ja


def test_derived_facts_only_as_eq_true_outside_not(tmp_path):
    derive = "{derive: {t_d: true}}"
    for when in ("{fact: t_d, eq: false}", "{fact: t_d, ne: true}", "{not: {fact: t_d, eq: true}}"):
        text = one_rule(then=derive) + "  - id: group.y\n    title: {ja: 題, en: t}\n" \
            "    source: {document: 資料, section: \"1\", confidence: C}\n    effective: {from: \"2014-01-01\"}\n" \
            f"    when: {when}\n    then: {{recommendation: {{ja: 文, en: text}}}}\n"
        error = refused(tmp_path, text)
        assert "derived fact `t_d` may only be tested with `eq: true`" in error.message_en, when
        assert error.line == 13  # the second rule's `when:`


def test_derived_fact_clashing_with_the_vocabulary(tmp_path):
    error = refused(tmp_path, one_rule(then="{derive: {population: true}}"))
    assert "derived fact `population` clashes with a vocabulary fact" in error.message_en
    assert (error.line, error.field) == (8, "rules[0].then.derive.population")


def test_duplicate_ids_and_unknown_overrides(tmp_path):
    text = one_rule() + one_rule().split("rules:\n", 1)[1]
    error = refused(tmp_path, text)
    assert "duplicate id" in error.message_en and error.field == "rules[1].id" and error.line == 9
    error = refused(tmp_path, one_rule(extra="    overrides: [group.xx]\n"))
    assert "overrides unknown rule `group.xx`" in error.message_en and error.field == "overrides"


@pytest.mark.parametrize("text, field", [
    # an unknown key is refused at every level of a rule file (the schema is closed)
    (one_rule().replace("rules:", "rulez: []\nrules:"), "rulez"),
    (one_rule(extra="    colour: red\n"), "rules[0].colour"),
    (one_rule().replace("{ja: 題, en: t}", "{ja: 題, en: t, fr: x}"), "rules[0].title.fr"),
    (one_rule().replace("confidence: C}", "confidence: C, page: 3}"), "rules[0].source.page"),
    (one_rule(effective='{from: "2014-01-01", until: "2015-01-01"}'), "rules[0].effective.until"),
    (one_rule(then="{recommendation: {ja: 文, en: text}, score: 3}"), "rules[0].then.score"),
    (one_rule("{fact: population, lt: 5000, unit: persons}"), "rules[0].when"),
    (one_rule("{fact: population, lt: {param: group.small_population, default: 1}}"), "rules[0].when"),
    (one_rule("{fact: population, lt: 5000, gt: 10}"), "rules[0].when"),  # one operator per atom
    (one_rule("{all: [{fact: population, lt: 5000}], also: 1}"), "rules[0].when"),
    (one_rule("{any: [{fact: population, lt: 5000}], also: 1}"), "rules[0].when"),
    (one_rule("{not: {fact: population, lt: 5000}, also: 1}"), "rules[0].when"),
])
def test_unknown_keys_are_refused_everywhere(tmp_path, text, field):
    error = refused(tmp_path, text)
    if field == "rules[0].when":
        # inside `when` the schema is a oneOf: the message names the branch that went deepest
        # (for all/any/not with an extra key: the atom's missing `fact`), on the `when:` line
        assert error.line == 7, str(error)
    else:
        assert error.field is not None and error.field.startswith(field), (field, str(error))


def test_smallest_valid_forms_load(tmp_path):
    """One-item any, a one-character source, a rule in force for a single day."""
    book = load(tmp_path, one_rule("{any: [{fact: population, lt: 5000}]}",
                                   effective='{from: "2021-08-31", to: "2021-08-31"}').replace("資料", "資"))
    (rule,) = book.rules
    assert rule.in_force(dt.date(2021, 8, 31)) and not rule.in_force(dt.date(2021, 9, 1))
    assert rule.source["document"] == "資"


@pytest.mark.parametrize("first", ["{fact: t_d, eq: true}", "{fact: cloud_plan, exists: true}",
                                   "{fact: population, lt: {param: group.small_population}}"])
def test_atoms_after_a_derived_an_exists_or_a_parameter_atom_are_still_checked(tmp_path, first):
    text = one_rule(then="{derive: {t_d: true}}") + "  - id: group.y\n    title: {ja: 題, en: t}\n" \
        "    source: {document: 資料, section: \"1\", confidence: C}\n    effective: {from: \"2014-01-01\"}\n" \
        f"    when: {{all: [{first}, {{fact: populaton, lt: 3}}]}}\n    then: {{recommendation: {{ja: 文, en: text}}}}\n"
    error = refused(tmp_path, text)
    assert "unknown fact `populaton`" in error.message_en and error.field == "rules[1].when.all[1]"


def test_a_rule_book_too_big_for_durable_rules_is_refused(tmp_path):
    # 2 rules × 250 distinct `in:` values = 500 comparisons > MAX_ENGINE_ATOMS (400): refused at
    # load, naming the rule that crosses the limit (the second one, line 9)
    first = one_rule("{fact: population, in: [%s]}" % ", ".join(str(i) for i in range(250)))
    second = first.split("rules:\n", 1)[1].replace("group.x", "group.y") \
        .replace(", ".join(str(i) for i in range(250)), ", ".join(str(i) for i in range(1000, 1250)))
    error = refused(tmp_path, first + second)
    assert "500 distinct comparisons" in error.message_en and "MAX_ENGINE_ATOMS=400" in error.message_en
    assert (error.line, error.field) == (9, "group.y")
    # 250 + 150 = 400 is at the limit: accepted
    accepted = first + second.replace(", ".join(str(i) for i in range(1000, 1250)),
                                      ", ".join(str(i) for i in range(1000, 1150)))
    assert len(load(tmp_path, accepted).rules) == 2


# A rule author may compare a fact with any shipped parameter: the loader checks every value the
# parameter takes over time against the fact's type (exit 2 naming the parameter file and line),
# because durable-rules would compare '2026-03-31' with a number silently.
def test_a_parameter_of_another_kind_than_the_fact_is_refused_at_its_value_line(tmp_path):
    # standardisation.migration_deadline is the date "2026-03-31" (knowledge/parameters/standardisation.yaml:
    # the parameter at line 18, its value at line 28).
    error = refused(tmp_path, one_rule("{fact: population, lt: {param: standardisation.migration_deadline}}"))
    assert "parameter `standardisation.migration_deadline`: the value '2026-03-31' cannot be compared with fact " \
           "`population` (integer) in rule group.x" in error.message_en
    assert error.file.endswith("standardisation.yaml") and error.line == 28


def test_each_value_of_a_list_parameter_is_checked_for_in(tmp_path):
    # partners.join_reach_subprefecture is the list ["北海道"]: with `in`, its items are compared with
    # the fact one by one, and 北海道 is not a 団体区分.
    error = refused(tmp_path, one_rule("{fact: municipality_type, in: {param: partners.join_reach_subprefecture}}"))
    assert "the value '北海道' cannot be compared with fact `municipality_type`" in error.message_en


def test_a_numeric_fact_may_be_compared_with_a_parameter_of_the_other_numeric_kind(tmp_path):
    # population is an integer and grant.special_allocation_rate is 0.5: a number is a number.
    book = load(tmp_path, one_rule("{fact: population, gt: {param: grant.special_allocation_rate}}"))
    assert [r.id for r in book.rules] == ["group.x"]


def test_a_literal_the_engine_cannot_take_is_refused_with_the_rule_named(tmp_path):
    error = refused(tmp_path, one_rule("{fact: population, lt: 10000000000000000}"))
    assert error.message_en.startswith("rule group.x: ") and error.message_ja.startswith("ルール group.x: ")
    # limits.engine_number_problem: the magnitude must be below 10^15, said in each language.
    assert error.message_ja == "ルール group.x: 数値 10000000000000000 は大きすぎます（絶対値は 10^15 未満）。"
    assert error.message_en == "rule group.x: the number 10000000000000000 is too large (its magnitude must be below 10^15)"
    assert error.line == 7


@pytest.mark.parametrize("then, words", [
    # grant_effect is closed, and names each grant item once.
    ("{recommendation: {ja: 文, en: text}, grant_effect: {items: [training], effect: conditional, "
     "note: {ja: 注, en: note}, amount: 1}}", "unknown key `amount`"),
    ("{recommendation: {ja: 文, en: text}, grant_effect: {items: [training, training], effect: conditional, "
     "note: {ja: 注, en: note}}}", "training"),
])
def test_a_grant_effect_is_closed_and_names_each_item_once(tmp_path, then, words):
    error = refused(tmp_path, one_rule(then=then))
    assert error.field.startswith("rules[0].then.grant_effect") and words in error.message_en, str(error)


def test_a_misspelt_operator_is_an_unknown_key_not_a_silent_atom(tmp_path):
    # `lte` for `le`: two keys, as an atom has, so only the closed schema can catch it.
    error = refused(tmp_path, one_rule("{fact: population, lte: 5000}"))
    assert "lte" in error.message_en and error.line == 7, str(error)
