"""Schema errors in words: each jsonschema finding becomes one bilingual message with the
line and field it is about, the typo before what the typo made missing, and a count of
the rest. Every document below is written by hand; line 1 is its first line."""

import pytest

from jichitai_cloud_advisor.engine.errors import InputError
from jichitai_cloud_advisor.engine.inputs.validation import did_you_mean, parse_date, validate
from jichitai_cloud_advisor.engine.inputs.yamlio import parse_text

SCHEMA = {
    "type": "object",
    "required": ["code"],
    "additionalProperties": False,
    "properties": {
        "code": {"type": "string"},
        "status": {"enum": ["none", "single", "group"]},
        "staff": {"type": "integer", "minimum": 0},
        "ratio": {"type": ["number", "null"]},
        "date": {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "word": {"type": "string", "pattern": "^[a-z]+$"},
        "items": {"type": "array", "minItems": 1},
        "name": {"type": "string", "minLength": 1},
        "cloud": {"type": "object", "additionalProperties": False,
                  "properties": {"status": {"type": "string"}, "plan": {"type": "string"}}},
        "value": {"oneOf": [{"type": "integer"},
                            {"type": "object", "required": ["param"], "additionalProperties": False,
                             "properties": {"param": {"type": "string"}}}]},
        "tiny": {"type": "integer", "maximum": 3},
    },
}


def error_for(text):
    with pytest.raises(InputError) as caught:
        validate(parse_text(text, "p.yaml"), SCHEMA)
    return caught.value


def test_a_valid_document_passes():
    assert validate(parse_text('code: "163228"\nstatus: none\nstaff: 2\n', "p.yaml"), SCHEMA) is None


@pytest.mark.parametrize("text, line, field, ja, en", [
    ('code: "1"\ncloud:\n  stauts: none\n', 3, "cloud.stauts",
     "未知の項目 `stauts` があります。 `status` の誤りではありませんか。 使える項目: plan, status",
     "unknown key `stauts`; did you mean `status`? (allowed: plan, status)"),
    ('code: "1"\ncloud:\n  zzz: none\n', 3, "cloud.zzz",
     "未知の項目 `zzz` があります。 使える項目: plan, status", "unknown key `zzz` (allowed: plan, status)"),
    ('status: none\n', 1, "code", "必須の項目 `code` がありません。", "required field `code` is missing"),
    ('code: "1"\nstatus: hybrid\n', 2, "status", "値 'hybrid' は使えません。使える値: none, single, group",
     "value 'hybrid' is not allowed; allowed values: none, single, group"),
    ('code: "1"\nstaff: many\n', 2, "staff", "整数であるべきところに 'many' (str) が書かれています。",
     "expected integer, got 'many'"),
    ('code: "1"\nratio: x\n', 2, "ratio", "数値・nullであるべきところに 'x' (str) が書かれています。",
     "expected number or null, got 'x'"),
    ('code: "1"\nstaff: -1\n', 2, "staff", "値 -1 は 0 以上でなければなりません（負の値は使えません）。",
     "value -1 must be at least 0"),
    ('code: "1"\ndate: "2017-02-30"\n', 2, "date",
     "日付 '2017-02-30' を読めません。YYYY-MM-DD の形（例: 2017-06-09）で、実在する日付を書いてください。",
     "date '2017-02-30' does not parse; write an existing date as YYYY-MM-DD"),
    ('code: "1"\nword: ABC\n', 2, "word", "値 'ABC' の形式が正しくありません。",
     "value 'ABC' has the wrong form ('ABC' does not match '^[a-z]+$')"),
    ('code: "1"\nitems: []\n', 2, "items", "空のリストは使えません（少なくとも 1 個必要）。", "must have at least 1 item(s)"),
    ('code: "1"\nname: ""\n', 2, "name", "空の文字列は使えません。", "must not be empty"),
    ('code: "1"\ntiny: 4\n', 2, "tiny", "値 4 は 3 以下でなければなりません（範囲外の値です）。",
     "value 4 must be at most 3"),
])
def test_each_kind_of_error_in_words(text, line, field, ja, en):
    error = error_for(text)
    assert (error.message_ja, error.message_en) == (ja, en)
    assert (error.file, error.line, error.field) == ("p.yaml", line, field)


def test_one_of_names_the_deepest_branch():
    # value: {param: 3} — the object branch is the one that goes deeper (value.param)
    error = error_for('code: "1"\nvalue:\n  param: 3\n')
    assert error.field == "value.param" and error.line == 3
    assert error.message_en == "expected string, got 3"


def test_the_typo_comes_before_what_it_made_missing_and_the_rest_are_counted():
    # `cod:` is a typo for `code`: reported first although `code` missing sorts earlier
    error = error_for('staff: -1\ncod: "1"\nstatus: hybrid\n')
    assert error.field == "cod" and error.line == 2
    assert error.message_en.startswith("unknown key `cod`; did you mean `code`?")
    # the others: code missing, staff below 0, status not allowed
    assert error.message_en.endswith(" (3 more error(s))")
    assert error.message_ja.endswith("（ほかに 3 件の誤りがあります）")
    # without a typo: by line, not in the schema's order (status comes before staff there)
    error = error_for('code: "1"\nstaff: -1\nstatus: hybrid\n')
    assert error.field == "staff" and error.message_en.endswith(" (1 more error(s))")


def test_a_date_of_the_wrong_form_is_a_date_error():
    error = error_for('code: "1"\ndate: "2017/06/09"\n')  # fails the pattern of a date field
    assert error.message_en.startswith("date '2017/06/09' does not parse; write an existing date as YYYY-MM-DD")


def test_a_broken_schema_is_caught_by_check_schema():
    """Shipped schemas are meta-checked by tests, not at run time (cold start): check_schema."""
    import jsonschema
    from jichitai_cloud_advisor.engine.inputs.validation import check_schema
    check_schema(SCHEMA)
    with pytest.raises(jsonschema.SchemaError):
        check_schema({"type": "no-such-type"})


def test_did_you_mean():
    assert did_you_mean("stauts", ["status", "plan"]) == "status"
    assert did_you_mean("populaton", ["population", "fiscal_strength_index"]) == "population"
    assert did_you_mean("xyz", ["status", "plan"]) is None
    assert did_you_mean(12, [13, 120]) == "120"  # keys compared as text


def test_parse_date_names_where_it_came_from():
    import datetime as dt
    assert parse_date("2021-08-31") == dt.date(2021, 8, 31)
    doc = parse_text('as_of: "2021-02-30"\n', "p.yaml")
    with pytest.raises(InputError) as caught:
        parse_date("2021-02-30", doc, ("as_of",))
    error = caught.value
    assert (error.file, error.line, error.field) == ("p.yaml", 1, "as_of")
    assert error.message_en == "date '2021-02-30' does not parse (YYYY-MM-DD)"
    with pytest.raises(InputError) as caught:
        parse_date("someday")
    assert (caught.value.file, caught.value.line, caught.value.field) == (None, None, None)


def test_any_other_validator_still_gives_a_message_in_both_languages():
    with pytest.raises(InputError) as caught:
        validate(parse_text('code: "abc"\n', "p.yaml"),
                 {"type": "object", "properties": {"code": {"maxLength": 2}}})
    error = caught.value
    assert (error.message_ja, error.message_en) == ("多すぎます（2 文字まで）。", "too long: at most 2 characters (limit maxLength=2)")
    assert (error.line, error.field) == (1, "code")


def test_a_validator_without_words_of_its_own_keeps_jsonschemas_message():
    with pytest.raises(InputError) as caught:
        validate(parse_text('code: 7\n', "p.yaml"), {"type": "object", "properties": {"code": {"multipleOf": 5}}})
    error = caught.value
    assert (error.message_ja, error.message_en) == ("値が正しくありません: 7 is not a multiple of 5", "7 is not a multiple of 5")
    assert (error.line, error.field) == (1, "code")


@pytest.mark.parametrize("length, cut", [(185, False), (186, True)])
def test_a_long_message_is_cut_after_200_characters(length, cut):
    # const "x" * n gives "'xx…x' was expected": n + 2 quotes + 13 = 200 characters for n = 185
    expected = "x" * length
    with pytest.raises(InputError) as caught:
        validate(parse_text('code: "y"\n', "p.yaml"), {"type": "object", "properties": {"code": {"const": expected}}})
    full = f"'{expected}' was expected"
    assert len(full) == length + 15
    assert caught.value.message_en == (full[:197] + "…" if cut else full)


def test_true_is_not_a_number():
    # YAML's true is a bool, which Python counts as an int: a ratio of `true` is refused.
    error = error_for('code: "1"\nratio: true\n')
    assert error.field == "ratio" and error.message_en == "expected number or null, got True"


def test_of_two_branches_at_the_same_depth_the_specific_finding_wins():
    # value: {param: x, extra: 1} fails the integer branch ("expected integer") and the object
    # branch (unknown key `extra`), both at `value`: the unknown key is what the author got wrong.
    error = error_for('code: "1"\nvalue: {param: x, extra: 1}\n')
    assert error.message_en.startswith("unknown key `extra`"), error.message_en


@pytest.mark.parametrize("items, shown", [
    # The repr of a list of n numbers is the digits, 2 characters between each two, and 2 brackets:
    # [10, 10, 0 × 24] is 2 + 2 + 24 + 25 × 2 + 2 = 80 characters: shown whole.
    (["10", "10"] + ["0"] * 24, "[10, 10, " + ", ".join(["0"] * 24) + "]"),
    # [10, 10, 10, 0 × 23] is 81 characters: cut to its first 77 and "…".
    (["10", "10", "10"] + ["0"] * 23, ("[10, 10, 10, " + ", ".join(["0"] * 23) + "]")[:77] + "…"),
])
def test_a_long_value_is_cut_to_80_characters_in_the_message(items, shown):
    assert len(repr([int(i) for i in items])) in (80, 81)
    error = error_for('code: "1"\nname: [' + ", ".join(items) + ']\n')
    assert error.message_en == f"expected string, got {shown}"


def test_the_validator_made_for_a_schema_is_made_once_and_never_lent_to_another():
    from jichitai_cloud_advisor.engine.inputs import validation
    first = validation._validator(SCHEMA)
    assert validation._validator(SCHEMA) is first  # made once per schema
    other = {"type": "object"}
    # A stale entry under the other schema's id (ids are reused after garbage collection)
    # must not be taken for it.
    validation._VALIDATORS[id(other)] = (SCHEMA, first)
    try:
        assert validation._validator(other).schema is other
    finally:
        validation._VALIDATORS.pop(id(other), None)


def test_an_engine_number_is_refused_in_both_languages_with_its_line():
    from jichitai_cloud_advisor.engine.inputs.validation import check_engine_numbers
    with pytest.raises(InputError) as caught:
        check_engine_numbers(parse_text('code: "1"\nstaff: 10000000000000000\n', "p.yaml"))
    error = caught.value
    assert (error.line, error.field) == (2, "staff")
    assert error.message_ja == "数値 10000000000000000 は大きすぎます（絶対値は 10^15 未満）。"
    assert error.message_en == "the number 10000000000000000 is too large (its magnitude must be below 10^15)"
