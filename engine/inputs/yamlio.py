"""Safe YAML reading for untrusted files (profiles, rules, parameters, rule tests).

A SafeLoader subclass that
- never constructs Python objects (tags such as ``!!python/object/apply`` are errors),
- rejects duplicate keys (a second ``population:`` must not silently win),
- keeps dates as ISO strings, so a bad date is reported by the schema with its line,
- records the line of every mapping key and sequence item, so that any error
  found later can name the line of the field it is about,
- refuses anchors and aliases (``&a`` / ``*a``): nested aliases expand exponentially
  (490 bytes became 3 GB) and a self-referencing one recursed forever; no profile,
  rule or parameter file needs them,
- bounds the file's size, nesting depth and number of values (engine/inputs/limits.py),
- turns a scalar that its tag cannot construct (``!!int "abc"``) into an error with
  its line.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError
from .limits import MAX_FILE_BYTES, MAX_YAML_DEPTH, MAX_YAML_NODES, limit_error

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


def _guarded(construct):
    """A scalar constructor whose failure (``!!int "abc"``, 5,000 digits) names the node's line."""
    def guarded(loader, node):
        try:
            return construct(loader, node)
        except (ValueError, TypeError, OverflowError, ArithmeticError, IndexError) as exc:  # IndexError: !!int ""
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot read {str(node.value)[:40]!r} as {node.tag.rsplit(':', 1)[-1]}: {exc}",
                node.start_mark) from None
    return guarded


for _tag in ("int", "float", "bool", "null", "binary"):
    _full = f"tag:yaml.org,2002:{_tag}"
    _LineLoader.add_constructor(_full, _guarded(_LineLoader.yaml_constructors[_full]))


def _check_duplicates(node: yaml.MappingNode, file: str, path: Path_ = (), duplicates: list | None = None) -> None:
    """Refuse a repeated key; or, given ``duplicates``, collect each as (field, line) (rules lint)."""
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            continue
        key = key_node.value
        line = key_node.start_mark.line + 1
        if key in seen and duplicates is not None:
            duplicates.append((format_path(path + (key,)), line))
            continue
        if key in seen:
            raise InputError(
                f"キー `{key}` が重複しています ({seen[key]}行目と{line}行目)。後の値で上書きされるのを防ぐため、どちらかを削除してください。",
                f"duplicate key `{key}` (lines {seen[key]} and {line})",
                file=file, line=line, field=str(key),
            )
        seen[key] = line


def _alias_error(file: str, line: int, path: Path_) -> InputError:
    return InputError(
        "YAML のアンカーとエイリアス（&名前 / *名前）は使えません。値をそのまま書いてください。",
        "YAML anchors and aliases (&name / *name) are not accepted; write the value out",
        file=file, line=line, field=format_path(path) or None)


def _record_lines(root: yaml.Node, lines: dict, file: str, duplicates: list | None = None,
                  max_nodes: int = MAX_YAML_NODES) -> None:
    """Record the line of every location; refuse aliases, and bound depth and size.

    Iterative, so a deeply nested document cannot exhaust Python's stack. A node met
    twice is an alias (the composer shares the anchored node), which is refused
    before anything is constructed, so nothing is ever expanded.
    """
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, Path_, int, int]] = [(root, (), 0, root.start_mark.line + 1)]
    count = 0
    while stack:
        node, path, depth, where = stack.pop()
        if id(node) in seen:
            raise _alias_error(file, lines.get(path) or lines.get(path[:-1]) or where, path)
        seen.add(id(node))
        if getattr(node, "anchor", None):  # CSafeLoader does not keep it; the pure loader does
            raise _alias_error(file, node.start_mark.line + 1, path)
        count += 1
        if count > max_nodes:
            name = "MAX_YAML_NODES" if max_nodes == MAX_YAML_NODES else "MAX_PROFILE_NODES"
            raise limit_error(name, max_nodes, "値の数が多すぎます。", "too many values in the document",
                              file=file, line=node.start_mark.line + 1, field=format_path(path) or None)
        if depth > MAX_YAML_DEPTH:
            raise limit_error("MAX_YAML_DEPTH", MAX_YAML_DEPTH, "入れ子が深すぎます。", "nested too deeply",
                              file=file, line=node.start_mark.line + 1, field=format_path(path) or None)
        lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            _check_duplicates(node, file, path, duplicates)
            for key_node, value_node in reversed(node.value):
                key_line = key_node.start_mark.line + 1
                if isinstance(key_node, yaml.ScalarNode):
                    child = path + (key_node.value,)
                    lines[child] = key_line
                else:
                    child = path + ("?",)
                    stack.append((key_node, child, depth + 1, key_line))
                stack.append((value_node, child, depth + 1, key_line))
        elif isinstance(node, yaml.SequenceNode):
            for index in range(len(node.value) - 1, -1, -1):
                item = node.value[index]
                stack.append((item, path + (index,), depth + 1, item.start_mark.line + 1))


