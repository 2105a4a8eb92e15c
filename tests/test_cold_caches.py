"""The cold-start caches (issue 12) give what reading the files gives, or nothing.

engine/inputs/parse_cache.py keeps the parse of the shipped YAML files and
engine/knowledge/table_cache.py the checked CSV tables, as JSON in the user's cache
directory (engine/inputs/cache_files.py). These tests hold them to four promises:
advice with a warm cache is byte for byte the advice without one; an edited file is
read again, never answered from the cache; a cache file that is garbled, too large,
someone else's, group-writable or a symlink is ignored (a planted wrong value never
reaches the advice); and a missing or unusable cache directory only means no cache.
Every test points the cache at its own temporary directory, never at ~/.cache.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from jichitai_cloud_advisor.engine.inputs import cache_files, parse_cache, validation_cache
from jichitai_cloud_advisor.engine.inputs.yamlio import load_file
from jichitai_cloud_advisor.engine.knowledge import base as knowledge_base
from jichitai_cloud_advisor.engine.knowledge import table_cache
from jichitai_cloud_advisor.engine.knowledge.base import KnowledgeBase
from jichitai_cloud_advisor.engine.paths import EXAMPLES_DIR, KNOWLEDGE_DIR, PACKAGE_ROOT, RULES_DIR
from jichitai_cloud_advisor.engine.rules.parameters import load_parameters

KAMIICHI = "163228"
# knowledge/data/population_census_2015.csv, row of 163228 上市町: 20930 (2015年国勢調査).
KAMIICHI_2015 = 20930
KAMIICHI_2015_EDITED = 20931  # one digit changed: the file keeps its size


def _forget():
    validation_cache.forget()
    parse_cache.forget()


@pytest.fixture
def cache(tmp_path, monkeypatch):
    directory = tmp_path / "cache"
    monkeypatch.setenv("ADVISE_CACHE_DIR", str(directory))
    monkeypatch.delenv("ADVISE_NO_CACHE", raising=False)
    _forget()
    yield directory
    _forget()


@pytest.fixture
def reads(monkeypatch):
    """How many times the knowledge base read its CSV files (instead of taking the cache)."""
    calls = []
    real = KnowledgeBase._read_tables

    def counting(self, data):
        calls.append(data)
        return real(self, data)

    monkeypatch.setattr(KnowledgeBase, "_read_tables", counting)
    return calls


def _tables(kb: KnowledgeBase):
    return (kb.municipalities, kb._fiscal, kb.borders, kb.sea_links, kb.case_groups, kb.national_facts,
            kb._census, kb.memberships.rows)


def _copy_knowledge(tmp_path) -> Path:
    copy = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, copy, ignore=shutil.ignore_patterns("geo"))
    return copy


def _edit_keeping_stat(path: Path, old: str, new: str) -> None:
    """Replace one value, keeping the file's size and modification time (what a stat key would miss)."""
    info = path.stat()
    raw, old_bytes, new_bytes = path.read_bytes(), old.encode("utf-8"), new.encode("utf-8")
    assert raw.count(old_bytes) == 1
    path.write_bytes(raw.replace(old_bytes, new_bytes))
    assert path.stat().st_size == info.st_size
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))


# --- the knowledge tables ------------------------------------------------------------------


def test_restored_tables_equal_the_tables_read_from_the_files(cache, reads):
    fresh = KnowledgeBase()
    assert len(reads) == 1 and (cache / table_cache.CACHE_FILE).is_file()
    restored = KnowledgeBase()
    assert len(reads) == 1, "the second knowledge base should come from the cache"
    assert _tables(restored) == _tables(fresh)
    # Same kinds of value, not only equal ones (a tuple is not a list, a date not a string).
    assert type(restored.case_groups[0].members) is tuple
    assert [type(r.since) for r in restored.memberships.rows] == [type(r.since) for r in fresh.memberships.rows]
    assert {type(r.since) for r in restored.memberships.rows} >= {_date("2016-02-01").__class__}
    assert restored.population_on(KAMIICHI, _date("2017-06-09")).value == KAMIICHI_2015
    assert restored.neighbours(KAMIICHI) == fresh.neighbours(KAMIICHI)
    assert restored.find("上市町", "富山県").code == KAMIICHI


