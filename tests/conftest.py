"""Shared fixtures: one Advisor (knowledge base, rules) per test session, headless Chromium."""

import json
import os
import re
import shutil
import subprocess

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


# --- headless Chromium, shared by the memo and dashboard print tests -------------------

# Appended to a page to measure it in the browser: elements wider than the page, content
# wider than its box, and the size of every SVG chart.
MEASURE = """
<script>
(function () {
  var width = document.documentElement.clientWidth, bad = [], charts = [];
  var all = document.body.querySelectorAll("*");
  for (var i = 0; i < all.length; i++) {
    var el = all[i], box = el.getBoundingClientRect();
    var label = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (typeof el.className === "string" && el.className ? "." + el.className : "");
    if (box.width > 0 && (box.right > width + 0.5 || box.left < -0.5)) bad.push(label + " spans " + Math.round(box.left) + "-" + Math.round(box.right));
    if (/^(TD|TH|P|LI|DIV|SECTION|H1|H2|H3|TABLE|PRE)$/.test(el.tagName) && el.scrollWidth > el.clientWidth + 1)
      bad.push(label + " content " + el.scrollWidth + " > " + el.clientWidth);
  }
  var svgs = document.querySelectorAll("svg");
  for (var j = 0; j < svgs.length; j++) { var b = svgs[j].getBoundingClientRect(); charts.push([Math.round(b.width), Math.round(b.height)]); }
  var out = document.createElement("pre");
  out.id = "measure-result";
  out.textContent = JSON.stringify({width: width, scrollWidth: document.documentElement.scrollWidth, bad: bad.slice(0, 30), charts: charts});
  document.body.appendChild(out);
})();
</script>
"""


class HeadlessChromium:
    def __init__(self, binary: str):
        self.binary = binary

    def run(self, tmp_path, *args) -> str:
        profile = tmp_path / "chromium-profile"
        profile.mkdir(exist_ok=True)
        command = [self.binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                   "--disable-background-networking", "--disable-component-update", "--disable-sync",
                   f"--user-data-dir={profile}", *args]
        result = subprocess.run(command, capture_output=True, text=True, timeout=180)
        assert result.returncode == 0, result.stderr[-2000:]
        return result.stdout

    def print_pdf(self, page, tmp_path, name: str):
        pdf = tmp_path / f"{name}.pdf"
        self.run(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri())
        assert pdf.read_bytes().startswith(b"%PDF"), name
        return pdf

    @staticmethod
    def page_count(pdf) -> int:
        if shutil.which("pdfinfo"):
            info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
            return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
        return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf.read_bytes()))

    def measure(self, html: str, width: int, tmp_path, name: str, style: str = "") -> dict:
        """Lay ``html`` out ``width`` CSS pixels wide and report what overflows."""
        probe = tmp_path / f"{name}-probe.html"
        probe.write_text(html.replace("</body>", style + MEASURE + "</body>"), encoding="utf-8")
        dom = self.run(tmp_path, f"--window-size={width},1200", "--dump-dom", probe.as_uri())
        found = re.search(r'<pre id="measure-result">(.*?)</pre>', dom, re.S)
        assert found, f"{name}: the measuring script did not run"
        return json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&")
                          .replace("&lt;", "<").replace("&gt;", ">"))


@pytest.fixture(scope="session")
def chromium():
    """Headless Chromium; skipped where it is absent, except in CI (.ci/run installs it)."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed, and CI must run the print tests (.ci/run installs it)")
        pytest.skip("chromium is not installed (apt-get install chromium); CI runs this test")
    return HeadlessChromium(found)
