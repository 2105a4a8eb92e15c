"""Profiles from a CSV with one row per municipality (the lists offices keep).

The header names profile fields: ``code`` (required) and any other field of the
profile as a dotted name (``cloud.status``, ``costs.it_operating``,
``staff.cloud_experience``). List fields (``systems``, ``neighbours``) cannot
be written in a CSV: use YAML profiles for them. A cell is converted to the
type the profile schema asks for (``1,200,000`` → integer, ``true``/``はい`` →
boolean); an empty cell leaves the field unknown. Each row is then validated
exactly as a YAML profile is (engine/profile/loader.py), and its errors name the CSV
file, the row's line and the field. A bad row is reported and the others go on;
a bad header stops the run, since no row could be read correctly.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError
from ..profile.schema import PROFILE_SCHEMA
from ..inputs.validation import did_you_mean
from ..inputs.limits import MAX_CSV_ROWS, limit_error
from ..inputs.yamlio import read_bytes

ENCODINGS = ("auto", "utf-8", "cp932")
_HALF_WIDTH_KANA = re.compile(r"[\uff61-\uff9f]")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


_TRIED = {"utf-8": ("UTF-8 として", "UTF-8"), "cp932": ("cp932 (Shift_JIS) として", "cp932 (Shift_JIS)"),
          "auto": ("UTF-8 としても cp932 (Shift_JIS) としても", "UTF-8 or cp932 (Shift_JIS)")}


def _bad_bytes(raw: bytes, encoding: str, file: str, exc: UnicodeDecodeError) -> InputError:
    line = raw[:exc.start].count(b"\n") + 1
    tried_ja, tried_en = _TRIED[encoding]
    return InputError(
        f"{tried_ja}読めない文字があります（{exc.start} バイト目）。Excel では「CSV UTF-8（コンマ区切り）」で保存し直すか、"
        "Shift_JIS（cp932）の CSV なら --encoding cp932 を指定してください。",
        f"bytes that are not {tried_en} (byte {exc.start}); save from Excel as \"CSV UTF-8 (comma delimited)\", "
        "or give --encoding cp932 for a Shift_JIS (cp932) CSV", file=file, line=line)


def decode_csv(raw: bytes, file: str, encoding: str = "auto") -> tuple[str, str]:
    """(text, encoding used). Excel on Japanese Windows saves CSV in cp932 (Shift_JIS): with
    ``auto``, UTF-8 is tried first and cp932 second, and cp932 is only believed when the
    text reads as Japanese (EUC-JP or Latin-1 bytes decode as cp932 to a run of half-width kana)."""
    if encoding not in ENCODINGS:
        raise InputError(f"文字コード {encoding!r} には対応していません（{', '.join(ENCODINGS)}）。",
                         f"unsupported encoding {encoding!r} ({', '.join(ENCODINGS)})", field="--encoding")
    if encoding in ("auto", "utf-8"):
        try:
            return raw.decode("utf-8-sig"), "utf-8"
        except UnicodeDecodeError as exc:
            if encoding == "utf-8":
                raise _bad_bytes(raw, encoding, file, exc) from None
            first_error = exc
    try:
        text = raw.decode("cp932")
    except UnicodeDecodeError as exc:
        if encoding == "cp932":
            raise _bad_bytes(raw, encoding, file, exc) from None
        raise _bad_bytes(raw, encoding, file, first_error) from None
    if encoding == "auto" and len(_HALF_WIDTH_KANA.findall(text)) > len(_JAPANESE.findall(text)):
        raise _bad_bytes(raw, encoding, file, first_error)
    return text, "cp932"

TRUE_WORDS = {"true", "yes", "y", "1", "はい", "有", "あり", "○"}
FALSE_WORDS = {"false", "no", "n", "0", "いいえ", "無", "なし", "×"}
_INTEGER = re.compile(r"^-?\d+$")
_NUMBER = re.compile(r"^-?(\d+(\.\d*)?|\.\d+)$")


def _leaf_fields(schema: dict, prefix: str = "") -> tuple[dict[str, dict], set[str]]:
    """{dotted name: leaf schema} for every scalar field, and the names of list fields."""
    leaves: dict[str, dict] = {}
    lists: set[str] = set()
    for name, spec in schema.get("properties", {}).items():
        dotted = f"{prefix}{name}"
        if spec.get("type") == "object":
            sub_leaves, sub_lists = _leaf_fields(spec, dotted + ".")
            leaves.update(sub_leaves)
            lists |= sub_lists
        elif spec.get("type") == "array":
            lists.add(dotted)
        else:
            leaves[dotted] = spec
    return leaves, lists


def _types(spec: dict) -> set[str]:
    kind = spec.get("type")
    if kind is None and "enum" in spec:
        return {"string"}
    return set(kind) if isinstance(kind, list) else {kind}


def convert_cell(text: str, spec: dict) -> Any:
    """The cell as the schema's type; a cell that does not convert stays text, so validation names it."""
    value = text.strip()
    types = _types(spec)
    plain = unicodedata.normalize("NFKC", value).replace(",", "").replace("_", "").strip()
    if "integer" in types and _INTEGER.match(plain):
        return int(plain)
    if "number" in types and _NUMBER.match(plain):
        number = float(plain)
        return int(number) if number.is_integer() and "integer" in types else number
    if "boolean" in types:
        word = plain.lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
    if "enum" in spec and plain in spec["enum"]:
        return plain
    return value


