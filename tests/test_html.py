"""The HTML memo in real headless Chromium: printable A4 pages, nothing wider than the page.

Chromium comes from Debian's `chromium` package (.ci/run installs it). Without it
the test skips with the reason, except in CI (the CI variable is set), where a
missing browser is a failure.
"""

import re
from html.parser import HTMLParser


from jichitai_cloud_advisor.engine.paths import EXAMPLES_DIR, TEMPLATES_DIR
from jichitai_cloud_advisor.engine.documents.render import render_memo

MM_PER_INCH = 25.4
CSS_PX_PER_INCH = 96
MIN_PAGES, MAX_PAGES = 2, 12

# The memo's own screen padding is not part of the printed page: measure without it.
NO_SCREEN_PADDING = "<style>body { padding: 0 !important; margin: 0 !important; max-width: none !important; }</style>"


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


def test_printed_in_chromium_fits_a4(advisor, tmp_path, chromium):
    width = printable_width_px()
    for name, html in memos(advisor):
        page = tmp_path / f"{name}.html"
        page.write_text(html, encoding="utf-8")
        pages = chromium.page_count(chromium.print_pdf(page, tmp_path, name))
        assert MIN_PAGES <= pages <= MAX_PAGES, f"{name}: {pages} pages"

        result = chromium.measure(html, width, tmp_path, name, style=NO_SCREEN_PADDING)
        assert result["width"] <= width
        assert result["scrollWidth"] <= result["width"], f"{name}: page wider than A4: {result}"
        assert result["bad"] == [], f"{name}: overflowing elements: {result['bad']}"
