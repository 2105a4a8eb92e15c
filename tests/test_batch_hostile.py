"""`advise batch` under interruption and hostile inputs (issue 12, findings 6, 8, 10).

The output folder is built beside the target and swapped in at the end: an interrupted
run leaves the previous complete output (or nothing), never a mixture.
"""

import os
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from jichitai_cloud_advisor.cli import main

PROFILE = 'code: "{code}"\nas_of: 2017-06-09\n'


def invoke(args):
    return CliRunner().invoke(main, [str(a) for a in args])


def _snapshot(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _profiles(tmp_path, codes=("163228", "162019")):
    folder = tmp_path / "profiles"
    folder.mkdir()
    for code in codes:
        (folder / f"{code}.yaml").write_text(PROFILE.format(code=code), encoding="utf-8")
    return folder


def test_a_failure_while_writing_keeps_the_previous_output(tmp_path, monkeypatch):
    profiles = _profiles(tmp_path)
    out = tmp_path / "out"
    assert invoke(["batch", profiles, "--out", out, "--quiet", "--memos"]).exit_code == 0
    before = _snapshot(out)
    assert {"advice.jsonl", "summary.json", "dashboard.html", "memos/163228.md"} <= set(before)

    from jichitai_cloud_advisor.commands import batch as batch_command
    real = batch_command._write_outputs

    def interrupted(stage, *args, **kwargs):
        (stage / "advice.jsonl").write_text("half\n")
        raise KeyboardInterrupt  # as Ctrl-C half-way through writing
    monkeypatch.setattr(batch_command, "_write_outputs", interrupted)
    result = invoke(["batch", profiles, "--out", out, "--quiet", "--as-of", "2025-04-01"])
    assert result.exit_code != 0
    assert _snapshot(out) == before                           # the previous output, whole
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "profiles"]   # no stage left
    monkeypatch.setattr(batch_command, "_write_outputs", real)

    # A complete second run replaces it whole: no memo of the first run survives.
    assert invoke(["batch", profiles, "--out", out, "--quiet", "--as-of", "2025-04-01"]).exit_code == 0
    after = _snapshot(out)
    assert "memos/163228.md" not in after and after["advice.jsonl"] != before["advice.jsonl"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "profiles"]


def test_sigterm_during_a_national_run_leaves_the_previous_output(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "summary.json").write_text('{"previous": true}\n')
    process = subprocess.Popen([sys.executable, "-m", "jichitai_cloud_advisor.cli", "batch", "--all", "--out", str(out),
                                "--quiet", "--memos"], stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not any(p.name.startswith(".out.partial-") for p in tmp_path.iterdir()):
        assert process.poll() is None and time.monotonic() < deadline, "the run never made its stage"
        time.sleep(0.05)
    time.sleep(0.5)
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=60)
    assert process.returncode != 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    assert _snapshot(out) == {"summary.json": b'{"previous": true}\n'}


def test_out_is_checked_before_any_advice(tmp_path, monkeypatch):
    from jichitai_cloud_advisor.engine.batch import runner

    def never(*args, **kwargs):
        raise AssertionError("advised before checking --out")
    monkeypatch.setattr(runner, "run_batch", never)
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    others = tmp_path / "documents"
    others.mkdir()
    (others / "report.docx").write_text("keep me")
    link = tmp_path / "link"
    link.symlink_to(others)
    for out, words in ((a_file / "out", "書き込めません"), (others, "report.docx"), (link, "シンボリックリンク"),
                       ("", "新しいディレクトリ名")):
        result = invoke(["batch", "--prefecture", "富山県", "--out", out, "--quiet"])
        assert result.exit_code == 2, result.output
        assert words in result.stderr and "Traceback" not in result.output
    assert (others / "report.docx").read_text() == "keep me"


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_unwritable_parent_is_refused_before_advice(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    result = invoke(["batch", "--prefecture", "富山県", "--out", locked / "out", "--quiet"])
    assert result.exit_code == 2 and "書き込めません" in result.stderr


def test_fifo_and_device_links_in_a_batch_directory_are_skipped(tmp_path):
    profiles = _profiles(tmp_path)
    os.mkfifo(profiles / "stuck.yaml")
    (profiles / "zero.yaml").symlink_to("/dev/zero")
    out = tmp_path / "out"
    result = invoke(["batch", profiles, "--out", out, "--quiet"])
    assert result.exit_code == 2, result.output
    assert "stuck.yaml" in result.stderr and "zero.yaml" in result.stderr
    assert "通常のファイルではない" in result.stderr
    assert len((out / "advice.jsonl").read_text(encoding="utf-8").splitlines()) == 2  # the two real profiles


# --- Excel's cp932 CSV -----------------------------------------------------------------------------

CSV = 'code,cloud.group,costs.it_operating\n"163228",上市町クラウド,"1,200,000"\n"162019",富山共同,\n'


def test_excel_cp932_csv_is_detected(tmp_path):
    source = tmp_path / "offices.csv"
    source.write_bytes(CSV.encode("cp932"))
    result = invoke(["batch", source, "--quiet"])
    assert result.exit_code == 0, result.output
    assert "上市町クラウド" not in result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    explicit = invoke(["batch", source, "--quiet", "--encoding", "cp932"])
    assert explicit.exit_code == 0 and explicit.stdout == result.stdout
    utf8 = tmp_path / "utf8.csv"
    utf8.write_text(CSV, encoding="utf-8-sig")  # Excel's "CSV UTF-8" has a BOM
    assert invoke(["batch", utf8, "--quiet"]).stdout == result.stdout


@pytest.mark.parametrize("encoding,option", [("euc-jp", "auto"), ("latin-1", "auto"), ("cp932", "utf-8")])
def test_other_encodings_name_the_row_and_the_fix(tmp_path, encoding, option):
    text = CSV if encoding != "latin-1" else 'code,cloud.group\n"163228",café\n'
    source = tmp_path / "offices.csv"
    source.write_bytes(text.encode(encoding))
    result = invoke(["batch", source, "--quiet", "--encoding", option])
    assert result.exit_code == 2, result.output
    assert f"{source}, 2行目" in result.stderr and "--encoding cp932" in result.stderr and "CSV UTF-8" in result.stderr
