"""Mutation testing of the core modules: does the suite catch a small deliberate bug?

    .venv/bin/python benchmarks/mutation.py                      # every core module
    .venv/bin/python benchmarks/mutation.py --module grants      # one (repeatable)
    .venv/bin/python benchmarks/mutation.py --module conditions --line 89   # mutants on one line
    .venv/bin/python benchmarks/mutation.py --module wareki --list          # list, run nothing
    .venv/bin/python benchmarks/mutation.py --module grants --tests tests/test_grants.py

For each module it makes every mutant (one small change at a time, listed below), runs
only the tests relevant to that module against it (``-x``: the first failure kills it),
and prints the mutation score and every surviving mutant as ``file:line  original → mutant``.
A benchmark-style script: it prints figures and is never part of the suite or CI.

Why our own mutator rather than mutmut: the repository root installs as the package
``jichitai_cloud_advisor`` (setup.cfg ``package_dir``), so ``engine/rules/conditions.py``
is imported as ``jichitai_cloud_advisor.engine.rules.conditions``, while mutmut 3 names
modules after their paths in its ``mutants/`` copy; and its first step runs the whole
suite (headless Chromium included). This one is ~350 lines on the standard ``ast`` module.

How a mutant runs: this process imports pytest and the third-party libraries once, then
forks one child per mutant. The child puts a finder first on ``sys.meta_path`` that
compiles the mutated syntax tree for the one module (same file name and line numbers), and
runs ``pytest.main`` on the module's tests. Tests that start a *new* Python process
(subprocess) see the unmutated code; forked workers see the mutant.

Mutations (each gives one mutant per site):
  comparison   < ↔ <=, > ↔ >=, == ↔ !=, in ↔ not in, is ↔ is not
  boolean      and ↔ or; ``not x`` → ``x``; ``if x:`` → ``if not x:`` (x a name/attribute/call)
  arithmetic   + ↔ -, * ↔ /, // → /, % → //, & ↔ |, ``-x`` → ``x`` (also in ``+=`` etc.)
  constant     integer/float n → n + 1; True ↔ False
  call         all ↔ any, min ↔ max
  statement    ``return x`` → ``return None``; a call statement → ``pass``; break ↔ continue
Not mutated: docstrings, strings (messages; ``--strings`` adds them), annotations,
decorators, and lines marked ``# pragma: no mutate``.

Equivalent mutants (no test can tell them apart) are listed in
benchmarks/mutation_equivalent.txt with the reason; they are reported, and left out of
the score.
"""

from __future__ import annotations

import argparse
import ast
import copy
import importlib.machinery
import importlib.util
import json
import os
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "jichitai_cloud_advisor"
EQUIVALENT_FILE = Path(__file__).with_name("mutation_equivalent.txt")
# Tests that print in headless Chromium take ~30 s and test layout, not logic.
NOT_SLOW = "not chromium and not fits_a4"