def _date(text):
    import datetime
    return datetime.date.fromisoformat(text)


def test_an_edited_csv_is_read_again_even_with_the_same_size_and_time(cache, reads, tmp_path):
    copy = _copy_knowledge(tmp_path)
    assert KnowledgeBase(copy).population_on(KAMIICHI, _date("2017-06-09")).value == KAMIICHI_2015
    assert KnowledgeBase(copy) and len(reads) == 1  # warm
    _edit_keeping_stat(copy / "data" / "population_census_2015.csv",
                       f"{KAMIICHI},上市町,富山県,{KAMIICHI_2015},", f"{KAMIICHI},上市町,富山県,{KAMIICHI_2015_EDITED},")
    assert KnowledgeBase(copy).population_on(KAMIICHI, _date("2017-06-09")).value == KAMIICHI_2015_EDITED
    assert len(reads) == 2


def test_a_change_to_the_reading_code_changes_the_key(cache, tmp_path, monkeypatch):
    readers = tmp_path / "readers"
    readers.mkdir()
    package = sorted(path.name for path in Path(table_cache.__file__).parent.glob("*.py"))
    # Every module of engine/knowledge/ counts, the query-time ones (census.py, fiscal.py) too.
    assert {"base.py", "census.py", "codes.py", "dates.py", "fiscal.py", "memberships.py"} <= set(package)
    for name in package:
        shutil.copy(Path(table_cache.__file__).parent / name, readers / name)
    monkeypatch.setattr(table_cache, "__file__", str(readers / "table_cache.py"))
    data = KNOWLEDGE_DIR / "data"
    before = table_cache.key_of(data, knowledge_base.FILES.values())
    assert before == table_cache.key_of(data, knowledge_base.FILES.values())
    for name in package:
        with open(readers / name, "a", encoding="utf-8") as handle:
            handle.write("\n# changed\n")
        after = table_cache.key_of(data, knowledge_base.FILES.values())
        assert after != before, name
        before = after


def _plant_tables(cache_dir: Path, population: int) -> None:
    """A well-formed knowledge cache for the shipped files, with 上市町's 2015 population forged."""
    KnowledgeBase()  # fills the cache
    path = cache_dir / table_cache.CACHE_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["tables"]["census_2015"][KAMIICHI] == KAMIICHI_2015
    data["tables"]["census_2015"][KAMIICHI] = population
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.chmod(path, 0o600)


def test_a_private_cache_is_what_is_read(cache):
    # The premise of the tests below: a forged value in a cache we trust does come out (so that
    # their "not 1" means the file was refused, not that it was never read).
    _plant_tables(cache, 1)
    assert KnowledgeBase().population_on(KAMIICHI, _date("2017-06-09")).value == 1


def _foreign(path: Path):
    if os.getuid() != 0:
        pytest.skip("giving a file to another user needs root")
    os.chown(path, 12345, 12345)


@pytest.mark.parametrize("spoil", ["group-writable", "world-writable", "foreign file", "foreign directory",
                                   "group-writable directory", "symlink", "oversized", "garbled", "truncated",
                                   "wrong kinds", "no-cache switch"])
