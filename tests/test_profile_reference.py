"""docs/PROFILE.md is generated from the schema and the vocabulary, and stays in step with them."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from jichitai_cloud_advisor.cli import main
from jichitai_cloud_advisor.engine.inputs.yamlio import parse_text
from jichitai_cloud_advisor.engine.profile.fields import CATALOGUE, profile_fields, schema_paths
from jichitai_cloud_advisor.engine.profile.loader import parse_profile
from jichitai_cloud_advisor.engine.profile.reference import example_yaml, markdown
from jichitai_cloud_advisor.engine.rules.vocabulary import default_vocabulary

REPO_DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_the_page_is_what_the_code_generates():
    page = (REPO_DOCS / "PROFILE.md").read_text(encoding="utf-8")
    assert page == markdown(default_vocabulary()), "regenerate: advise fields --markdown > docs/PROFILE.md"
    result = CliRunner().invoke(main, ["fields", "--markdown"])
    assert result.exit_code == 0 and result.stdout == page


def test_every_schema_field_is_documented_and_nothing_else():
    fields = {path for path, schema, _ in schema_paths() if schema.get("type") != "object"}
    assert fields == set(CATALOGUE), "a profile field without a FieldDoc, or a FieldDoc for no field"
    page = (REPO_DOCS / "PROFILE.md").read_text(encoding="utf-8")
    for path in fields:
        assert f"### `{path}` — " in page, path


def test_every_fact_a_profile_settles_names_a_real_field():
    # facts.yaml's settled_by must name fields of the schema (else its question is never offered).
    fields = {path for path, _, _ in schema_paths()}
    for name, spec in default_vocabulary().items():
        if spec.origin == "profile":
            assert spec.settled_by and set(spec.settled_by) <= fields, (name, spec.settled_by)


def test_every_field_has_a_question_in_both_languages():
    for field in profile_fields(default_vocabulary()):
        assert field.question["ja"].strip() and field.question["en"].strip(), field.path
        if field.allowed() and field.doc.values:
            assert set(field.doc.values) == set(field.allowed()), field.path  # a meaning for each value


def test_a_fields_question_is_its_facts_unless_the_catalogue_says_otherwise():
    vocabulary = default_vocabulary()
    status = next(f for f in profile_fields(vocabulary) if f.path == "cloud.status")
    assert status.question == vocabulary["cloud_status"].question and status.facts == ("cloud_status",)
    visit = next(f for f in profile_fields(vocabulary) if f.path == "visit.date")
    assert visit.facts == () and visit.question == CATALOGUE["visit.date"].question


@pytest.mark.parametrize("field", profile_fields(default_vocabulary()), ids=lambda f: f.path)
def test_every_example_is_a_valid_profile(advisor, field):
    # The example as printed, read as a profile would be (same loader, same schema).
    text = example_yaml(field)
    body = text if field.path == "code" else "{code: '163228', " + text[1:]  # one flow mapping
    profile = parse_profile(parse_text(body, "example.yaml"), advisor.knowledge)
    assert profile.municipality.code == "163228"


def test_a_broken_example_fails(advisor):
    # The check above can fail: a value the schema refuses is refused.
    with pytest.raises(Exception):
        parse_profile(parse_text('code: "163228"\ncloud: {status: maybe}\n', "x.yaml"), advisor.knowledge)