# module key -> (file, tests run against its mutants, fastest and most telling first)
MODULES: dict[str, tuple[str, list[str]]] = {
    "conditions": ("engine/rules/conditions.py",
                   ["tests/test_conditions.py", "tests/test_engine.py", "tests/test_rule_cases.py",
                    "tests/test_lint.py", "tests/test_engine_properties.py", "tests/test_regimes.py"]),
    "evaluator": ("engine/rules/evaluator.py",
                  ["tests/test_conditions.py", "tests/test_engine.py", "tests/test_rule_cases.py",
                   "tests/test_regimes.py", "tests/test_engine_properties.py", "tests/test_durable_race.py"]),
    "durable_adapter": ("engine/rules/durable_adapter.py",
                        ["tests/test_conditions.py", "tests/test_durable_adapter.py", "tests/test_engine.py",
                         "tests/test_engine_properties.py",
                         "tests/test_durable_race.py", "tests/test_engines_agree.py"]),
    "rulebook": ("engine/rules/rulebook.py",
                 ["tests/test_rulebook.py", "tests/test_validation_cache.py", "tests/test_conditions.py", "tests/test_hostile_input.py", "tests/test_engine.py", "tests/test_bad_input.py",
                  "tests/test_lint.py", "tests/test_rule_cases.py", "tests/test_regimes.py"]),
    "validation": ("engine/inputs/validation.py",
                   ["tests/test_validation.py", "tests/test_validation_cache.py", "tests/test_rulebook.py", "tests/test_hostile_input.py", "tests/test_bad_input.py",
                    "tests/test_engine.py", "tests/test_batch.py"]),
    "grants": ("engine/grants.py",
               ["tests/test_grants.py", "tests/test_grants_signable.py", "tests/test_regimes.py", "tests/test_cli_json.py", "tests/test_whatif.py",
                "tests/test_memo.py"]),
    "partners": ("engine/groups/partners.py",
                 ["tests/test_partners.py", "tests/test_grouping.py", "tests/test_whatif.py", "tests/test_cli_json.py",
                  "tests/test_maps.py"]),
    "grouping": ("engine/groups/grouping.py",
                 ["tests/test_grouping.py", "tests/test_partners.py", "tests/test_maps.py",
                  "tests/test_group_memo_review.py"]),
    "wareki": ("engine/documents/wareki.py",
               ["tests/test_wareki.py", "tests/test_memo.py"]),
    "summary": ("engine/batch/summary.py",
                ["tests/test_summary.py", "tests/test_batch.py", "tests/test_dashboard.py"]),
    # not a core module of issue 15, but its systems[] facts were named there
    "facts": ("engine/profile/facts.py",
              ["tests/test_facts_systems.py", "tests/test_cli_json.py", "tests/test_knowledge.py",
               "tests/test_engine.py", "tests/test_memo.py"]),
}
CORE = ("conditions", "evaluator", "durable_adapter", "rulebook", "validation", "grants", "partners", "grouping",
        "wareki", "summary")

COMPARE_SWAP = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq,
                ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is}
BINOP_SWAP = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult, ast.FloorDiv: ast.Div,
              ast.Mod: ast.FloorDiv, ast.BitAnd: ast.BitOr, ast.BitOr: ast.BitAnd}
CALL_SWAP = {"all": "any", "any": "all", "min": "max", "max": "min"}


@dataclass
class Mutant:
    module: str
    path: str
    index: int
    line: int
    original: str
    mutated: str
    code: object = None
    text: str = ""  # the source line, stripped
    occurrence: int = 0  # how many mutants before this one have the same line text and change


    @property
    def label(self) -> str:
        return f"{self.path}:{self.line}  {self.original}  →  {self.mutated}"

    @property
    def key(self) -> str:
        """Stable across line shifts: module, the source line, the original and mutated text."""
        same = f" #{self.occurrence + 1}" if self.occurrence else ""
        return f"{self.module} | {self.text}{same} | {self.original} | {self.mutated}"


# --- making mutants ----------------------------------------------------------------------

def _short(node: ast.AST, limit: int = 90) -> str:
    text = " ".join(ast.unparse(node).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _frozen_nodes(tree: ast.Module) -> set[int]:
    """ids of the nodes never mutated: docstrings, annotations, decorators."""
    found: set[int] = set()

    def mark(node):
        if node is not None:
            found.update(id(n) for n in ast.walk(node))

    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and body:
            first = body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) \
                    and isinstance(first.value.value, str):
                mark(first)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            for deco in node.decorator_list:
                mark(deco)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            mark(node.returns)
        elif isinstance(node, ast.arg):
            mark(node.annotation)
        elif isinstance(node, ast.AnnAssign):
            mark(node.annotation)
    return found


