"""Property-based tests (hypothesis) of hostile input, issue 12.

Generated profiles, CSV rows, rule files and parameter files, half well-formed and
half not. The invariant: bad input is an InputError (exit 2), never anything else
(exit 1, a traceback); JSON output always parses and holds no NaN; after a failure
no output file exists. The normal suite runs a few hundred examples in all; set
ADVISE_PROPERTY_EXAMPLES (benchmarks/fuzz_properties.py does) to run many more.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import shutil

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from jichitai_cloud_advisor.cli import main
from jichitai_cloud_advisor.engine.advice import Advisor
from jichitai_cloud_advisor.engine.batch.csv_input import read_profile_rows
from jichitai_cloud_advisor.engine.documents.output_json import advice_json
from jichitai_cloud_advisor.engine.errors import InputError
from jichitai_cloud_advisor.engine.inputs.yamlio import parse_text
from jichitai_cloud_advisor.engine.paths import RULES_DIR
from jichitai_cloud_advisor.engine.profile.loader import parse_profile
from jichitai_cloud_advisor.engine.rules.parameters import load_parameters
from jichitai_cloud_advisor.engine.rules.rulebook import load_rulebook
from jichitai_cloud_advisor.engine.rules.vocabulary import default_vocabulary

SCALE = int(os.environ.get("ADVISE_PROPERTY_EXAMPLES", "0")) or None


def examples(default: int) -> settings:
    return settings(max_examples=SCALE or default, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                           HealthCheck.data_too_large, HealthCheck.filter_too_much])


CODES = ["163228", "162019", "131016", "011002", "473821", "163210", "999997", "16322", "abc"]
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40) | st.sampled_from(
    ["<script>alert(1)</script>", "| a | b |", "{{ 7*7 }}", "&", "町長", "", " ", "\\", "`", "*", "#"])
NUMBER = st.one_of(
    st.integers(min_value=-10, max_value=10 ** 6), st.integers(), st.integers(min_value=10 ** 12, max_value=10 ** 40),
    st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([0.00001, 1e-320, 1e16, 0.1234, 19351.0, 0.47]))
DATE = st.one_of(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(str),
                 st.dates(min_value=dt.date(2010, 1, 1), max_value=dt.date(2030, 12, 31)).map(str),
                 st.sampled_from(["2017-02-30", "2019-13-01", "yesterday", "2017-6-9"]))
ANY = st.one_of(TEXT, NUMBER, st.booleans(), st.none(), DATE, st.lists(TEXT, max_size=3))


GOOD_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)
GOOD_DATE = st.dates(min_value=dt.date(2014, 1, 1), max_value=dt.date(2030, 12, 31)).map(str)
GOOD_YEN = st.integers(min_value=0, max_value=10 ** 10)
FISCAL = st.integers(min_value=0, max_value=300).map(lambda n: n / 100)   # two decimals, as published


def profile_strategy(hostile: bool):
    """Profiles: every value of the right kind and range, or (hostile) any value at all."""
    def v(strategy):
        return st.one_of(strategy, strategy, strategy, ANY) if hostile else strategy

    def text():
        return v(TEXT if hostile else GOOD_TEXT)
    date = v(DATE if hostile else GOOD_DATE)
    yen = v(st.one_of(GOOD_YEN, NUMBER) if hostile else GOOD_YEN)
    system = st.fixed_dictionaries({}, optional={
        "area": text(), "form": v(st.sampled_from(["package", "custom", "mainframe"])),
        "customization": v(st.sampled_from(["none", "minor", "heavy"])), "vendor": text(),
        "contract_end": date, "hosting": v(st.sampled_from(["onprem", "datacenter", "cloud"])),
        "standard_layout": v(st.booleans())})
    neighbour = st.fixed_dictionaries({"code": v(st.sampled_from(CODES[:6]))}, optional={
        "cloud_status": v(st.sampled_from(["none", "single", "group"])), "group": text(),
        "vendor": text(), "contract_end": date, "interested": v(st.booleans())})
    optional = {
        "as_of": date,
        "overrides": st.fixed_dictionaries({}, optional={
            "population": v(st.integers(0, 5_000_000)), "fiscal_strength_index": v(FISCAL), "note": text()}),
        "cloud": st.fixed_dictionaries({}, optional={
            "status": v(st.sampled_from(["none", "single", "group"])), "group": text(),
            "plan": v(st.sampled_from(["none", "drafting", "adopted"])),
            "driving_body": v(st.sampled_from(["none", "prefecture", "council", "association"]))}),
        "systems": v(st.lists(system, max_size=4)),
        "costs": st.fixed_dictionaries({}, optional={k: yen for k in (
            "it_operating", "planning", "consultant", "data_migration", "training", "after_migration",
            "baseline_fy2018")}),
        "staff": st.fixed_dictionaries({}, optional={"it_staff": v(st.integers(0, 50)),
                                                     "cloud_experience": v(st.booleans())}),
        "continuity": st.fixed_dictionaries({}, optional={"offsite_backup": v(st.booleans()),
                                                          "hazard": v(st.sampled_from(["low", "medium", "high"]))}),
        "neighbours": v(st.lists(neighbour, max_size=3)),
        "visit": st.fixed_dictionaries({}, optional={"date": date, "audience": text(), "advisor": text()}),
    }
    if hostile:
        optional["unknwon"] = ANY
    return st.fixed_dictionaries({"code": v(st.sampled_from(CODES if hostile else CODES[:6]))}, optional=optional)


PROFILE = st.one_of(profile_strategy(False), profile_strategy(True))


def _profile_text(data: dict, mangle: str) -> str:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    if mangle == "none":
        return text
    if mangle == "alias":
        return text + "x: &a [1, 2]\ny: *a\n"
    if mangle == "tag":
        return text.replace("code:", "code: !!int", 1)
    if mangle == "truncate":
        return text[: len(text) // 2]
    return text + "  " + mangle + "\n"  # a stray indented line


@pytest.fixture(scope="module")
def shared_advisor():
    return Advisor()


def _advise_json(advisor: Advisor, text: str, label: str = "p.yaml") -> str | None:
    """The JSON advice for ``text``, or None for bad input; anything else is a failure."""
    try:
        profile = parse_profile(parse_text(text, label), advisor.knowledge)
        advice = advisor.advise(profile)
        return json.dumps(advice_json(advice, advisor, "ja"), ensure_ascii=False, allow_nan=False)
    except InputError as exc:
        message = str(exc)
        assert message and "Traceback" not in message
        assert exc.file == label or exc.file is None or exc.field or "code" in message, message
        return None


def _strict_json(text: str) -> dict:
    return json.loads(text, parse_constant=lambda name: pytest.fail(f"{name} in the JSON output"))


@examples(150)
@given(data=PROFILE, mangle=st.sampled_from(["none"] * 12 + ["alias", "tag", "truncate", "- x"]))
def test_generated_profiles_are_advised_or_refused(shared_advisor, data, mangle):
    out = _advise_json(shared_advisor, _profile_text(data, mangle))
    event("advised" if out is not None else "refused")
    if out is not None:
        advice = _strict_json(out)
        for value in (advice["municipality"].get("population"), advice["municipality"].get("fiscal_strength_index")):
            assert value is None or math.isfinite(value)


@examples(25)
@given(data=PROFILE, fmt=st.sampled_from(["json", "markdown", "html", "audit-json"]))
def test_the_command_exits_0_or_2_and_leaves_no_file_after_a_failure(tmp_path_factory, data, fmt):
    folder = tmp_path_factory.mktemp("cli")
    source = folder / "p.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = folder / "out.txt"
    result = CliRunner().invoke(main, [str(source), "--format", fmt, "-o", str(out)])
    assert result.exit_code in (0, 2), result.output
    assert "Traceback" not in result.output and "内部エラー" not in result.output
    if result.exit_code == 2:
        assert not out.exists() and sorted(p.name for p in folder.iterdir()) == ["p.yaml"]
    elif fmt in ("json", "audit-json"):
        _strict_json(out.read_text(encoding="utf-8"))


# Each column with the cells an office would write, and some it should not.
CSV_CELLS = {
    "cloud.status": st.sampled_from(["none", "single", "group", "ハイブリッド"]),
    "cloud.group": GOOD_TEXT,
    "costs.it_operating": st.one_of(GOOD_YEN.map(lambda n: f"{n:,}"), GOOD_YEN.map(str)),
    "overrides.population": st.integers(0, 5_000_000).map(str),
    "overrides.fiscal_strength_index": FISCAL.map(str),
    "staff.cloud_experience": st.sampled_from(["はい", "いいえ", "true", "×", "○"]),
    "as_of": GOOD_DATE,
}
HOSTILE_CELL = st.one_of(TEXT, NUMBER.map(str), st.sampled_from(
    ["nan", "inf", "1e30", "", "0.00001", '"', "\r\n", "9" * 400, "0001-01-01"]))


@st.composite
def csv_table(draw):
    hostile = draw(st.booleans())
    columns = ["code"] + draw(st.lists(st.sampled_from(sorted(CSV_CELLS)), max_size=4, unique=True))
    if hostile and draw(st.booleans()):
        columns.append(draw(st.sampled_from(["systems", "popluation", "code"])))
    rows = []
    for _ in range(draw(st.integers(1, 4))):
        row = [draw(st.sampled_from(CODES if hostile else CODES[:6]))]
        for column in columns[1:]:
            cell = CSV_CELLS.get(column, HOSTILE_CELL)
            row.append(draw(st.one_of(cell, cell, HOSTILE_CELL) if hostile else cell))
        if hostile and draw(st.booleans()):
            row.append(draw(HOSTILE_CELL))
        rows.append(row)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp932"] + (["utf-16", "euc-jp"] if hostile else [])))
    return columns, rows, encoding


@examples(60)
@given(table=csv_table())
def test_generated_csv_rows_are_advised_or_refused(shared_advisor, tmp_path_factory, table):
    import csv
    import io
    columns, rows, encoding = table
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([str(cell) for cell in row])
    path = tmp_path_factory.mktemp("csv") / "rows.csv"
    try:
        path.write_bytes(buffer.getvalue().encode(encoding))
    except UnicodeEncodeError:
        path.write_bytes(buffer.getvalue().encode("utf-8"))
    try:
        items = read_profile_rows(path)
    except InputError as exc:
        event("CSV refused")
        assert exc.file == str(path)
        return
    from jichitai_cloud_advisor.engine.batch import runner
    runner.init_worker((), None, "ja", False)
    for item in items:
        result = runner.advise_item(item)
        event("row advised" if result.error is None else "row refused")
        assert result.error is None or result.bad_input, result.error   # bad input, never a defect
        if result.error is None:
            _strict_json(result.json_line)


HOSTILE_FACTS = ["populaton", "bpr_required", "sid"]
HOSTILE_OPS = ["eq", "ne", "lt", "ge", "in", "not_in", "exists", "matches"]
LITERAL = st.one_of(NUMBER, TEXT, st.booleans(), st.sampled_from(["none", "heavy", "町", "市"]),
                    st.fixed_dictionaries({"param": st.sampled_from(["group.small_population",
                                                                     "bpr.procurement_lead_months", "no.such"])}))


def _good_atom(spec):
    """An atom the fact's type allows: what a rule author would write."""
    if spec.type in ("integer", "number"):
        number = st.integers(0, 200_000) if spec.type == "integer" else st.integers(0, 5000).map(lambda n: n / 100)
        return st.one_of(
            st.builds(lambda op, n: {"fact": spec.name, op: n}, st.sampled_from(["eq", "ne", "lt", "le", "gt", "ge"]),
                      number),
            st.builds(lambda op, ns: {"fact": spec.name, op: ns}, st.sampled_from(["in", "not_in"]),
                      st.lists(number, min_size=1, max_size=30)))
    if spec.type == "boolean":
        return st.builds(lambda op, b: {"fact": spec.name, op: b}, st.sampled_from(["eq", "ne"]), st.booleans())
    values = st.sampled_from(list(spec.enum)) if spec.enum else GOOD_TEXT
    return st.one_of(st.builds(lambda op, x: {"fact": spec.name, op: x}, st.sampled_from(["eq", "ne"]), values),
                     st.builds(lambda op, xs: {"fact": spec.name, op: xs}, st.sampled_from(["in", "not_in"]),
                               st.lists(values, min_size=1, max_size=5)))


