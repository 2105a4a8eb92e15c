"""The table an office opens: one row per municipality, UTF-8 CSV with a BOM (Excel reads it as UTF-8).

Columns: code, prefecture, name, cloud status, population and its census year,
the memo's asks (本日のお願い, up to three), the 特別交付税 total of the amounts
that could be computed (blank when none could) and how many items that may apply
could not be computed (eligibility undetermined, or cost unknown), and
how many rules are undetermined for lack of facts. An input that could not be
advised has a row too, with its error, so every input is accounted for.
"""

from __future__ import annotations

import csv
import io

from .summary import STATUS_NAMES

MAX_ASKS = 3
BOM = "\ufeff"

HEADERS = {
    "ja": ["団体コード", "都道府県", "団体名", "クラウド導入状況", "人口", "人口の調査年（国勢調査）",
           *[f"お願い{n}" for n in range(1, MAX_ASKS + 1)],
           "特別交付税の試算額（円、試算できた項目の合計）", "試算できない項目数（該当未確定・経費不明）", "未確定のルール数",
           "備考"],
    "en": ["code", "prefecture", "municipality", "cloud status", "population", "census year",
           *[f"ask {n}" for n in range(1, MAX_ASKS + 1)],
           "special grant estimate (yen, items that could be computed)",
           "items not computed (eligibility or cost unknown)",
           "undetermined rules", "note"],
}
ERROR_STATUS = {"ja": "入力エラー", "en": "input error"}
DEFECT_STATUS = {"ja": "内部エラー", "en": "internal error"}


def _row(record: dict, lang: str) -> list:
    asks = list(record.get("asks") or [])[:MAX_ASKS]
    computed = [int(amount) for _, eligible, amount in record["grants"] if eligible and amount is not None]
    # An item that may apply but has no amount: eligibility undetermined, or eligible with its cost unknown.
    not_computed = sum(1 for _, eligible, amount in record["grants"]
                       if eligible is None or (eligible and amount is None))
    return [record["code"], record["prefecture"], record["name"],
            STATUS_NAMES[record["cloud_status"] or "unknown"][lang],
            record["population"] if record["population"] is not None else "",
            record.get("population_year") or "",
            *asks, *[""] * (MAX_ASKS - len(asks)),
            sum(computed) if computed else "", not_computed, record["undetermined_rules"], ""]


def office_table(records: list[dict], failures: list, lang: str = "ja") -> str:
    """The CSV text, BOM first; ``records`` in code order, then one row per failure (its source and error)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # CRLF: what Excel writes and expects
    writer.writerow(HEADERS[lang])
    for record in records:
        writer.writerow(_row(record, lang))
    for failure in failures:
        status = (ERROR_STATUS if failure.bad_input else DEFECT_STATUS)[lang]
        writer.writerow(["", "", failure.label, status, "", "", *[""] * MAX_ASKS, "", "", "", failure.error])
    return BOM + out.getvalue()
