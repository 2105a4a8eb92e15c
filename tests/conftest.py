"""Shared fixtures: one Advisor (knowledge base, rules) per test session, headless Chromium."""

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# The validation cache (engine/inputs/validation_cache.py) of the test run lives in a
# private temporary directory, never in the user's ~/.cache; subprocesses inherit it.
if "ADVISE_CACHE_DIR" not in os.environ:
    import tempfile
    os.environ["ADVISE_CACHE_DIR"] = tempfile.mkdtemp(prefix="advise-test-cache.")

from jichitai_cloud_advisor.engine.advice import Advisor
from jichitai_cloud_advisor.engine.paths import EXAMPLES_DIR


@pytest.fixture(scope="session")
def advisor():
    return Advisor()


@pytest.fixture(scope="session")
def examples():
    return sorted(EXAMPLES_DIR.glob("*.yaml"))


def _support(name: str):
    """A module of tests/support/ (the tests are not a package: --import-mode=importlib)."""
    path = Path(__file__).parent / "support" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"advise_test_support_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def warm_advise(tmp_path_factory):
    """A directory holding an `advise` for shell scripts, served warm (tests/support/advise_forkserver.py).

    Each command is still its own process with the shell's stdin, stdout, stderr, arguments,
    directory, environment and exit status; only the imports are done once, beforehand.
    """
    forkserver = _support("advise_forkserver")
    server_script = Path(forkserver.__file__)
    directory = tmp_path_factory.mktemp("warm-advise")
    sock = directory / "advise.sock"
    server = subprocess.Popen([sys.executable, str(server_script), str(sock)], stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout.readline().strip() == "ready", "the warm advise server did not start"
        shim = directory / "bin" / "advise"
        shim.parent.mkdir()
        expected = {name: os.environ.get(name) for name in forkserver.STARTUP_VARIABLES}
        shim.write_text(forkserver.SHIM.format(python=sys.executable, socket=str(sock), expected=expected,
                                               real=str(Path(sys.executable).with_name("advise"))))
        shim.chmod(0o755)
        yield shim.parent
    finally:
        server.terminate()
        server.wait(timeout=60)


# --- headless Chromium, shared by the memo and dashboard print tests -------------------

@pytest.fixture(scope="session")
def chromium(tmp_path_factory):
    """Headless Chromium (one browser for the session); skipped where it is absent, except in CI
    (.ci/run installs it)."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed, and CI must run the print tests (.ci/run installs it)")
        pytest.skip("chromium is not installed (apt-get install chromium); CI runs this test")
    browser = _support("chromium").HeadlessChromium(found, tmp_path_factory.mktemp("chromium"))
    yield browser
    browser.close()
