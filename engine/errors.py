"""Errors that reach the user as a clear message and exit status 2.

Every bad input (profile, rule file, parameter file, option) becomes an
``InputError`` naming the file, the line and the field, in Japanese first and
English beside it. The CLI prints ``str(error)`` and never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class InputError(Exception):
    """Bad input from the user: exit status 2."""

    message_ja: str
    message_en: str = ""
    file: str | None = None
    line: int | None = None
    field: str | None = None

    def where(self) -> str:
        parts = []
        if self.file:
            parts.append(str(self.file))
        if self.line:
            parts.append(f"{self.line}行目 (line {self.line})")
        if self.field:
            parts.append(f"項目 `{self.field}` (field)")
        return ", ".join(parts)

    def __str__(self) -> str:
        head = self.where()
        text = self.message_ja
        if self.message_en:
            text += f" / {self.message_en}"
        return f"{head}: {text}" if head else text


class LookupInputError(InputError):
    """A municipality code or name that the knowledge base cannot resolve."""