def _check_header(header: list[str], file: str) -> tuple[list[str], dict[str, dict]]:
    leaves, lists = _leaf_fields(PROFILE_SCHEMA)
    names = [unicodedata.normalize("NFKC", h).strip() for h in header]
    if "code" not in names:
        raise InputError("CSV の見出し行に `code` 列がありません。", "the CSV header has no `code` column",
                         file=file, line=1, field="code")
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise InputError(f"列 `{name}` が 2 回あります。", f"column `{name}` appears twice",
                             file=file, line=1, field=name)
        seen.add(name)
        if name in lists or any(name.startswith(f"{field}.") or name.startswith(f"{field}[") for field in lists):
            raise InputError(
                f"列 `{name}` はリストの項目で、CSV では書けません。systems や neighbours は YAML のプロファイルに書いてください。",
                f"column `{name}` is a list field, which a CSV cannot hold; write systems and neighbours in YAML profiles",
                file=file, line=1, field=name)
        if name not in leaves:
            hint = did_you_mean(name, leaves)
            raise InputError(
                f"未知の列 `{name}` があります。" + (f" `{hint}` の誤りではありませんか。" if hint else "")
                + f" 使える列: {', '.join(sorted(leaves))}",
                f"unknown column `{name}`" + (f"; did you mean `{hint}`?" if hint else ""),
                file=file, line=1, field=name)
    return names, leaves


def _nest(row: dict[str, Any]) -> dict:
    data: dict = {}
    for dotted, value in row.items():
        node = data
        *parents, last = dotted.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = value
    return data


def read_profile_rows(path: str | Path, encoding: str = "auto"):
    """One BatchItem per data row of the CSV at ``path`` (UTF-8, or Excel's cp932: see decode_csv)."""
    from .runner import BatchItem
    file = str(path)
    text, _ = decode_csv(read_bytes(path), file, encoding)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise InputError("CSV が空です。", "the CSV is empty", file=file, line=1) from None
    except csv.Error as exc:
        raise InputError(f"CSV として読めません: {exc}", f"malformed CSV: {exc}", file=file, line=1) from None
    names, leaves = _check_header(header, file)
    items = []
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise InputError(f"CSV として読めません: {exc}", f"malformed CSV: {exc}", file=file,
                             line=reader.line_num) from None
        line = reader.line_num
        label = f"{file}:{line}"
        if not any(cell.strip() for cell in cells):
            continue  # a blank line
        order = len(items)
        if order >= MAX_CSV_ROWS:
            raise limit_error("MAX_CSV_ROWS", MAX_CSV_ROWS, "CSV の行が多すぎます。", "too many rows in the CSV",
                              file=file, line=line)
        if len(cells) > len(names):
            items.append(BatchItem(order=order, label=label, error=str(InputError(
                f"この行は見出しより列が多くなっています（{len(cells)} 列、見出しは {len(names)} 列）。",
                f"the row has {len(cells)} cells but the header has {len(names)}", file=file, line=line))))
            continue
        row = {name: convert_cell(cell, leaves[name]) if name != "code" else cell.strip()
               for name, cell in zip(names, cells) if cell.strip()}
        data = _nest(row)
        items.append(BatchItem(order=order, label=label, data=data, file=file, line=line,
                               text=yaml.safe_dump(data, allow_unicode=True, sort_keys=True)))
    if not items:
        raise InputError("CSV にデータの行がありません。", "the CSV has no data rows", file=file, line=2)
    return items
