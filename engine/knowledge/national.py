"""National cloud figures as one dated series (knowledge/national/cloud_adoption.yaml).

Each release is a set of counts that refer to one date and became public on
another. On ``as_of`` the advice shows the release with the latest reference
date among those published by then; for the same reference date, the later
publication (a revised figure) replaces the earlier (a preliminary one). So a
memo never shows two counts for the same day: before 2017-06-09 the 2016-04-01
count is the preliminary 787, from then on the revised 842 (see the YAML).

Targets are dated by their decision and end dates: the KPI of about 1,000 holds
until the end of FY2017; the 2018-06-15 target applies from its own date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..inputs.validation import validate, validate_cached
from ..inputs.yamlio import load_file

_TEXT = {"type": "object", "required": ["ja", "en"], "additionalProperties": False,
         "properties": {"ja": {"type": "string"}, "en": {"type": "string"}}}
_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_SOURCE = {"type": "object", "required": ["title"], "additionalProperties": False,
           "properties": {"title": {"type": "string"}, "url": {"type": "string"}, "date": {"type": "string"}}}
METRICS = ("any_cloud", "group_cloud", "single_cloud", "groups")
SCHEMA = {
    "type": "object", "required": ["metrics", "releases", "targets"], "additionalProperties": False,
    "properties": {
        "metrics": {"type": "object", "additionalProperties": False,
                    "properties": {name: {"type": "object", "required": ["name", "definition", "unit"],
                                          "additionalProperties": False,
                                          "properties": {"name": _TEXT, "definition": _TEXT, "unit": _TEXT}}
                                   for name in METRICS}},
        "releases": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["refers_to", "published", "status", "figures", "source", "confidence"],
            "additionalProperties": False,
            "properties": {
                "refers_to": _DATE, "refers_to_text": _TEXT, "published": _DATE,
                "published_confidence": {"enum": ["C", "P", "I", "U"]},
                "status": {"enum": ["final", "preliminary", "revised"]},
                "figures": {"type": "object", "minProperties": 1, "additionalProperties": False,
                            "properties": {name: {"type": "integer", "minimum": 0} for name in METRICS}},
                "source": _SOURCE, "confidence": {"enum": ["C", "P", "I", "U"]}, "note": _TEXT,
            }}},
        "targets": {"type": "array", "items": {
            "type": "object", "required": ["metric", "value", "from", "source", "confidence", "text"],
            "additionalProperties": False,
            "properties": {
                "metric": {"enum": list(METRICS)}, "value": {"type": "integer", "minimum": 1},
                "from": _DATE, "to": _DATE, "by": _TEXT, "source": _SOURCE,
                "confidence": {"enum": ["C", "P", "I", "U"]}, "text": _TEXT,
            }}},
    },
}


@dataclass(frozen=True)
class Release:
    refers_to: dt.date
    published: dt.date
    status: str  # final | preliminary | revised
    figures: dict  # metric -> int
    source: dict  # {"title", "url", "date"}
    confidence: str
    published_confidence: str = "C"  # how sure the publication date is
    refers_to_text: dict = field(default_factory=dict)  # when the source names a month, not a day
    note: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Target:
    metric: str
    value: int
    start: dt.date  # decision date
    end: dt.date | None  # last day in force (the target year's end) or None
    by: dict  # {"ja", "en"} the target date as the source words it, or {}
    source: dict
    confidence: str
    text: dict  # {"ja", "en"}

    def in_force(self, as_of: dt.date) -> bool:
        return self.start <= as_of and (self.end is None or as_of <= self.end)


class NationalSeries:
    def __init__(self, path: Path):
        doc = load_file(path, "knowledge/national/" + path.name, cache=True)
        unchecked = validate_cached(doc, SCHEMA)
        try:
            self._build(doc)
        except Exception:
            if unchecked:  # the validation cache vouched for it: give the schema's message instead
                validate(doc, SCHEMA)
            raise

    def _build(self, doc) -> None:
        data = doc.data
        self.metrics: dict = data["metrics"]
        date = dt.date.fromisoformat
        self.releases = sorted(
            (Release(date(r["refers_to"]), date(r["published"]), r["status"], dict(r["figures"]), dict(r["source"]),
                     r["confidence"], r.get("published_confidence", "C"), r.get("refers_to_text", {}),
                     r.get("note", {}))
             for r in data["releases"]), key=lambda r: (r.refers_to, r.published))
        self.targets = [Target(t["metric"], t["value"], date(t["from"]), date(t["to"]) if t.get("to") else None,
                               t.get("by", {}), dict(t["source"]), t["confidence"], t["text"])
                        for t in data["targets"]]
        for index, release in enumerate(self.releases):
            if release.published < release.refers_to:
                raise InputError("公表日が基準日より前です。", "a release is published before the date it refers to",
                                 file=doc.file, line=doc.line_of(("releases", index)), field="published")

    def release_on(self, as_of: dt.date) -> Release | None:
        """The release in force on ``as_of``: latest reference date, then latest publication, among those public."""
        public = [release for release in self.releases if release.published <= as_of]
        return max(public, key=lambda r: (r.refers_to, r.published)) if public else None

    def figure_on(self, metric: str, as_of: dt.date) -> tuple[int, Release] | None:
        """The newest public count of ``metric`` (it may come from an earlier release than ``release_on``)."""
        public = [release for release in self.releases if release.published <= as_of and metric in release.figures]
        if not public:
            return None
        release = max(public, key=lambda r: (r.refers_to, r.published))
        return release.figures[metric], release

    def target_on(self, metric: str, as_of: dt.date) -> Target | None:
        """The target for ``metric`` in force on ``as_of`` (the latest decided), or None."""
        current = [target for target in self.targets if target.metric == metric and target.in_force(as_of)]
        return max(current, key=lambda t: t.start) if current else None
