"""The README and docs/ say what the code does: every command shown runs as written.

Convention (docs/ and README.md):

* Commands are the lines of fenced blocks tagged ``sh``. Each block runs as one bash script
  (``set -euo pipefail``), the blocks of a page in order, in a scratch copy of the repository
  (so ``examples/…`` and ``rules/…`` resolve and whatever a page writes stays there), with
  ``advise`` first on PATH and the advice log in a temporary directory. That ``advise`` is the
  ``warm_advise`` fixture (conftest.py): each command is its own process with the shell's
  pipes, arguments, directory, environment and exit status, but forked from a server that has
  done the imports once. tests/test_cli_consistency.py runs the installed console script itself.
* A command that cannot run in a test ends with ``# not run in tests: REASON``; it is left out
  of the script, and the reason must be given.
* No other fenced block may show an ``advise`` command line, so none escapes this test.
* ``advise …`` in inline code (prose) is checked lighter: the subcommand exists and every
  ``--option`` is one of its options.

docs/log.md and docs/impact.md are run whole by tests/test_docs_log_impact.py (every line of
every fenced block, in a fresh advice log per page); here only their inline options and links
are checked.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import click
import pytest

from jichitai_cloud_advisor.cli import main

REPO = Path(__file__).resolve().parent.parent
NOT_RUN = re.compile(r"#\s*not run in tests:\s*(.*)$")
RUN_ELSEWHERE = {"log.md": "tests/test_docs_log_impact.py", "impact.md": "tests/test_docs_log_impact.py"}
FENCE = re.compile(r"^```([^\n`]*)\n(.*?)^```\s*$", re.M | re.S)


def pages() -> list[Path]:
    return [REPO / "README.md"] + sorted((REPO / "docs").glob("*.md"))


def blocks(page: Path) -> list[tuple[str, str]]:
    """(info string, body) of every fenced block."""
    return [(m.group(1).strip(), m.group(2)) for m in FENCE.finditer(page.read_text(encoding="utf-8"))]


def script_of(page: Path) -> tuple[list[str], list[str]]:
    """The page's runnable scripts (one per sh block), and the reasons given for lines left out."""
    scripts, reasons = [], []
    for info, body in blocks(page):
        if info != "sh":
            continue
        kept = []
        for line in body.splitlines():
            skip = NOT_RUN.search(line)
            if skip:
                reasons.append(skip.group(1).strip())
                continue
            kept.append(line)
        scripts.append("\n".join(kept) + "\n")
    return scripts, reasons


def scratch_copy(target: Path) -> Path:
    everywhere = shutil.ignore_patterns(".git", ".venv", "build", "*.egg-info", "__pycache__", ".pytest_cache")

    def ignore(directory, names):
        top = {"tests", "benchmarks"} if Path(directory) == REPO else set()  # rules/<family>/tests stay
        return set(everywhere(directory, names)) | (top & set(names))

    shutil.copytree(REPO, target, ignore=ignore)
    return target


@pytest.mark.parametrize("page", [p for p in pages() if p.name not in RUN_ELSEWHERE], ids=lambda p: p.name)
def test_every_command_of_the_page_runs_as_written(page, tmp_path, warm_advise):
    scripts, reasons = script_of(page)
    assert all(reasons), f"{page.name}: a line marked 'not run in tests' must say why"
    if not scripts:
        pytest.skip(f"{page.name} shows no commands")
    work = scratch_copy(tmp_path / "repo")
    env = dict(os.environ, PATH=f"{warm_advise}{os.pathsep}{os.environ.get('PATH', '')}",
               ADVISE_LOG_DB=str(tmp_path / "advice-log.sqlite3"), XDG_DATA_HOME=str(tmp_path / "xdg"))
    env.pop("ADVISE_DEBUG", None)
    for number, script in enumerate(scripts, start=1):
        result = subprocess.run(["bash", "-c", "set -euo pipefail\n" + script], cwd=work, env=env,
                                capture_output=True, text=True, timeout=600)
        where = f"{page.name}, sh block {number}:\n{script}"
        assert result.returncode == 0, f"{where}\nexit {result.returncode}\n{result.stderr[-3000:]}"
        assert "internal error" not in result.stderr and "Traceback" not in result.stderr, where + result.stderr


def test_pages_run_elsewhere_are_run_there():
    for name, test in RUN_ELSEWHERE.items():
        if (REPO / "docs" / name).exists():
            assert (REPO / test).exists(), f"docs/{name} is left to {test}, which is missing"


@pytest.mark.parametrize("page", [p for p in pages() if p.name not in RUN_ELSEWHERE], ids=lambda p: p.name)
def test_no_command_hides_outside_sh_blocks(page):
    for info, body in blocks(page):
        if info == "sh":
            continue
        for line in body.splitlines():
            assert not re.match(r"\s*(\$\s*)?advise\s", line), f"{page.name}: `{line}` is in a ```{info} block"


def _command_of(words: list[str]) -> click.Command:
    command: click.Command = main
    for word in words:
        if not isinstance(command, click.Group):
            break
        if word in command.commands:
            command = command.commands[word]
        elif command is main:
            command = main.commands["profile"]  # `advise PROFILE …`
            break
        else:
            break
    return command


