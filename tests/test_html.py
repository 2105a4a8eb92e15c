"""The HTML memo in real headless Chromium: printable A4 pages, nothing wider than the page.

Chromium comes from Debian's `chromium` package (.ci/run installs it). Without it
the test skips with the reason, except in CI (the CI variable is set), where a
missing browser is a failure.
"""

import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from jichitai_cloud_advisor.engine.paths import EXAMPLES_DIR, TEMPLATES_DIR
from jichitai_cloud_advisor.engine.render import render_memo

MM_PER_INCH = 25.4
CSS_PX_PER_INCH = 96
MIN_PAGES, MAX_PAGES = 2, 12

MEASURE = """
<style>body { padding: 0 !important; margin: 0 !important; max-width: none !important; }</style>
<script>
(function () {
  var width = document.documentElement.clientWidth, bad = [];
  var blocks = document.body.querySelectorAll("*");
  for (var i = 0; i < blocks.length; i++) {
    var el = blocks[i], box = el.getBoundingClientRect();
    var label = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className ? "." + el.className : "");
    if (box.width > 0 && (box.right > width + 0.5 || box.left < -0.5)) bad.push(label + " spans " + Math.round(box.left) + "-" + Math.round(box.right));
    if (/^(TD|TH|P|LI|DIV|SECTION|H1|H2|H3|TABLE|PRE)$/.test(el.tagName) && el.scrollWidth > el.clientWidth + 1)
      bad.push(label + " content " + el.scrollWidth + " > " + el.clientWidth);
  }
  var out = document.createElement("pre");
  out.id = "overflow-result";
  out.textContent = JSON.stringify({width: width, scrollWidth: document.documentElement.scrollWidth, bad: bad.slice(0, 30)});
  document.body.appendChild(out);
})();
</script>
"""


def chromium_binary():
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("chromium is not installed, and CI must run the HTML test (.ci/run installs it)")
    pytest.skip("chromium is not installed (apt-get install chromium); CI runs this test")


def chromium(binary, tmp_path, *args):
    profile = tmp_path / "chromium-profile"
    profile.mkdir(exist_ok=True)
    command = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               f"--user-data-dir={profile}", *args]
    result = subprocess.run(command, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def page_count(pdf):
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf.read_bytes()))


def printable_width_px():
    """A4 width less the @page side margins of memo.css, in CSS pixels."""
    css = (TEMPLATES_DIR / "memo.css").read_text(encoding="utf-8")
    margins = re.search(r"@page\s*\{[^}]*margin:\s*([\d.]+)mm\s+([\d.]+)mm\s+([\d.]+)mm\s+([\d.]+)mm", css)
    right, left = float(margins.group(2)), float(margins.group(4))
    return int((210 - left - right) / MM_PER_INCH * CSS_PX_PER_INCH)


class _External(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("src", "href") and value and not value.startswith("#"):
                self.found.append((tag, name, value))
        if tag in ("script", "link", "iframe", "img"):
            self.found.append((tag, "", ""))


def memos(advisor):
    for example in sorted(EXAMPLES_DIR.glob("*.yaml")):
        advice = advisor.advise(advisor.load(str(example)))
        for lang in ("ja", "en"):
            yield f"{example.stem}-{lang}", render_memo(advice, advisor, lang, "html")


def test_html_is_self_contained(advisor):
    for name, html in memos(advisor):
        parser = _External()
        parser.feed(html)
        assert parser.found == [], name
        assert "@import" not in html and not re.search(r"url\(\s*['\"]?(?!#)", html), name  # url(#id) is local


def test_printed_in_chromium_fits_a4(advisor, tmp_path):
    binary = chromium_binary()
    width = printable_width_px()
    for name, html in memos(advisor):
        page = tmp_path / f"{name}.html"
        page.write_text(html, encoding="utf-8")
        pdf = tmp_path / f"{name}.pdf"
        chromium(binary, tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri())
        pages = page_count(pdf)
        assert MIN_PAGES <= pages <= MAX_PAGES, f"{name}: {pages} pages"

        probe = tmp_path / f"{name}-probe.html"
        probe.write_text(html.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
        dom = chromium(binary, tmp_path, f"--window-size={width},1200", "--dump-dom", probe.as_uri())
        found = re.search(r'<pre id="overflow-result">(.*?)</pre>', dom, re.S)
        assert found, f"{name}: the measuring script did not run"
        result = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&")
                            .replace("&lt;", "<").replace("&gt;", ">"))
        assert result["width"] <= width
        assert result["scrollWidth"] <= result["width"], f"{name}: page wider than A4: {result}"
        assert result["bad"] == [], f"{name}: overflowing elements: {result['bad']}"