def test_an_untrustworthy_knowledge_cache_is_ignored(cache, reads, spoil, tmp_path, monkeypatch):
    _plant_tables(cache, 1)
    path = cache / table_cache.CACHE_FILE
    if spoil == "group-writable":
        os.chmod(path, 0o620)
    elif spoil == "world-writable":
        os.chmod(path, 0o602)
    elif spoil == "foreign file":
        _foreign(path)
    elif spoil == "foreign directory":
        _foreign(cache)
    elif spoil == "group-writable directory":
        os.chmod(cache, 0o770)
    elif spoil == "symlink":
        elsewhere = tmp_path / "elsewhere.json"
        path.rename(elsewhere)
        path.symlink_to(elsewhere)
    elif spoil == "oversized":
        monkeypatch.setattr(table_cache, "MAX_CACHE_BYTES", path.stat().st_size - 1)
    elif spoil == "garbled":
        path.write_bytes(b"\xff\xfe{not json" * 1000)
    elif spoil == "truncated":
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    elif spoil == "wrong kinds":
        data = json.loads(path.read_text(encoding="utf-8"))
        data["tables"]["municipalities"][9][0] = "19351"  # a population as text
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    elif spoil == "no-cache switch":
        monkeypatch.setenv("ADVISE_NO_CACHE", "1")
    before = len(reads)
    kb = KnowledgeBase()
    assert kb.population_on(KAMIICHI, _date("2017-06-09")).value == KAMIICHI_2015
    assert len(reads) == before + 1
    assert all(type(m.population) is int for m in kb.municipalities.values())


@pytest.mark.parametrize("place", ["missing", "under a file", "read-only"])
def test_a_missing_or_unusable_cache_directory_still_works(tmp_path, monkeypatch, reads, place):
    if place == "missing":
        directory = tmp_path / "not" / "yet" / "there"
    elif place == "under a file":
        (tmp_path / "file").write_text("x")
        directory = tmp_path / "file" / "cache"
    else:
        directory = tmp_path / "ro"
        directory.mkdir(mode=0o500)
    monkeypatch.setenv("ADVISE_CACHE_DIR", str(directory))
    monkeypatch.delenv("ADVISE_NO_CACHE", raising=False)
    _forget()
    try:
        for _ in range(2):
            kb = KnowledgeBase()
            assert kb.population_on(KAMIICHI, _date("2017-06-09")).value == KAMIICHI_2015
            # knowledge/parameters/bpr.yaml: 24 months from 2011-04-01.
            assert load_parameters().value("bpr.procurement_lead_months", _date("2017-06-09")) == 24
        if place == "missing":
            assert (directory / table_cache.CACHE_FILE).is_file() and len(reads) == 1  # made, then used
        elif place == "under a file" or os.getuid() != 0:
            assert len(reads) == 2 and not (directory.exists() and any(directory.iterdir()))
    finally:
        _forget()


# --- the parse of YAML files ---------------------------------------------------------------


RULE_FILE = RULES_DIR / "bpr" / "non_customisation.yaml"


def test_a_remembered_parse_equals_the_parse(cache):
    fresh = load_file(RULE_FILE, "r", cache=True)
    assert not (cache / parse_cache.CACHE_FILE).exists()  # written once, when the process ends
    parse_cache.save()
    parse_cache.forget()  # as a new process would: read from the file in the cache directory
    assert parse_cache.recall(fresh.text, _default_nodes()) is not None
    recalled = load_file(RULE_FILE, "r", cache=True)
    assert recalled.data == fresh.data and recalled.lines == fresh.lines and recalled.text == fresh.text
    recalled.data["rules"].clear()  # a caller's changes stay its own
    assert load_file(RULE_FILE, "r", cache=True).data == fresh.data


def _default_nodes():
    from jichitai_cloud_advisor.engine.inputs.limits import MAX_YAML_NODES
    return MAX_YAML_NODES


def _plant_parse(cache_dir: Path, text: str, data) -> Path:
    """A parse cache entry for ``text`` that says it parsed to ``data``."""
    parse_cache.forget()
    key = parse_cache.key_of(text, _default_nodes())
    entry = json.dumps({"data": data, "lines": [[1]]}, ensure_ascii=False)
    cache_files.write(parse_cache.CACHE_FILE, {"version": parse_cache.VERSION, "documents": {key: entry}})
    parse_cache.forget()
    return cache_dir / parse_cache.CACHE_FILE