def _sites(tree: ast.Module, source_lines: list[str], strings: bool):
    """Yield (node, how) for every mutation of the tree, in a fixed order."""
    frozen = _frozen_nodes(tree)

    def excluded(node) -> bool:
        if id(node) in frozen or not hasattr(node, "lineno"):
            return True
        return "pragma: no mutate" in source_lines[node.lineno - 1]

    for node in ast.walk(tree):
        if excluded(node):
            continue
        if isinstance(node, ast.Compare):
            for i, op in enumerate(node.ops):
                if type(op) in COMPARE_SWAP:
                    yield node, ("compare", i)
        elif isinstance(node, ast.BoolOp):
            yield node, ("boolop",)
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.Not, ast.USub)):
            yield node, ("unwrap",)
        elif isinstance(node, (ast.BinOp, ast.AugAssign)) and type(node.op) in BINOP_SWAP:
            yield node, ("binop",)
        elif isinstance(node, ast.Constant):
            if isinstance(node.value, (bool, int, float)) or (strings and isinstance(node.value, str)):
                yield node, ("constant",)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in CALL_SWAP:
            yield node, ("call",)
        elif isinstance(node, ast.Return) and node.value is not None \
                and not (isinstance(node.value, ast.Constant) and node.value.value is None):
            yield node, ("return_none",)
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            yield node, ("pass",)
        elif isinstance(node, (ast.Break, ast.Continue)):
            yield node, ("loop",)
        if isinstance(node, (ast.If, ast.While)) and isinstance(node.test, (ast.Name, ast.Attribute, ast.Call)) \
                and not excluded(node.test):
            yield node.test, ("negate",)


def _parents(tree: ast.AST) -> dict[int, tuple[ast.AST, str, int | None]]:
    out = {}
    for parent in ast.walk(tree):
        for field, value in ast.iter_fields(parent):
            if isinstance(value, ast.AST):
                out[id(value)] = (parent, field, None)
            elif isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, ast.AST):
                        out[id(item)] = (parent, field, i)
    return out


def _replace(parents, node: ast.AST, new: ast.AST) -> ast.AST:
    parent, field, index = parents[id(node)]
    ast.copy_location(new, node)
    if index is None:
        setattr(parent, field, new)
    else:
        getattr(parent, field)[index] = new
    return new


def _apply(node: ast.AST, how: tuple, parents) -> ast.AST:
    """Mutate the tree in place at ``node``; returns the node now in its place."""
    kind = how[0]
    if kind == "compare":
        node.ops[how[1]] = COMPARE_SWAP[type(node.ops[how[1]])]()
    elif kind == "boolop":
        node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
    elif kind == "binop":
        node.op = BINOP_SWAP[type(node.op)]()
    elif kind == "unwrap":
        return _replace(parents, node, node.operand)
    elif kind == "constant":
        value = node.value
        node.value = (not value) if isinstance(value, bool) else \
            ("XX" + value + "XX") if isinstance(value, str) else value + 1
    elif kind == "call":
        node.func.id = CALL_SWAP[node.func.id]
    elif kind == "return_none":
        node.value = ast.copy_location(ast.Constant(None), node.value)
    elif kind == "pass":
        return _replace(parents, node, ast.Pass())
    elif kind == "loop":
        return _replace(parents, node, ast.Continue() if isinstance(node, ast.Break) else ast.Break())
    elif kind == "negate":
        return _replace(parents, node, ast.UnaryOp(ast.Not(), node))
    return node


def make_mutants(module: str, strings: bool = False) -> list[Mutant]:
    """Every mutant of the module, each compiled from its own mutated syntax tree.

    The tree is mutated, not the text, so line numbers stay and f-strings mutate too.
    """
    path = MODULES[module][0]
    source = (ROOT / path).read_text(encoding="utf-8")
    lines = source.splitlines(keepends=True)
    count = sum(1 for _ in _sites(ast.parse(source), lines, strings))
    out = []
    for index in range(count):
        tree = ast.parse(source)
        node, how = list(_sites(tree, lines, strings))[index]
        line, original = node.lineno, _short(node)
        new = _apply(node, how, _parents(tree))
        ast.fix_missing_locations(tree)
        try:
            code = compile(tree, str(ROOT / path), "exec", dont_inherit=True)
        except (SyntaxError, ValueError, TypeError):
            continue
        out.append(Mutant(module, path, index, line, original, _short(new), code, lines[line - 1].strip()))
    out.sort(key=lambda m: (m.line, m.index))
    seen: dict[tuple, int] = {}
    for m in out:  # identical lines (`continue`) are told apart by their order in the file
        signature = (m.text, m.original, m.mutated)
        m.occurrence = seen.get(signature, 0)
        seen[signature] = m.occurrence + 1
    return out