GOOD_ATOM = st.one_of(*[_good_atom(spec) for spec in default_vocabulary().values()],
                      st.builds(lambda fact, b: {"fact": fact, "exists": b},
                                st.sampled_from(sorted(default_vocabulary())), st.booleans()))
HOSTILE_ATOM = st.builds(lambda fact, op, value, many: {"fact": fact, op: (many if op in ("in", "not_in") else value)},
                         st.sampled_from(sorted(default_vocabulary()) + HOSTILE_FACTS),
                         st.sampled_from(HOSTILE_OPS),
                         LITERAL, st.lists(LITERAL, max_size=4))


def _condition(atom):
    return st.recursive(atom, lambda inner: st.one_of(
        st.builds(lambda items: {"all": items}, st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda items: {"any": items}, st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda item: {"not": item}, inner)), max_leaves=6)


CONDITION = st.one_of(_condition(GOOD_ATOM), _condition(GOOD_ATOM), _condition(st.one_of(GOOD_ATOM, HOSTILE_ATOM)),
                      st.sampled_from([{"all": []}, {}, {"fact": "population"}]))
RULE = st.fixed_dictionaries({
    "id": st.sampled_from(["group.generated"] * 4 + ["Group.Bad"]),
    "title": st.just({"ja": "生成", "en": "generated"}),
    "source": st.just({"document": "資料", "section": "1", "confidence": "C"}),
    "effective": st.sampled_from([{"from": "2014-01-01", "to": None}, {"from": "2014-01-01"}] * 3
                                 + [{"from": "2030-02-30"}, {"from": "2020-01-01", "to": "2019-01-01"}]),
    "when": CONDITION,
    "then": st.sampled_from([{"recommendation": {"ja": "テスト {population}", "en": "test"}}] * 3
                            + [{"derive": {"generated_flag": True}}, {"derive": {"sid": True}}, {}]),
})