@pytest.mark.parametrize("spoil", [None, "group-writable", "foreign file", "symlink", "garbled", "no-cache switch"])
def test_an_untrustworthy_parse_cache_is_ignored(cache, tmp_path, monkeypatch, spoil):
    text = RULE_FILE.read_text(encoding="utf-8")
    path = _plant_parse(cache, text, {"forged": True})
    if spoil == "group-writable":
        os.chmod(path, 0o660)
    elif spoil == "foreign file":
        _foreign(path)
    elif spoil == "symlink":
        elsewhere = tmp_path / "elsewhere.json"
        path.rename(elsewhere)
        path.symlink_to(elsewhere)
    elif spoil == "garbled":
        path.write_text('{"version": 1, "documents": {"' + "[" * 100000, encoding="utf-8")
    elif spoil == "no-cache switch":
        monkeypatch.setenv("ADVISE_NO_CACHE", "1")
    data = load_file(RULE_FILE, "r", cache=True).data
    if spoil is None:  # the premise: a private entry is used as it stands
        assert data == {"forged": True}
    else:
        assert "rules" in data and "forged" not in data


def test_an_edited_yaml_file_is_parsed_again(cache, tmp_path):
    copy = tmp_path / "parameters"
    shutil.copytree(KNOWLEDGE_DIR / "parameters", copy)
    # knowledge/parameters/bpr.yaml: bpr.procurement_lead_months is 24 months from 2011-04-01.
    assert load_parameters(directory=copy).value("bpr.procurement_lead_months", _date("2017-06-09")) == 24
    parse_cache.save()
    parse_cache.forget()  # a new process, reading the cache file
    assert load_parameters(directory=copy).value("bpr.procurement_lead_months", _date("2017-06-09")) == 24
    assert parse_cache._state["dirty"] is False  # every file came from the cache
    _edit_keeping_stat(copy / "bpr.yaml", '{from: "2011-04-01", value: 24}', '{from: "2011-04-01", value: 25}')
    parse_cache.forget()
    assert load_parameters(directory=copy).value("bpr.procurement_lead_months", _date("2017-06-09")) == 25


def test_profiles_are_never_cached(cache, tmp_path):
    marker = "キャッシュに残らない印-7f3a"
    text = EXAMPLES_DIR.joinpath("tadaoka_group_member.yaml").read_text(encoding="utf-8")
    profile = tmp_path / "profile.yaml"
    profile.write_text(text.replace("group: 大阪府高石市・忠岡町", f"group: {marker}", 1), encoding="utf-8")
    result = _advise([str(profile), "--format", "json"], cache)
    assert result.returncode == 0, result.stderr
    assert marker in result.stdout
    files = list(cache.iterdir())
    assert {f.name for f in files} >= {table_cache.CACHE_FILE, parse_cache.CACHE_FILE}
    for path in files:
        assert marker not in path.read_text(encoding="utf-8"), path.name


# --- whole runs ----------------------------------------------------------------------------


def _advise(arguments, cache_dir, no_cache=False, pythonpath=None):
    env = dict(os.environ, ADVISE_CACHE_DIR=str(cache_dir))
    env.pop("ADVISE_NO_CACHE", None)
    if no_cache:
        env["ADVISE_NO_CACHE"] = "1"
    if pythonpath:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run([sys.executable, "-m", "jichitai_cloud_advisor.cli", *arguments], env=env,
                          capture_output=True, text=True, cwd=cache_dir.parent, timeout=120)


