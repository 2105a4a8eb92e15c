"""The advice log: what a record holds, the hash chain against tampering, no loss under
kill -9 and parallel writers, a newer schema refused, and replay under changed rules."""

import datetime as dt
import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from jichitai_cloud_advisor.cli import main
from jichitai_cloud_advisor.engine.paths import EXAMPLES_DIR, PARAMETERS_DIR, RULES_DIR

KAMIICHI = EXAMPLES_DIR / "kamiichi_no_cloud.yaml"
OTA = EXAMPLES_DIR / "ota_single_cloud.yaml"
CLI = [sys.executable, "-c", "from jichitai_cloud_advisor.cli import main; main()"]
GENESIS = "0" * 64


@pytest.fixture(autouse=True)
def no_default_log(tmp_path, monkeypatch):
    """Never touch the user's real log: the default location is a temporary directory."""
    monkeypatch.delenv("ADVISE_LOG_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


def run(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env)


def rows(db):
    with sqlite3.connect(db) as connection:
        connection.row_factory = sqlite3.Row
        return [dict(r) for r in connection.execute("SELECT * FROM advice_log ORDER BY seq")]


def hand_hash(prev, row):
    """The documented hash (docs/log.md): sha256(prev hash + "\\n" + canonical JSON of the record)."""
    fields = ("recorded_at", "tool_version", "ruleset_sha256", "parameters_sha256", "code", "prefecture",
              "municipality", "as_of", "source", "profile_text", "profile_sha256", "summary", "audit")
    content = {"seq": row["seq"], **{f: row[f] for f in fields}}
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(prev.encode() + b"\n" + text.encode("utf-8")).hexdigest()


@pytest.fixture(scope="module")
def toyama_log(tmp_path_factory):
    """The 15 municipalities of 富山県 logged by one batch (public data, as of 2025-07-01)."""
    db = tmp_path_factory.mktemp("log") / "toyama.db"
    result = CliRunner().invoke(main, ["batch", "--prefecture", "富山県", "--as-of", "2025-07-01", "--quiet",
                                       "--log-db", str(db)])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def log_copy(toyama_log, tmp_path):
    db = tmp_path / "copy.db"
    shutil.copy(toyama_log, db)
    return db


# --- what a record holds ----------------------------------------------------------------------


def test_a_logged_advice_holds_everything_to_reproduce_it(tmp_path):
    db = tmp_path / "log.db"
    logged = run(KAMIICHI, "--log", "--log-db", db, "--format", "json")
    assert logged.exit_code == 0, logged.output
    assert "#1" in logged.stderr
    shown = run("log", "show", "1", "--format", "json", "--log-db", db)
    assert shown.exit_code == 0, shown.output
    record = json.loads(shown.stdout)
    text = KAMIICHI.read_text(encoding="utf-8")
    assert record["profile_text"] == text
    assert record["profile_sha256"] == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert (record["code"], record["municipality"], record["as_of"]) == ("163228", "上市町", "2017-06-09")
    assert record["tool_version"] == "0.1.0"
    # The parameter-set hash: names and bytes of the shipped parameter files, in file order.
    digest = hashlib.sha256()
    for path in sorted(PARAMETERS_DIR.glob("*.yaml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    assert record["parameters_sha256"] == digest.hexdigest()
    # The audit is the one `--format audit-json` prints for the same profile.
    audit = json.loads(run(KAMIICHI, "--format", "audit-json").stdout)
    assert record["audit"] == audit
    assert record["ruleset_sha256"] == audit["ruleset"]["sha256"]
    # Summary, by hand: 上市町 has 19,351 people (< 5万) and no cloud on 2017-06-09, so the
    # small-municipality rule fires; the three costed items it is eligible for give
    # 0.5 × (4,000,000 + 6,000,000 + 1,500,000) = 5,750,000 yen.
    summary = record["summary"]
    assert "group.small_no_cloud" in summary["fired"] and "group.small_no_cloud" in summary["asks"]
    eligible = {item: g["amount_yen"] for item, g in summary["grants"].items() if g["eligible"] is True}
    assert eligible == {"joint_planning": 2_000_000, "consultant": 3_000_000, "training": 750_000}
    stored = rows(db)[0]
    assert stored["prev_hash"] == GENESIS and stored["hash"] == hand_hash(GENESIS, stored) == record["hash"]


def test_show_audit_is_the_audit_text_with_the_record_header(tmp_path):
    db = tmp_path / "log.db"
    run(KAMIICHI, "--log", "--log-db", db)
    shown = run("log", "show", "1", "--log-db", db, "--lang", "en")
    assert shown.exit_code == 0, shown.output
    assert shown.stdout.startswith("Advice log record #1")
    assert run(KAMIICHI, "--format", "audit", "--lang", "en").stdout in shown.stdout


def test_list_filters_by_code_and_date(tmp_path):
    db = tmp_path / "log.db"
    for profile in (KAMIICHI, OTA, KAMIICHI):
        assert run(profile, "--log-db", db).exit_code == 0
    listed = json.loads(run("log", "list", "--format", "json", "--log-db", db).stdout)
    assert [r["code"] for r in listed] == ["163228", "131113", "163228"]
    only = json.loads(run("log", "list", "--code", "16322", "--format", "json", "--log-db", db).stdout)
    assert [r["id"] for r in only] == [1, 3]  # the 5-digit code gains its check digit 8
    today = dt.date.today()
    since_today = json.loads(run("log", "list", "--since", today.isoformat(), "--format", "json",
                                 "--log-db", db).stdout)
    assert len(since_today) == 3
    tomorrow = run("log", "list", "--since", (today + dt.timedelta(days=1)).isoformat(), "--log-db", db)
    assert tomorrow.exit_code == 0 and "no records" in tomorrow.stdout
    text = run("log", "list", "--log-db", db).stdout
    assert "163228 富山県上市町" in text and "2017-06-09" in text
    # The column counts the memo's recommendations (提言), not the few 本日のお願い: its header says so.
    assert "提言 / recommendations" in text and "依頼" not in text
    assert [r["asks"] for r in listed][:1] == [len(json.loads(run(KAMIICHI, "--format", "json").stdout)["recommendations"])]


def test_the_environment_variable_and_the_default_location(tmp_path, monkeypatch):
    env_db = tmp_path / "from-env.db"
    monkeypatch.setenv("ADVISE_LOG_DB", str(env_db))
    assert run(KAMIICHI, "--log").exit_code == 0
    assert len(rows(env_db)) == 1
    monkeypatch.delenv("ADVISE_LOG_DB")
    assert run(KAMIICHI, "--log").exit_code == 0
    default = tmp_path / "xdg-data" / "jichitai-cloud-advisor" / "advice-log.sqlite3"
    if sys.platform.startswith("linux"):  # XDG_DATA_HOME is the Linux rule
        assert len(rows(default)) == 1
    assert run("log", "verify").exit_code == 0


def test_without_log_nothing_is_recorded(tmp_path, monkeypatch):
    monkeypatch.setenv("ADVISE_LOG_DB", str(tmp_path / "never.db"))
    assert run(KAMIICHI).exit_code == 0
    assert not (tmp_path / "never.db").exists()


def test_log_and_join_are_refused_together(tmp_path):
    result = run(KAMIICHI, "--log-db", tmp_path / "log.db", "--join", "163210")
    assert result.exit_code == 2 and "--join" in result.output
    assert not (tmp_path / "log.db").exists()


# --- the chain against tampering ------------------------------------------------------------------


def test_an_intact_log_verifies_and_names_its_head(toyama_log):
    result = run("log", "verify", "--log-db", toyama_log)
    assert result.exit_code == 0, result.output
    last = rows(toyama_log)[-1]
    assert last["seq"] == 15 and f"#15 {last['hash']}" in result.stdout
    records = rows(toyama_log)
    prev = GENESIS
    for row in records:  # each hash recomputed by hand from the documented definition
        assert row["prev_hash"] == prev and row["hash"] == hand_hash(prev, row)
        prev = row["hash"]
    assert run("log", "verify", "--head", records[6]["hash"], "--log-db", toyama_log).exit_code == 0


def tamper(db, *statements):
    with sqlite3.connect(db) as connection:
        for statement in statements:
            connection.execute(statement)


def verify_fails_at(db, seq):
    result = run("log", "verify", "--log-db", db)
    assert result.exit_code == 2, result.output
    assert f"record #{seq}:" in result.stderr, result.stderr
    return result.stderr


def test_an_edited_record_is_named(log_copy):
    # One changed figure in record 3's summary (a grant made larger), written with the sqlite3 module.
    tamper(log_copy, "UPDATE advice_log SET summary = replace(summary, '\"fired\":[', '\"fired\":[\"x\",') WHERE seq = 3")
    assert "changed" in verify_fails_at(log_copy, 3)


def test_an_edit_with_its_hash_recomputed_breaks_the_next_link(log_copy):
    record = rows(log_copy)[3]   # seq 4
    record["as_of"] = "2017-06-09"
    forged = hand_hash(record["prev_hash"], record)
    tamper(log_copy, f"UPDATE advice_log SET as_of = '2017-06-09', hash = '{forged}' WHERE seq = 4")
    assert "does not link" in verify_fails_at(log_copy, 5)


def test_a_deleted_record_is_named(log_copy):
    tamper(log_copy, "DELETE FROM advice_log WHERE seq = 6")
    assert "(#6) are missing" in verify_fails_at(log_copy, 7)


def test_a_deleted_last_record_is_found(log_copy):
    tamper(log_copy, "DELETE FROM advice_log WHERE seq = 15")
    assert "missing" in verify_fails_at(log_copy, 15)


def test_reordered_records_are_named(log_copy):
    tamper(log_copy, "UPDATE advice_log SET seq = 1000 WHERE seq = 2", "UPDATE advice_log SET seq = 2 WHERE seq = 3",
           "UPDATE advice_log SET seq = 3 WHERE seq = 1000")
    verify_fails_at(log_copy, 2)


def test_a_rewritten_log_fails_the_noted_head(log_copy, toyama_log, tmp_path):
    noted = rows(toyama_log)[-1]["hash"]
    # Someone drops the last records and fixes the head so that the chain itself holds.
    tamper(log_copy, "DELETE FROM advice_log WHERE seq > 10",
           f"UPDATE meta SET value = '10' WHERE key = 'head_seq'",
           f"UPDATE meta SET value = '{rows(log_copy)[9]['hash']}' WHERE key = 'head_hash'")
    assert run("log", "verify", "--log-db", log_copy).exit_code == 0
    result = run("log", "verify", "--head", noted, "--log-db", log_copy)
    assert result.exit_code == 2 and "truncated" in result.stderr


def test_appending_after_tampering_keeps_the_break_visible(log_copy):
    tamper(log_copy, "DELETE FROM advice_log WHERE seq = 15")
    assert run(KAMIICHI, "--log-db", log_copy).exit_code == 0
    assert rows(log_copy)[-1]["seq"] == 16   # linked to the head, not to the surviving #14
    verify_fails_at(log_copy, 16)


# --- versions and bad files ----------------------------------------------------------------------------


def test_a_newer_schema_is_refused_and_nothing_is_written(log_copy):
    tamper(log_copy, "PRAGMA user_version = 2")
    for args in (["log", "verify"], ["log", "list"], ["log", "show", "1"], [KAMIICHI, "--log"],
                 ["batch", "--prefecture", "富山県", "--log", "--quiet"]):
        result = run(*args, "--log-db", log_copy)
        assert result.exit_code == 2, (args, result.output)
        assert "newer version of the tool (schema 2)" in result.stderr
    assert len(rows(log_copy)) == 15
    assert run(KAMIICHI, "--log-db", log_copy).stdout == ""  # no memo without its record


def test_a_missing_or_foreign_database_is_a_clear_error(tmp_path):
    missing = run("log", "list", "--log-db", tmp_path / "nope.db")
    assert missing.exit_code == 2 and "no advice log database" in missing.stderr
    assert not (tmp_path / "nope.db").exists()
    foreign = tmp_path / "other.db"
    tamper(foreign, "CREATE TABLE t (x)")
    result = run(KAMIICHI, "--log-db", foreign)
    assert result.exit_code == 2 and "not an advice log" in result.stderr
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    result = run("log", "verify", "--log-db", junk)
    assert result.exit_code == 2 and "cannot open it as an advice log" in result.stderr
    assert run("log", "show", "99", "--log-db", _one_record(tmp_path)).exit_code == 2


def _one_record(tmp_path):
    db = tmp_path / "one.db"
    run(KAMIICHI, "--log-db", db)
    return db


# --- no loss -------------------------------------------------------------------------------------------------


def count(db):
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10) as connection:
            return connection.execute("SELECT count(*) FROM advice_log").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def check_complete(db):
    """Every record present is whole: its texts parse and agree with its hashed fields."""
    records = rows(db)
    assert [r["seq"] for r in records] == list(range(1, len(records) + 1))
    for r in records:
        audit = json.loads(r["audit"])
        assert audit["municipality"]["code"] == r["code"]
        assert set(json.loads(r["summary"])) == {"statuses", "fired", "asks", "questions", "grants"}
        assert hashlib.sha256(r["profile_text"].encode()).hexdigest() == r["profile_sha256"]
    assert len({r["code"] for r in records}) == len(records)
    return records


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_kill_9_during_a_logged_batch_loses_no_completed_record(tmp_path, jobs):
    db = tmp_path / "log.db"
    process = subprocess.Popen(CLI + ["batch", "--all", "--quiet", "--jobs", jobs, "--as-of", "2025-07-01",
                                      "--log-db", str(db)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while count(db) < 20 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        seen = count(db)
        os.killpg(process.pid, signal.SIGKILL)   # the batch and its workers, mid-run
    finally:
        process.wait(timeout=30)
    assert seen >= 20, process.stderr.read().decode()
    assert process.returncode == -signal.SIGKILL
    verified = run("log", "verify", "--log-db", db)
    assert verified.exit_code == 0, verified.output
    records = check_complete(db)
    assert seen <= len(records) < 1741   # everything seen before the kill, and the run was cut short


def test_parallel_workers_log_every_municipality_once(tmp_path):
    db = tmp_path / "log.db"
    result = run("batch", "--prefecture", "北海道", "--jobs", "2", "--quiet", "--as-of", "2025-07-01", "--log-db", db)
    assert result.exit_code == 0, result.output
    records = check_complete(db)
    hokkaido = [line.split(",")[0] for line in (EXAMPLES_DIR.parent / "knowledge/data/municipalities.csv")
                .read_text(encoding="utf-8").splitlines()[1:] if line.split(",")[3] == "北海道"]
    assert len(hokkaido) == 179
    assert sorted(r["code"] for r in records) == sorted(hokkaido)
    assert run("log", "verify", "--log-db", db).exit_code == 0


def test_two_processes_appending_at_once_keep_one_chain(tmp_path):
    db = tmp_path / "log.db"
    assert run(KAMIICHI, "--log-db", db).exit_code == 0   # the file exists before the race
    runs = [subprocess.Popen(CLI + ["batch", "--prefecture", prefecture, "--quiet", "--jobs", "2",
                                    "--as-of", "2025-07-01", "--log-db", str(db)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            for prefecture in ("石川県", "福井県")]
    for process in runs:
        assert process.wait(timeout=300) == 0, process.stderr.read().decode()
    records = rows(db)
    # 1 + 19 (石川県) + 17 (福井県) municipalities, each once, in one unbroken chain.
    assert len(records) == 1 + 19 + 17
    assert sorted(r["prefecture"] for r in records[1:]) == sorted(["石川県"] * 19 + ["福井県"] * 17)
    assert run("log", "verify", "--log-db", db).exit_code == 0


def test_many_small_appends_from_two_processes(tmp_path):
    """The store alone: two forked processes append 150 records each, interleaved."""
    import multiprocessing
    db = tmp_path / "log.db"
    from jichitai_cloud_advisor.engine.log.store import AdviceLog
    AdviceLog(db, create=True).connection()
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    workers = [context.Process(target=_append_many, args=(str(db), name)) for name in ("a", "b")]
    for w in workers:
        w.start()
    for w in workers:
        w.join(120)
        assert w.exitcode == 0
    records = rows(db)
    assert len(records) == 300 and [r["seq"] for r in records] == list(range(1, 301))
    assert sorted(r["source"] for r in records) == sorted(f"{n}{i}" for n in "ab" for i in range(150))
    assert run("log", "verify", "--log-db", db).exit_code == 0


def _append_many(db, name):
    from jichitai_cloud_advisor.engine.log.store import AdviceLog
    log = AdviceLog(db)
    for i in range(150):
        text = f'code: "163228"\n# {name}{i}\n'
        log.append({"tool_version": "t", "ruleset_sha256": "r", "parameters_sha256": "p", "code": "163228",
                    "prefecture": "富山県", "municipality": "上市町", "as_of": "2017-06-09", "source": f"{name}{i}",
                    "profile_text": text, "profile_sha256": hashlib.sha256(text.encode()).hexdigest(),
                    "summary": "{}", "audit": "{}"})


# --- replay --------------------------------------------------------------------------------------------------


@pytest.fixture
def kamiichi_log(tmp_path):
    db = tmp_path / "log.db"
    assert run(KAMIICHI, "--log-db", db).exit_code == 0
    return db


def test_replay_under_unchanged_rules_is_the_same(kamiichi_log):
    result = run("log", "replay", "1", "--log-db", kamiichi_log, "--format", "json")
    assert result.exit_code == 0, result.output
    replayed = json.loads(result.stdout)
    assert replayed["same"] is True and replayed["facts"] == []
    assert replayed["ruleset"]["recorded"] == replayed["ruleset"]["now"]
    assert "同じ" in run("log", "replay", "1", "--log-db", kamiichi_log).stdout


def test_replay_under_a_changed_rule_shows_the_difference(kamiichi_log, tmp_path):
    # The rule author narrows group.small_no_cloud to municipalities on a single cloud. 上市町
    # has no cloud, so the rule (and its ask) no longer applies to it.
    rules = tmp_path / "rules"
    shutil.copytree(RULES_DIR, rules)
    formation = rules / "group" / "formation.yaml"
    text = formation.read_text(encoding="utf-8")
    old = "        - {fact: population, lt: {param: group.small_population}}\n        - {fact: cloud_status, eq: none}"
    assert text.count(old) == 1
    formation.write_text(text.replace(old, old.replace("eq: none", "eq: single")), encoding="utf-8")
    result = run("log", "replay", "1", "--rules", rules, "--log-db", kamiichi_log, "--format", "json")
    assert result.exit_code == 0, result.output
    replayed = json.loads(result.stdout)
    assert replayed["same"] is False
    assert replayed["ruleset"]["recorded"] != replayed["ruleset"]["now"]
    assert "group.small_no_cloud" in replayed["differences"]["no_longer_fire"]
    assert "group.small_no_cloud" in replayed["differences"]["asks_removed"]
    text = run("log", "replay", "1", "--rules", rules, "--log-db", kamiichi_log, "--lang", "en").stdout
    assert "Outcome: different" in text and "group.small_no_cloud" in text


def test_replay_under_a_changed_parameter(kamiichi_log, tmp_path):
    # Small now means under 15,000 people: 上市町 (19,351) is no longer small.
    params = tmp_path / "small.yaml"
    params.write_text('parameters:\n  group.small_population:\n    values:\n      - {from: "2016-10-27", value: 15000}\n',
                      encoding="utf-8")
    replayed = json.loads(run("log", "replay", "1", "--parameters", params, "--log-db", kamiichi_log,
                              "--format", "json").stdout)
    assert replayed["same"] is False and replayed["parameters"]["recorded"] != replayed["parameters"]["now"]
    assert "group.small_no_cloud" in replayed["differences"]["no_longer_fire"]


def test_a_damaged_record_is_listed_and_named_not_a_traceback(log_copy):
    tamper(log_copy, "UPDATE advice_log SET summary = '{broken', audit = 'not json' WHERE seq = 2")
    listed = run("log", "list", "--log-db", log_copy)
    assert listed.exit_code == 0 and len(listed.stdout.splitlines()) == 16   # header + 15
    for args in (["log", "show", "2"], ["log", "show", "2", "--format", "json"], ["log", "replay", "2"]):
        result = run(*args, "--log-db", log_copy)
        assert result.exit_code == 2 and "record #2 is damaged" in result.stderr, (args, result.output)
    bad_date = run("log", "list", "--since", "2025-13-01", "--log-db", log_copy)
    assert bad_date.exit_code == 2 and "--since" in bad_date.stderr