def _options(command: click.Command) -> set[str]:
    return {opt for param in command.params for opt in param.opts + param.secondary_opts} | {"--help"}


@pytest.mark.parametrize("page", pages(), ids=lambda p: p.name)
def test_options_named_in_prose_exist(page):
    text = FENCE.sub("", page.read_text(encoding="utf-8"))
    for span in re.findall(r"`(advise(?: [^`]*)?)`", text):
        words = span.split()[1:]
        command = _command_of([w for w in words if not w.startswith("-")][:2])
        for word in words:
            if word.startswith("--"):
                option = word.split("=", 1)[0]
                assert option in _options(command), f"{page.name}: `{span}`: {option} is not an option of {command.name}"


@pytest.mark.parametrize("page", pages(), ids=lambda p: p.name)
def test_relative_links_resolve(page):
    text = page.read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", text):
        assert (page.parent / target).exists(), f"{page.name}: link to {target}"


def test_architecture_names_real_files_and_every_part():
    page = (REPO / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    for path in re.findall(r"`((?:engine|commands|templates|rules|knowledge|tests)/[^`*<> ]*|cli\.py)`", page):
        assert (REPO / path).exists(), f"ARCHITECTURE.md names {path}, which does not exist"
    # `engine/rules/evaluator.py`, `conditions.py`: a bare module name belongs to the last directory named.
    for row in page.splitlines():
        directory = None
        for name in re.findall(r"`([^`]+)`", row):
            if "/" in name:
                directory = (REPO / name).parent if name.endswith(".py") else REPO / name
            elif name.endswith(".py") and directory is not None:
                assert (directory / name).exists() or (REPO / name).exists(), \
                    f"ARCHITECTURE.md: {name} is not in {directory.relative_to(REPO)}"
    for package in sorted(p.parent.name for p in (REPO / "engine").glob("*/__init__.py")):
        assert f"engine/{package}/" in page, f"ARCHITECTURE.md does not place engine/{package}/"
    for module in sorted((REPO / "commands").glob("*.py")):
        if module.name != "__init__.py":
            assert f"commands/{module.name}" in page or module.name in page, f"ARCHITECTURE.md misses commands/{module.name}"


def _context_fields() -> dict[str, set]:
    """What render_memo passes to a template: top-level names and their first-level fields, over the examples."""
    from jichitai_cloud_advisor.commands.templates import example_profiles
    from jichitai_cloud_advisor.engine.advice import Advisor
    from jichitai_cloud_advisor.engine.documents import render
    from jichitai_cloud_advisor.engine.inputs.yamlio import parse_text
    from jichitai_cloud_advisor.engine.profile.loader import parse_profile

    advisor, seen = Advisor(), {}
    original = render.render_with

    def capture(env, name, context):
        for key, value in context.items():
            fields = seen.setdefault(key, set())
            if key == "t":
                continue
            if isinstance(value, dict):
                fields |= set(value)
            elif isinstance(value, list):
                fields |= {k for item in value if isinstance(item, dict) for k in item}
        return ""

    render.render_with = capture
    try:
        for label, text in example_profiles():
            advice = advisor.advise(parse_profile(parse_text(text, label), advisor.knowledge))
            for fmt in ("markdown", "html"):
                render.render_memo(advice, advisor, "ja", fmt)
    finally:
        render.render_with = original
    return seen


def test_templates_page_lists_what_a_template_sees():
    page = (REPO / "docs" / "templates.md").read_text(encoding="utf-8")
    table = page.split("| variable | what | fields |", 1)[1].split("\n\n", 1)[0]
    documented = {}
    for row in table.splitlines()[2:]:
        cells = [c.strip() for c in row.strip().strip("|").split("|")]
        name = re.fullmatch(r"`([a-z0-9_]+)`", cells[0]).group(1)
        documented[name] = set(re.findall(r"`([a-z0-9_]+)`", cells[-1]))
    actual = _context_fields()
    assert set(documented) == set(actual)
    for name, fields in actual.items():
        if name != "t":
            assert documented[name] == fields, name


def test_the_worked_correction_example_says_what_the_tool_computes(tmp_path):
    # docs/parameters.md: 0.47 (FY2017, public from 2019-04-01) falls below 0.6 → × 0.9;
    # 4,000,000 × 1/2 × 0.9 = 1,800,000; 6,000,000 → 2,700,000; 25,000,000 → 11,250,000; 1,500,000 → 675,000.
    import json
    from click.testing import CliRunner
    page = (REPO / "docs" / "parameters.md").read_text(encoding="utf-8")
    table = re.search(r"cat > my-correction\.yaml <<'EOF'\n(.*?)\nEOF", page, re.S).group(1)
    (tmp_path / "my-correction.yaml").write_text(table + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, [str(REPO / "examples" / "kamiichi_no_cloud.yaml"), "--as-of", "2019-06-01",
                                       "--parameters", str(tmp_path / "my-correction.yaml"), "--format", "json"])
    assert result.exit_code == 0, result.output
    amounts = {g["item"]: g["amount_yen"] for g in json.loads(result.stdout)["grants"]}
    assert amounts == {"joint_planning": 1_800_000, "consultant": 2_700_000, "data_migration": 11_250_000,
                       "training": 675_000}
    for amount in amounts.values():
        assert f"{amount:,}" in page
    assert "16,425,000" in page  # the total the page states
