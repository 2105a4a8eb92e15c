"""Bounds on the work one untrusted input may cause, each an error that names itself.

A profile, rule file, parameter file, CSV or template comes from outside; without
bounds a 490-byte YAML file of nested aliases took 3 GB, a rule with ``in:`` of
500 values ran for minutes, and a FIFO in a batch directory hung the run. Each
limit below is generous for real use (the largest real profile is a few kB) and
is reported by name when exceeded, so the user knows which one to respect.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from ..errors import InputError

MAX_FILE_BYTES = 4 * 1024 * 1024      # one YAML/CSV input file (profiles are a few kB)
MAX_YAML_DEPTH = 40                   # nesting of mappings/lists (real rules: < 10)
MAX_YAML_NODES = 200_000              # values in one YAML document (rule and parameter files)
MAX_PROFILE_NODES = 20_000            # values in one profile (200 systems of 8 fields are 1,700)
MAX_IN_VALUES = 300                   # values in one `in:` / `not_in:` list of a rule
# Distinct comparisons durable-rules compiles into one rule set: it hangs for ever once
# a rule set reaches 512 of them (one `in:` of 600 values, or two of 256); the shipped
# rules use about 40.
MAX_ENGINE_ATOMS = 400
MAX_CSV_ROWS = 20_000                 # data rows of a batch CSV (Japan has 1,741 municipalities)
MAX_OUTPUT_BYTES = 64 * 1024 * 1024   # one rendered memo or document
MAX_RENDER_SECONDS = 20.0             # one template render
MAX_BATCH_FILES = 20_000              # profiles in one batch directory

# Dates: the policy era the advisor knows, with room on both sides. Year 1 or 9999
# overflowed the roadmap arithmetic.
DATE_MIN = dt.date(1900, 1, 1)
DATE_MAX = dt.date(2100, 12, 31)

# Numbers that reach durable-rules: its JSON reader rejects exponents ("1e-05",
# "1e+16") and compares integers beyond 64 bits wrongly. Python prints a float with
# an exponent below 1e-4 and from 1e16 on, so numbers are kept within these bounds
# and to at most four decimal places (published indices have two or three).
MAX_ENGINE_MAGNITUDE = 10 ** 15
ENGINE_DECIMALS = 4


def limit_error(name: str, limit: Any, ja: str, en: str, **where) -> InputError:
    """An InputError that names the limit (``limit MAX_YAML_DEPTH=40``)."""
    return InputError(f"{ja}（上限 {name}={limit}）", f"{en} (limit {name}={limit})", **where)


def engine_number_problem(value: Any) -> tuple[str, str] | None:
    """Why ``value`` (a number) cannot go to the rule engines, in (ja, en); None when it can."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return ("数値は有限でなければなりません（NaN や無限大は使えません）。",
                "numbers must be finite (NaN and infinity are not accepted)")
    if abs(value) >= MAX_ENGINE_MAGNITUDE:
        return (f"数値 {value!r} は大きすぎます（絶対値は 10^15 未満）。",
                f"the number {value!r} is too large (its magnitude must be below 10^15)")
    if isinstance(value, float) and round(value, ENGINE_DECIMALS) != value:
        return (f"数値 {value!r} は細かすぎます。小数第{ENGINE_DECIMALS}位までで書いてください。",
                f"the number {value!r} is too fine: use at most {ENGINE_DECIMALS} decimal places")
    return None


def check_date_range(value: dt.date, **where) -> dt.date:
    if not DATE_MIN <= value <= DATE_MAX:
        raise InputError(
            f"日付 {value.isoformat()} は範囲外です（{DATE_MIN.isoformat()} から {DATE_MAX.isoformat()} まで）。",
            f"the date {value.isoformat()} is out of range ({DATE_MIN.isoformat()} to {DATE_MAX.isoformat()})",
            **where)
    return value