def parse_text(text: str, file: str, duplicates: list | None = None, max_nodes: int = MAX_YAML_NODES) -> Document:
    """Parse ``text`` safely; any YAML problem becomes an InputError with its line.

    With ``duplicates`` (a list), repeated keys are collected there instead of refused.
    """
    if len(text) > MAX_FILE_BYTES:
        raise limit_error("MAX_FILE_BYTES", MAX_FILE_BYTES, "入力が大きすぎます。", "the input is too large", file=file)
    lines: dict[Path_, int] = {}
    try:
        loader = _LineLoader(text)
        try:
            node = loader.get_single_node()
            if node is not None:
                _record_lines(node, lines, file, duplicates, max_nodes)
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
            file=file, line=line, field=_field_at(lines, line),
        ) from None
    except yaml.YAMLError as exc:
        raise InputError(f"YAML として読めません: {exc}", f"malformed YAML: {exc}", file=file) from None
    except RecursionError:  # libyaml's own parser on pathological nesting: still bad input
        raise limit_error("MAX_YAML_DEPTH", MAX_YAML_DEPTH, "入れ子が深すぎます。", "nested too deeply",
                          file=file) from None
    return Document(data=data, file=file, text=text, lines=lines)


def _field_at(lines: dict, line: int | None) -> str | None:
    """The deepest location recorded on ``line``, to name the field of a YAML error."""
    if line is None:
        return None
    found = [path for path, at in lines.items() if at == line]
    return format_path(max(found, key=len)) or None if found else None


def read_bytes(path: str | Path, label: str | None = None, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file, at most ``limit`` of them, or an InputError that names it.

    A FIFO would block for ever and a device (a symlink to /dev/zero) would fill
    memory, so only regular files are read, and never more than the limit.
    """
    name = label or str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError("ファイルが見つかりません。", "file not found", file=name) from None
    except OSError as exc:
        raise InputError(f"ファイルを読めません: {exc.strerror}", f"cannot read file: {exc.strerror}", file=name) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError("ファイルではなくディレクトリです。", "is a directory, not a file", file=name)
    if not stat.S_ISREG(info.st_mode):
        raise InputError("通常のファイルではありません（FIFO やデバイスは読みません）。",
                         "not a regular file (FIFOs and devices are not read)", file=name)
    if info.st_size > limit:
        raise limit_error("MAX_FILE_BYTES", limit, "ファイルが大きすぎます。", "the file is too large", file=name)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as exc:
        raise InputError(f"ファイルを読めません: {exc.strerror}", f"cannot read file: {exc.strerror}", file=name) from None
    if len(raw) > limit:  # grew while being read
        raise limit_error("MAX_FILE_BYTES", limit, "ファイルが大きすぎます。", "the file is too large", file=name)
    return raw


def decode_utf8(raw: bytes, name: str) -> str:
    """UTF-8 text (a BOM is dropped), or an InputError naming the line of the first bad byte."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise InputError(
            "UTF-8 のテキストとして読めません。文字コードを UTF-8 にしてください。",
            f"not UTF-8 text (byte {exc.start}); save the file as UTF-8", file=name, line=line,
        ) from None


def read_text(path: str | Path, label: str | None = None) -> str:
    """Read a UTF-8 regular file or raise an InputError that names it."""
    return decode_utf8(read_bytes(path, label), label or str(path))


def read_stream(stream, name: str, limit: int = MAX_FILE_BYTES) -> str:
    """Standard input as UTF-8, bounded like a file."""
    raw = stream.read(limit + 1)
    if len(raw) > limit:
        raise limit_error("MAX_FILE_BYTES", limit, "入力が大きすぎます。", "the input is too large", file=name)
    return decode_utf8(raw, name)


def load_file(path: str | Path, label: str | None = None, max_nodes: int = MAX_YAML_NODES,
              cache: bool = False) -> Document:
    """Read and parse a YAML file. ``cache``: reuse the parse of an unchanged file from an
    earlier run (engine/inputs/parse_cache.py; rule, vocabulary and parameter files)."""
    text = read_text(path, label)
    name = label or str(path)
    if cache:
        from . import parse_cache
        found = parse_cache.recall(text, max_nodes)
        if found is not None:
            return Document(data=found[0], file=name, text=text, lines=found[1])
        doc = parse_text(text, name, max_nodes=max_nodes)
        parse_cache.remember(text, max_nodes, doc.data, doc.lines)
        return doc
    return parse_text(text, name, max_nodes=max_nodes)


def format_path(path: Path_) -> str:
    """("systems", 0, "customization") -> "systems[0].customization"."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out