@pytest.fixture(scope="module")
def rules_copy(tmp_path_factory):
    target = tmp_path_factory.mktemp("rules") / "rules"
    shutil.copytree(RULES_DIR, target, ignore=shutil.ignore_patterns("tests"))
    return target


@examples(60)
@given(rules=st.lists(RULE, min_size=1, max_size=2), same_id=st.sampled_from([False] * 5 + [True]))
def test_generated_rule_files_load_and_fire_or_are_refused(shared_advisor, rules_copy, rules, same_id):
    for index, rule in enumerate(rules):
        if rule["id"] == "group.generated" and not same_id:
            rule["id"] = f"group.generated_{index}"
    path = rules_copy / "group" / "zz_generated.yaml"
    path.write_text(yaml.safe_dump({"family": "group", "rules": rules}, allow_unicode=True), encoding="utf-8")
    try:
        book = load_rulebook(default_vocabulary(), shared_advisor.parameters, rules_copy)
    except InputError as exc:
        event("rule file refused")
        assert exc.file and ("zz_generated.yaml" in exc.file or "rules" in exc.file), str(exc)
        return
    event("rule file loaded")
    advisor = Advisor.__new__(Advisor)
    advisor.knowledge, advisor.vocabulary = shared_advisor.knowledge, shared_advisor.vocabulary
    advisor.parameters, advisor.book = shared_advisor.parameters, book
    for text in ('code: "163228"\nas_of: 2017-06-09\nstaff: {it_staff: 2, cloud_experience: false}\n',
                 'code: "131016"\nas_of: 2022-04-01\n'):
        out = _advise_json(advisor, text)
        assert out is not None
        _strict_json(out)


