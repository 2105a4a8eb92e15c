"""The layout keeps its arrows: engine/ never imports the command line (cli.py, commands/),
and only engine/rules/durable_adapter.py touches durable-rules."""

import ast
from pathlib import Path

import jichitai_cloud_advisor

ROOT = Path(jichitai_cloud_advisor.__file__).resolve().parent


def _imports(path: Path, root: Path = ROOT) -> list[tuple[int, str]]:
    """Every imported module of ``path``, resolved to a dotted name inside the package."""
    package = path.relative_to(root).with_suffix("").parts[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(package[: len(package) - (node.level - 1)])
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
                target = target.removeprefix("jichitai_cloud_advisor.")
            found.append((node.lineno, target))
            found += [(node.lineno, f"{target}.{alias.name}") for alias in node.names]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name.removeprefix("jichitai_cloud_advisor.")) for alias in node.names]
    return found


def test_engine_never_imports_the_command_line():
    engine_files = sorted((ROOT / "engine").rglob("*.py"))
    assert len(engine_files) > 40
    bad = [f"{path.relative_to(ROOT)}:{line} imports {target}"
           for path in engine_files for line, target in _imports(path)
           if target == "cli" or target.startswith(("cli.", "commands"))]
    assert bad == []


def test_only_the_adapter_touches_durable_rules():
    users = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "engine").rglob("*.py")
                   for _, target in _imports(path) if target.split(".")[0] == "durable")
    assert set(users) == {"engine/rules/durable_adapter.py"}


def test_the_checker_sees_a_forbidden_import(tmp_path):
    """The check itself can fail: a module in engine/groups/ importing ...commands is caught."""
    probe = tmp_path / "engine" / "groups" / "probe.py"
    probe.parent.mkdir(parents=True)
    probe.write_text("from ...commands.common import run_guarded\nfrom ..rules import durable_adapter\n")
    assert _imports(probe, tmp_path) == [(1, "commands.common"), (1, "commands.common.run_guarded"),
                                         (2, "engine.rules"), (2, "engine.rules.durable_adapter")]
