"""Headless Chromium for the print tests: one browser per test session, driven over its
DevTools pipe (``--remote-debugging-pipe``: JSON messages ending in NUL on fds 3 and 4).

A fresh ``chromium --print-to-pdf`` or ``--dump-dom`` costs about 1.5 s, most of it
starting the browser and loading the CJK fonts; the tests need a dozen pages. One browser
opens each page in its own window of the asked size (as ``--window-size`` would), waits for
the load event, then prints it with the options ``--print-to-pdf --no-pdf-header-footer``
uses (background printed, the CSS page size, no header or footer) or reads its DOM as
``--dump-dom`` prints it (the doctype and ``document.documentElement.outerHTML``).
"""

import base64
import fcntl
import json
import os
import re
import select
import shutil
import subprocess
import time

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TIMEOUT = 180  # seconds for one answer: the machine may be loaded

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


# What --dump-dom prints: the doctype, a line break, the serialised document.
DUMP_DOM = """(document.doctype ? new XMLSerializer().serializeToString(document.doctype) + "\\n" : "")
              + document.documentElement.outerHTML"""


class DevToolsPipe:
    """One Chromium process and the two pipes of its DevTools protocol."""

    def __init__(self, binary: str, profile, log):
        to_browser, self._commands = os.pipe()
        self._answers, from_browser = os.pipe()
        # Out of the way of 3 and 4 before the child's dup2 (and closed in it on exec).
        ends = [fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10) for fd in (to_browser, from_browser)]
        os.close(to_browser)
        os.close(from_browser)
        actions = [(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                   (os.POSIX_SPAWN_OPEN, 1, str(log), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644),
                   (os.POSIX_SPAWN_DUP2, 1, 2),
                   (os.POSIX_SPAWN_DUP2, ends[0], 3), (os.POSIX_SPAWN_DUP2, ends[1], 4)]
        argv = [binary, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe", "about:blank"]
        # posix_spawn, not fork + exec from Python: the test process runs threads (durable-rules).
        self.pid = os.posix_spawn(binary, argv, os.environ, file_actions=actions)
        for fd in ends:
            os.close(fd)
        self.log = log
        self._buffer, self._last_id, self._events = b"", 0, []

    def _read(self) -> dict:
        deadline = time.monotonic() + TIMEOUT
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._answers], [], [], left)[0]:
                raise TimeoutError(f"Chromium did not answer in {TIMEOUT} s (log: {self.log})")
            chunk = os.read(self._answers, 1 << 20)
            if not chunk:
                raise EOFError(f"Chromium closed its DevTools pipe (log: {self.log})")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self._last_id += 1
        message = {"id": self._last_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        while data:
            data = data[os.write(self._commands, data):]
        while True:
            answer = self._read()
            if answer.get("id") == self._last_id:
                if "error" in answer:
                    raise RuntimeError(f"Chromium: {method}: {answer['error']}")
                return answer["result"]
            self._events.append(answer)

    def wait_for(self, event: str, session: str) -> dict:
        while True:
            for i, seen in enumerate(self._events):
                if seen.get("method") == event and seen.get("sessionId") == session:
                    return self._events.pop(i)
            self._events.append(self._read())

    def close(self):
        try:
            self.call("Browser.close")
        except (EOFError, TimeoutError, OSError, RuntimeError):
            os.kill(self.pid, 9)
        os.waitpid(self.pid, 0)
        os.close(self._commands)
        os.close(self._answers)


class HeadlessChromium:
    def __init__(self, binary: str, workdir):
        self.binary = binary
        self.workdir = workdir
        self._browser = None

    def close(self):
        if self._browser is not None:
            self._browser.close()
            self._browser = None

    def run(self, tmp_path, *args) -> str:
        """A Chromium process of its own, with these command-line arguments; its standard output."""
        profile = tmp_path / "chromium-profile"
        profile.mkdir(exist_ok=True)
        command = [self.binary, *FLAGS, f"--user-data-dir={profile}", *args]
        result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
        assert result.returncode == 0, result.stderr[-2000:]
        return result.stdout

    def _page(self, path, width: int, height: int):
        """Open a file in a new window of the session's browser; (window id, session id) once it has loaded."""
        if self._browser is None:
            (self.workdir / "profile").mkdir(exist_ok=True)
            self._browser = DevToolsPipe(self.binary, self.workdir / "profile", self.workdir / "chromium.log")
        browser = self._browser
        target = browser.call("Target.createTarget", {"url": "about:blank", "newWindow": True,
                                                      "width": width, "height": height})["targetId"]
        session = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        browser.call("Page.enable", session=session)
        browser.call("Page.navigate", {"url": path.as_uri()}, session=session)
        loaded = f"document.readyState === 'complete' && location.href === {json.dumps(path.as_uri())}"
        while True:  # a load event of the blank page the window opened with is not this page's
            browser.wait_for("Page.loadEventFired", session)
            if browser.call("Runtime.evaluate", {"expression": loaded, "returnByValue": True},
                            session=session)["result"]["value"]:
                return target, session

    def _close_page(self, target):
        self._browser.call("Target.closeTarget", {"targetId": target})
        self._browser._events.clear()

    def print_pdf(self, page, tmp_path, name: str):
        """``chromium --print-to-pdf --no-pdf-header-footer PAGE`` (the headless default window, 800×600)."""
        pdf = tmp_path / f"{name}.pdf"
        target, session = self._page(page, 800, 600)
        try:
            data = self._browser.call("Page.printToPDF", {"printBackground": True, "preferCSSPageSize": True,
                                                          "displayHeaderFooter": False}, session=session)["data"]
        finally:
            self._close_page(target)
        pdf.write_bytes(base64.b64decode(data))
        assert pdf.read_bytes().startswith(b"%PDF"), name
        return pdf

    def dump_dom(self, page, width: int, height: int = 1200) -> str:
        """``chromium --window-size=WIDTH,HEIGHT --dump-dom PAGE``: the DOM after the page has loaded."""
        target, session = self._page(page, width, height)
        try:
            return self._browser.call("Runtime.evaluate", {"expression": DUMP_DOM, "returnByValue": True},
                                      session=session)["result"]["value"] + "\n"
        finally:
            self._close_page(target)

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
        dom = self.dump_dom(probe, width, 1200)
        found = re.search(r'<pre id="measure-result">(.*?)</pre>', dom, re.S)
        assert found, f"{name}: the measuring script did not run"
        return json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&")
                          .replace("&lt;", "<").replace("&gt;", ">"))