# --- running them ------------------------------------------------------------------------

def _module_name(path: str) -> str:
    return PACKAGE + "." + path[:-3].replace("/", ".")


class _MutantLoader(importlib.machinery.SourceFileLoader):
    code = None

    def get_code(self, fullname):
        return self.code


class _MutantFinder:
    """First on sys.meta_path: the mutated module's code, under its real name and file."""

    def __init__(self, name: str, path: str, code):
        self.name, self.path, self.code = name, path, code

    def find_spec(self, fullname, path=None, target=None):
        if fullname != self.name:
            return None
        loader = _MutantLoader(fullname, self.path)
        loader.code = self.code
        return importlib.util.spec_from_file_location(fullname, self.path, loader=loader)


def _run_child(mutant: Mutant | None, tests: list[str], keyword: str, quiet: bool) -> int:
    """In a forked child: install the mutant (if any) and run pytest; returns its exit code."""
    import pytest
    if mutant is not None:
        sys.meta_path.insert(0, _MutantFinder(_module_name(mutant.path), str(ROOT / mutant.path), mutant.code))
    if quiet:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
    os.chdir(ROOT)
    args = ["-x", "-q", "-p", "no:cacheprovider", "-p", "no:warnings", "--rootdir", str(ROOT),
            "-c", str(ROOT / "setup.cfg"), "-k", keyword, *tests]
    return int(pytest.main(args))


def run_one(mutant: Mutant | None, tests: list[str], keyword: str, timeout: float | None,
            quiet: bool = True) -> tuple[str, float]:
    """('killed' | 'survived' | 'timeout' | 'error:N', seconds)."""
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        code = 3
        try:
            code = _run_child(mutant, tests, keyword, quiet)
        finally:
            os._exit(code)
    deadline = None if timeout is None else start + timeout
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if deadline is not None and time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return "timeout", time.monotonic() - start
        time.sleep(0.02)
    elapsed = time.monotonic() - start
    if os.WIFSIGNALED(status):
        return "killed", elapsed  # the mutant crashed the process (a segfault counts as caught)
    code = os.WEXITSTATUS(status)
    if code == 0:
        return "survived", elapsed
    if code in (1, 2):  # 1: a test failed; 2: interrupted, e.g. the mutant breaks collection
        return "killed", elapsed
    return f"error:{code}", elapsed


def load_equivalents() -> dict[str, str]:
    """key -> reason, from benchmarks/mutation_equivalent.txt (``module | line | original | mutant | reason``)."""
    out = {}
    if EQUIVALENT_FILE.exists():
        for raw in EQUIVALENT_FILE.read_text(encoding="utf-8").splitlines():
            if not raw.strip() or raw.lstrip().startswith("#"):
                continue
            parts = [p.strip() for p in raw.split(" | ")]
            if len(parts) >= 5:
                out[" | ".join(parts[:4])] = " | ".join(parts[4:])
    return out


