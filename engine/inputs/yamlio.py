"""Safe YAML reading for untrusted files (profiles, rules, parameters, rule tests).

A SafeLoader subclass that
- never constructs Python objects (tags such as ``!!python/object/apply`` are errors),
- rejects duplicate keys (a second ``population:`` must not silently win),
- keeps dates as ISO strings, so a bad date is reported by the schema with its line,
- records the line of every mapping key and sequence item, so that any error
  found later can name the line of the field it is about.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError

Path_ = tuple  # a location inside a document: ("systems", 0, "customization")


@dataclass
class Document:
    """A loaded YAML document and the line of each location in it."""

    data: Any
    file: str
    text: str
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int | None:
        """The line of ``path``, or of its closest enclosing location."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


# libyaml's parser when PyYAML has it (several times faster on the rule files a cold
# `advise` reads); the constructors stay PyYAML's safe ones, so nothing else changes.
_SAFE_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SAFE_BASE):
    """SafeLoader that keeps scalars of dates as strings and marks nodes with lines."""


def _construct_timestamp_as_text(loader: yaml.SafeLoader, node: yaml.Node) -> str:
    return loader.construct_scalar(node)


_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp_as_text)


def _check_duplicates(node: yaml.MappingNode, file: str) -> None:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            continue
        key = key_node.value
        line = key_node.start_mark.line + 1
        if key in seen:
            raise InputError(
                f"キー `{key}` が重複しています ({seen[key]}行目と{line}行目)。後の値で上書きされるのを防ぐため、どちらかを削除してください。",
                f"duplicate key `{key}` (lines {seen[key]} and {line})",
                file=file, line=line, field=str(key),
            )
        seen[key] = line


def _record_lines(node: yaml.Node, path: Path_, lines: dict, file: str) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        _check_duplicates(node, file)
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                child = path + (key_node.value,)
                lines[child] = key_node.start_mark.line + 1
                _record_lines(value_node, child, lines, file)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, path + (index,), lines, file)


def parse_text(text: str, file: str) -> Document:
    """Parse ``text`` safely; any YAML problem becomes an InputError with its line."""
    try:
        loader = _LineLoader(text)
        try:
            node = loader.get_single_node()
            lines: dict[Path_, int] = {}
            if node is not None:
                _record_lines(node, (), lines, file)
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except InputError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or str(exc)
        if isinstance(exc, yaml.constructor.ConstructorError) and "tag" in problem:
            raise InputError(
                f"使用できない YAML タグがあります ({problem.strip()})。プロファイルやルールでは Python オブジェクトなどのタグは受け付けません。",
                f"YAML tags are not accepted: {problem.strip()}",
                file=file, line=line,
            ) from None
        raise InputError(
            f"YAML として読めません: {problem.strip()}",
            f"malformed YAML: {problem.strip()}",
            file=file, line=line,
        ) from None
    except yaml.YAMLError as exc:
        raise InputError(f"YAML として読めません: {exc}", f"malformed YAML: {exc}", file=file) from None
    return Document(data=data, file=file, text=text, lines=lines)


def read_text(path: str | Path, label: str | None = None) -> str:
    """Read a UTF-8 file or raise an InputError that names it."""
    name = label or str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError("ファイルが見つかりません。", "file not found", file=name) from None
    except IsADirectoryError:
        raise InputError("ファイルではなくディレクトリです。", "is a directory, not a file", file=name) from None
    except OSError as exc:
        raise InputError(f"ファイルを読めません: {exc.strerror}", f"cannot read file: {exc.strerror}", file=name) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            "UTF-8 のテキストとして読めません。文字コードを UTF-8 にしてください。",
            f"not UTF-8 text (byte {exc.start})", file=name,
        ) from None


def load_file(path: str | Path, label: str | None = None) -> Document:
    return parse_text(read_text(path, label), label or str(path))


def format_path(path: Path_) -> str:
    """("systems", 0, "customization") -> "systems[0].customization"."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out