def test_warm_cache_advice_is_byte_identical_to_advice_without_a_cache(tmp_path):
    cache_dir = tmp_path / "cache"
    examples = sorted(EXAMPLES_DIR.glob("*.yaml"))
    assert len(examples) == 3
    first = _advise([str(examples[0]), "--format", "json"], cache_dir)  # fills the cache
    assert first.returncode == 0, first.stderr
    stored = {path.name: path.stat().st_mtime_ns for path in cache_dir.iterdir()}
    assert set(stored) >= {table_cache.CACHE_FILE, parse_cache.CACHE_FILE, validation_cache.CACHE_FILE}
    for example in examples:
        for fmt in ("json", "markdown"):
            warm = _advise([str(example), "--format", fmt], cache_dir)
            plain = _advise([str(example), "--format", fmt], cache_dir, no_cache=True)
            assert warm.returncode == plain.returncode == 0, warm.stderr + plain.stderr
            assert warm.stdout == plain.stdout, f"{example.name} {fmt}"
            assert warm.stderr == plain.stderr
    # The warm runs took everything from the cache: nothing had to be written again.
    assert {path.name: path.stat().st_mtime_ns for path in cache_dir.iterdir()} == stored


def test_an_edited_copy_of_the_package_is_seen_on_the_next_run(tmp_path):
    site = tmp_path / "site"
    copy = site / "jichitai_cloud_advisor"
    shutil.copytree(PACKAGE_ROOT, copy, ignore=shutil.ignore_patterns(
        ".venv", ".git", "tests", "docs", "benchmarks", "__pycache__", "*.egg-info", "build", "dist"), symlinks=True)
    cache_dir = tmp_path / "cache"
    profile = str(copy / "examples" / "kamiichi_no_cloud.yaml")
    before = _advise([profile, "--format", "json"], cache_dir, pythonpath=site)
    assert before.returncode == 0, before.stderr
    assert json.loads(before.stdout)["municipality"]["population"] == KAMIICHI_2015
    memo = _advise([profile], cache_dir, pythonpath=site)
    assert "調達準備を始めるべき契約満了までの月数: 24か月" in memo.stdout
    # Edit a population (CSV) and a parameter (YAML) of the copy, keeping sizes and times.
    _edit_keeping_stat(copy / "knowledge" / "data" / "population_census_2015.csv",
                       f"{KAMIICHI},上市町,富山県,{KAMIICHI_2015},", f"{KAMIICHI},上市町,富山県,{KAMIICHI_2015_EDITED},")
    _edit_keeping_stat(copy / "knowledge" / "parameters" / "bpr.yaml",
                       '{from: "2011-04-01", value: 24}', '{from: "2011-04-01", value: 25}')
    after = _advise([profile, "--format", "json"], cache_dir, pythonpath=site)
    assert after.returncode == 0, after.stderr
    assert json.loads(after.stdout)["municipality"]["population"] == KAMIICHI_2015_EDITED
    memo = _advise([profile], cache_dir, pythonpath=site)
    assert "調達準備を始めるべき契約満了までの月数: 25か月" in memo.stdout


@pytest.mark.parametrize("spoil", ["index as text", "year as float", "three values", "pair as text",
                                   "history as dict", "code as int", "border kind", "municipality kind"])
def test_cached_tables_of_the_wrong_kind_are_not_restored(cache, spoil):
    """The kind checks, written for speed (whole columns, the fiscal pairs spelt out), still refuse."""
    kb = KnowledgeBase()  # fills the cache
    plain = json.loads((cache / table_cache.CACHE_FILE).read_text(encoding="utf-8"))["tables"]
    assert kb._restore(json.loads(json.dumps(plain))) is True  # the premise: unspoilt, it is used
    code, history = plain["fiscal"][0]
    if spoil == "index as text":
        history[0][1] = str(history[0][1])
    elif spoil == "year as float":
        history[-1][0] = float(history[-1][0])
    elif spoil == "three values":
        history[0].append(0.5)
    elif spoil == "pair as text":
        history[0] = "2017,0.5"
    elif spoil == "history as dict":
        plain["fiscal"][0][1] = dict(history)
    elif spoil == "code as int":
        plain["fiscal"][0][0] = int(code)
    elif spoil == "border kind":
        plain["borders"][3][-1] = None  # the last column is text
    elif spoil == "municipality kind":
        plain["municipalities"][7][-1] = True  # a float column
    assert kb._restore(plain) is False