def _check_package_root() -> None:
    spec = importlib.util.find_spec(PACKAGE)
    origin = Path(spec.origin).resolve().parent if spec and spec.origin else None
    if origin != ROOT:
        sys.exit(f"{PACKAGE} imports from {origin}, not {ROOT}: run with this worktree's venv "
                 f"(pip install -e '.[dev]' here)")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--module", action="append", choices=sorted(MODULES),
                        help="a module (repeatable); default: the ten core modules")
    parser.add_argument("--line", type=int, action="append", help="only mutants on this line (repeatable)")
    parser.add_argument("--tests", nargs="+", help="run these tests instead of the module's list")
    parser.add_argument("-k", dest="keyword", default=NOT_SLOW, help=f"pytest -k expression (default: {NOT_SLOW!r})")
    parser.add_argument("--list", action="store_true", help="list the mutants and run nothing")
    parser.add_argument("--strings", action="store_true", help="also mutate string literals")
    parser.add_argument("--json", type=Path, help="write every result to this file")
    parser.add_argument("--equivalent-keys", action="store_true",
                        help="print each survivor's key for benchmarks/mutation_equivalent.txt")
    parser.add_argument("--verbose", action="store_true", help="print each mutant's result as it runs")
    args = parser.parse_args(argv)
    _check_package_root()

    import pytest  # noqa: F401 — imported once here, shared by every forked child
    for name in ("durable.engine", "durable.lang", "networkx", "jsonschema", "yaml", "jinja2", "click"):
        try:
            __import__(name)
        except ImportError:
            pass

    equivalents = load_equivalents()
    modules = args.module or list(CORE)
    summary, results = [], []
    for module in modules:
        path, default_tests = MODULES[module]
        tests = args.tests or [t for t in default_tests if (ROOT / t).exists()]
        mutants = make_mutants(module, args.strings)
        if args.line:
            mutants = [m for m in mutants if m.line in args.line]
        if args.list:
            for m in mutants:
                print(m.label)
            continue
        print(f"== {module} ({path}): {len(mutants)} mutants; tests: {' '.join(tests)}", flush=True)
        status, base = run_one(None, tests, args.keyword, None, quiet=True)
        if status != "survived":
            print(f"   the unmutated tests do not pass ({status}); run them: pytest {' '.join(tests)}")
            summary.append((module, None))
            continue
        print(f"   baseline {base:.1f} s", flush=True)
        timeout = base * 3 + 5
        counts = {"killed": 0, "survived": 0, "timeout": 0, "equivalent": 0, "error": 0}
        survivors = []
        started = time.monotonic()
        for m in mutants:
            result, seconds = run_one(m, tests, args.keyword, timeout)
            if result == "survived" and m.key in equivalents:
                result = "equivalent"
            counts[result.split(":")[0]] += 1
            results.append({"module": module, "file": m.path, "line": m.line, "original": m.original,
                            "mutant": m.mutated, "result": result, "seconds": round(seconds, 2)})
            if result == "survived":
                survivors.append(m)
            if args.verbose:
                print(f"   {result:10} {seconds:5.1f}s  {m.label}", flush=True)
        scored = counts["killed"] + counts["timeout"] + counts["survived"] + counts["error"]
        score = 100.0 * (counts["killed"] + counts["timeout"]) / scored if scored else 100.0
        summary.append((module, score, counts, time.monotonic() - started))
        print(f"   score {score:.1f}%  killed {counts['killed']} + timeout {counts['timeout']} "
              f"of {scored} (equivalent, not scored: {counts['equivalent']}; errors: {counts['error']})", flush=True)
        for m in survivors:
            print(f"   SURVIVED {m.label}", flush=True)
            if args.equivalent_keys:
                print(f"            key: {m.key}")

    if summary and not args.list:
        print("\nmodule              score   killed/scored  equivalent  time")
        for item in summary:
            if item[1] is None:
                print(f"{item[0]:18}  tests failing before mutation")
                continue
            module, score, counts, seconds = item
            scored = counts["killed"] + counts["timeout"] + counts["survived"] + counts["error"]
            print(f"{module:18} {score:5.1f}%  {counts['killed'] + counts['timeout']:5}/{scored:<6}  "
                  f"{counts['equivalent']:8}  {seconds:5.0f} s")
    if args.json:
        args.json.write_text(json.dumps({"summary": [s for s in summary], "results": results},
                                        ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