GOOD_PARAMETER_VALUE = {
    "group.small_population": st.integers(1_000, 200_000),
    "bpr.procurement_lead_months": st.integers(1, 48),
    "grant.fiscal_correction": st.sampled_from([[{"below": 0.5, "multiplier": 0.8}, {"below": None, "multiplier": 0.5}],
                                                [{"below": None, "multiplier": 1}], None]),
    "partners.weight_same_prefecture": st.integers(0, 50).map(lambda n: n / 2),
}
HOSTILE_PARAMETER_VALUE = st.one_of(NUMBER, TEXT, st.booleans(), st.none(), st.lists(NUMBER, max_size=3),
                                    st.just([{"below": None, "multiplier": 2}]), st.just([{"below": 0.3}]))
PARAMETER_VALUE = HOSTILE_PARAMETER_VALUE
PARAMETER_NAMES = ["group.small_population", "bpr.procurement_lead_months", "grant.fiscal_correction",
                   "partners.weight_same_prefecture", "no.such_parameter"]


@st.composite
def parameter_file(draw):
    name = draw(st.sampled_from(PARAMETER_NAMES))
    hostile = name not in GOOD_PARAMETER_VALUE or draw(st.booleans())
    value = HOSTILE_PARAMETER_VALUE if hostile else GOOD_PARAMETER_VALUE[name]
    values = draw(st.lists(st.fixed_dictionaries({"from": DATE if hostile else GOOD_DATE, "value": value}),
                           min_size=1, max_size=2))
    return name, values


@examples(50)
@given(generated=parameter_file())
def test_generated_parameter_files_are_used_or_refused(shared_advisor, tmp_path_factory, generated):
    name, values = generated
    path = tmp_path_factory.mktemp("params") / "params.yaml"
    path.write_text(yaml.safe_dump({"parameters": {name: {"values": values}}}, allow_unicode=True), encoding="utf-8")
    try:
        parameters = load_parameters([path])
        book = load_rulebook(shared_advisor.vocabulary, parameters)
    except InputError as exc:
        event("parameters refused")
        assert exc.file == str(path) or "params.yaml" in str(exc), str(exc)
        return
    event("parameters used")
    advisor = Advisor.__new__(Advisor)
    advisor.knowledge, advisor.vocabulary = shared_advisor.knowledge, shared_advisor.vocabulary
    advisor.parameters, advisor.book = parameters, book
    out = _advise_json(advisor, 'code: "163228"\nas_of: 2017-06-09\ncosts: {consultant: 6000000, training: 1500000}\n')
    if out is not None:
        _strict_json(out)
