"""Read and validate a municipality profile (profile.yaml), the advisor's input.

Only ``code`` is required. Whatever the profile leaves out stays unknown: this
module never fills a default into a local fact (see engine/profile/facts.py for how
public facts come from the knowledge base).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from ..knowledge.base import KnowledgeBase, Municipality
from .schema import PROFILE_SCHEMA
from ..inputs.limits import MAX_PROFILE_NODES
from ..inputs.validation import check_engine_numbers, parse_date, validate
from ..inputs.yamlio import Document, load_file, parse_text, read_stream

STDIN_LABEL = "<stdin>"


@dataclass(frozen=True)
class Profile:
    """A validated profile and the municipality it names."""

    data: dict
    document: Document
    municipality: Municipality
    as_of: dt.date
    sha256: str

    @property
    def file(self) -> str:
        return self.document.file

    def get(self, dotted: str, default: Any = None) -> Any:
        node: Any = self.data
        for part in dotted.split("."):
            if not isinstance(node, dict) or part not in node:
                return default
            node = node[part]
        return node


def read_document(source: str) -> Document:
    """``source`` is a path or "-" for standard input."""
    if source == "-":
        return parse_text(read_stream(sys.stdin.buffer, STDIN_LABEL), STDIN_LABEL, max_nodes=MAX_PROFILE_NODES)
    return load_file(source, max_nodes=MAX_PROFILE_NODES)


def parse_profile(doc: Document, knowledge: KnowledgeBase, as_of: dt.date | None = None,
                  today: dt.date | None = None) -> Profile:
    """Validate ``doc`` and resolve its municipality; ``as_of`` (from --as-of) wins over the profile's."""
    data = doc.data
    if data is None or (isinstance(data, str) and not data.strip()):
        raise InputError(
            "プロファイルが空です。少なくとも `code`（全国地方公共団体コード）を書いてください。",
            "the profile is empty; at least `code` is required", file=doc.file, line=1, field="code",
        )
    if not isinstance(data, dict):
        raise InputError(
            "プロファイルは「項目: 値」の形（YAML のマッピング）で書いてください。",
            "the profile must be a YAML mapping of fields", file=doc.file, line=1,
        )
    if isinstance(data.get("code"), int):
        # An unquoted code loses its leading zero (011002 -> 11002): ask for quotes.
        raise InputError(
            f"`code` は文字列として引用符で囲んでください（例: code: \"{data['code']:06d}\"）。先頭の 0 が失われるためです。",
            "quote `code` as a string so a leading zero is kept", file=doc.file,
            line=doc.line_of(("code",)), field="code",
        )
    validate(doc, PROFILE_SCHEMA)
    check_engine_numbers(doc)
    try:
        municipality = knowledge.get(data["code"])
    except InputError as exc:
        exc.file, exc.line, exc.field = doc.file, doc.line_of(("code",)), "code"
        raise
    seen: dict[str, int] = {}
    for index, neighbour in enumerate(data.get("neighbours") or []):
        where = dict(file=doc.file, line=doc.line_of(("neighbours", index, "code")), field=f"neighbours[{index}].code")
        try:
            code = knowledge.get(neighbour["code"]).code
        except InputError as exc:
            exc.file, exc.line, exc.field = where["file"], where["line"], where["field"]
            raise
        # Itself or twice over, a neighbour made the partner model look for the municipality
        # in its own group (an internal error); say what is wrong instead.
        if code == municipality.code:
            raise InputError("近隣団体に当団体自身が書かれています。", "a neighbour is the municipality itself", **where)
        if code in seen:
            raise InputError(f"近隣団体 {code} が 2 回書かれています（neighbours[{seen[code]}] と同じ）。",
                             f"neighbour {code} is listed twice (as neighbours[{seen[code]}] too)", **where)
        seen[code] = index
    _check_dates(doc)
    if as_of is None:
        as_of = parse_date(data["as_of"], doc, ("as_of",)) if "as_of" in data else (today or dt.date.today())
    digest = hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
    return Profile(data=data, document=doc, municipality=municipality, as_of=as_of, sha256=digest)


def _check_dates(doc: Document) -> None:
    data = doc.data
    places = [("as_of",), ("visit", "date")]
    places += [("systems", i, "contract_end") for i in range(len(data.get("systems") or []))]
    places += [("neighbours", i, "contract_end") for i in range(len(data.get("neighbours") or []))]
    for path in places:
        node: Any = data
        for part in path:
            node = node.get(part) if isinstance(node, dict) else (node[part] if isinstance(node, list) else None)
            if node is None:
                break
        if node is not None:
            parse_date(node, doc, path)


def load_profile(source: str, knowledge: KnowledgeBase, as_of: dt.date | None = None) -> Profile:
    return parse_profile(read_document(source), knowledge, as_of)
