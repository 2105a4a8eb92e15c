"""The cold-start savings (issue 12) without trusting anything blindly.

Shipped schemas are checked against their meta-schema here, not on every run; a
rule file that passed its schema is remembered by a hash of its bytes, in a JSON
cache that is ignored when stale, foreign, group-writable or garbled, and a
tampered entry cannot turn a bad rule file into a crash.
"""

import json
import os
import shutil

import pytest
from click.testing import CliRunner

from jichitai_cloud_advisor.cli import main
from jichitai_cloud_advisor.engine.inputs import validation, validation_cache
from jichitai_cloud_advisor.engine.paths import RULES_DIR
from jichitai_cloud_advisor.engine.profile.schema import PROFILE_SCHEMA
from jichitai_cloud_advisor.engine.rules.lint import _SHAPE_FREE_SCHEMA
from jichitai_cloud_advisor.engine.rules.parameters import FISCAL_CORRECTION_TABLE, PARAMETER_FILE_SCHEMA, load_parameters
from jichitai_cloud_advisor.engine.rules.rule_tests import TEST_FILE_SCHEMA
from jichitai_cloud_advisor.engine.rules.rulebook import RULE_FILE_SCHEMA, load_rulebook
from jichitai_cloud_advisor.engine.rules.vocabulary import VOCABULARY_SCHEMA, default_vocabulary

SHIPPED = {"profile": PROFILE_SCHEMA, "rule file": RULE_FILE_SCHEMA, "rule file (lint)": _SHAPE_FREE_SCHEMA,
           "parameters": PARAMETER_FILE_SCHEMA, "fiscal table": FISCAL_CORRECTION_TABLE,
           "vocabulary": VOCABULARY_SCHEMA, "rule tests": TEST_FILE_SCHEMA}


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_shipped_schema_is_a_valid_schema(name):
    validation.check_schema(SHIPPED[name])


def test_a_broken_schema_is_caught_by_check_schema():
    import jsonschema
    with pytest.raises(jsonschema.SchemaError):
        validation.check_schema({"type": "object", "properties": {"x": {"type": "integr"}}})


@pytest.fixture
def cache(tmp_path, monkeypatch):
    directory = tmp_path / "cache"
    monkeypatch.setenv("ADVISE_CACHE_DIR", str(directory))
    monkeypatch.delenv("ADVISE_NO_CACHE", raising=False)
    validation_cache.forget()
    yield directory
    validation_cache.forget()


@pytest.fixture
def count_validations(monkeypatch):
    calls = []
    real = validation.validate

    def counting(doc, schema, data=None):
        if schema is RULE_FILE_SCHEMA:
            calls.append(doc.file)
        return real(doc, schema, data)
    monkeypatch.setattr(validation, "validate", counting)
    return calls


def _load():
    return load_rulebook(default_vocabulary(), load_parameters())


def test_unchanged_rule_files_are_validated_once(cache, count_validations):
    _load()
    first = len(count_validations)
    assert first >= 5  # every shipped rule file
    validation_cache.forget()  # a new process: it reads the cache from disk
    _load()
    assert len(count_validations) == first
    data = json.loads((cache / validation_cache.CACHE_FILE).read_text())
    assert data["version"] == validation_cache.VERSION and len(data["valid"]) >= first
    assert oct((cache).stat().st_mode & 0o777) == "0o700"


def test_a_changed_file_is_validated_again(cache, count_validations, tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(RULES_DIR, rules, ignore=shutil.ignore_patterns("tests"))
    load_rulebook(default_vocabulary(), load_parameters(), rules)
    before = len(count_validations)
    target = sorted(rules.glob("*/*.yaml"))[0]
    target.write_text(target.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    validation_cache.forget()
    load_rulebook(default_vocabulary(), load_parameters(), rules)
    assert count_validations[before:] == [str(target.relative_to(tmp_path))]


@pytest.mark.parametrize("spoil", ["group-writable", "garbled", "symlink"])
def test_an_untrustworthy_cache_is_ignored(cache, count_validations, spoil, tmp_path):
    _load()
    first = len(count_validations)
    path = cache / validation_cache.CACHE_FILE
    if spoil == "group-writable":
        path.chmod(0o664)
    elif spoil == "garbled":
        path.write_text('{"version": 1, "valid": [')
    else:
        elsewhere = tmp_path / "elsewhere.json"
        shutil.move(path, elsewhere)
        path.symlink_to(elsewhere)
    validation_cache.forget()
    _load()
    assert len(count_validations) == 2 * first  # everything checked again


def test_a_tampered_entry_cannot_turn_bad_input_into_a_crash(cache, tmp_path):
    # A rule file with a typo (`wen:`) that the schema refuses; a forged cache entry vouches for it.
    rules = tmp_path / "rules"
    shutil.copytree(RULES_DIR, rules, ignore=shutil.ignore_patterns("tests"))
    bad = rules / "group" / "zz_bad.yaml"
    text = ("family: group\nrules:\n  - id: group.forged\n    title: {ja: テスト, en: test}\n"
            "    source: {document: 資料, section: '1', confidence: C}\n    effective: {from: '2014-01-01'}\n"
            "    wen: {fact: population, lt: 5000}\n    then:\n      recommendation: {ja: テスト, en: test}\n")
    bad.write_text(text, encoding="utf-8")
    cache.mkdir(mode=0o700)
    forged = validation_cache.key_of(text, RULE_FILE_SCHEMA)
    (cache / validation_cache.CACHE_FILE).write_text(json.dumps({"version": 1, "valid": [forged]}))
    os.chmod(cache / validation_cache.CACHE_FILE, 0o600)
    validation_cache.forget()
    profile = tmp_path / "p.yaml"
    profile.write_text('code: "163228"\nas_of: 2017-06-09\n', encoding="utf-8")
    result = CliRunner().invoke(main, [str(profile), "--rules", str(rules)])
    assert result.exit_code == 2, result.output
    assert "zz_bad.yaml" in result.stderr and "wen" in result.stderr and "7行目" in result.stderr


def test_no_cache_when_turned_off(tmp_path, monkeypatch, count_validations):
    monkeypatch.setenv("ADVISE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("ADVISE_NO_CACHE", "1")
    validation_cache.forget()
    _load()
    _load()
    assert not (tmp_path / "cache").exists()
    validation_cache.forget()
