"""The fact vocabulary (rules/facts.yaml): the names, types and questions of facts."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..paths import RULES_DIR
from ..inputs.validation import validate
from ..inputs.yamlio import load_file

_TEXT = {"type": "object", "required": ["ja", "en"], "additionalProperties": False,
         "properties": {"ja": {"type": "string", "minLength": 1}, "en": {"type": "string", "minLength": 1}}}

VOCABULARY_SCHEMA = {
    "type": "object",
    "required": ["facts"],
    "additionalProperties": False,
    "properties": {
        "facts": {
            "type": "object",
            "propertyNames": {"pattern": "^[a-z][a-z0-9_]*$"},
            "additionalProperties": {
                "type": "object",
                "required": ["type", "origin", "description", "question"],
                "additionalProperties": False,
                "properties": {
                    "type": {"enum": ["integer", "number", "boolean", "string"]},
                    "enum": {"type": "array", "items": {"type": "string"}, "minItems": 1},
                    "origin": {"enum": ["knowledge", "profile"]},
                    "settled_by": {"type": "array", "items": {"type": "string"}},
                    "description": _TEXT,
                    "question": _TEXT,
                },
            },
        }
    },
}


@dataclass(frozen=True)
class FactSpec:
    name: str
    type: str
    origin: str
    description: dict
    question: dict
    enum: tuple = ()
    settled_by: tuple = ()

    def accepts(self, value) -> bool:
        """Does ``value`` have this fact's type? (bool is not a number here.)"""
        if self.type == "boolean":
            return isinstance(value, bool)
        if isinstance(value, bool):
            return False
        if self.type == "integer":
            return isinstance(value, int)
        if self.type == "number":
            return isinstance(value, (int, float))
        return isinstance(value, str) and (not self.enum or value in self.enum)


def load_vocabulary(path: Path | None = None) -> dict[str, FactSpec]:
    doc = load_file(path or RULES_DIR / "facts.yaml")
    validate(doc, VOCABULARY_SCHEMA)
    return {
        name: FactSpec(name=name, type=spec["type"], origin=spec["origin"], description=spec["description"],
                       question=spec["question"], enum=tuple(spec.get("enum", ())),
                       settled_by=tuple(spec.get("settled_by", ())))
        for name, spec in doc.data["facts"].items()
    }


@lru_cache(maxsize=1)
def default_vocabulary() -> dict[str, FactSpec]:
    return load_vocabulary()
