"""財政力指数 as available on a date.

The history file holds FY2017–FY2021 (総務省「地方公共団体の主要財政指標一覧」).
A fiscal year's index is published after the year ends; on ``as_of`` the advice
uses the latest year whose index was public by then. When the publication is,
is not stated in any source the project holds: the lag is the dated parameter
``knowledge.fiscal_index_published_months_after_fy_end`` (knowledge/parameters/
knowledge.yaml, confidence I), read here once. With the shipped 12 months, FY N
(ending N+1-03-31) counts as available from N+2-04-01.

When ``as_of`` is before the earliest year was available, the earliest year is
used and marked ``hindsight`` with a visible note; when a later year should be
available but is not in the file, the latest year in the file is used and the
note says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .dates import add_months, day_text, fiscal_year_of

LAG_PARAMETER = "knowledge.fiscal_index_published_months_after_fy_end"


@dataclass(frozen=True)
class FiscalFact:
    fiscal_year: int
    value: float
    available: dt.date  # the date this year's index is taken as public
    hindsight: bool = False
    note: dict = field(default_factory=dict)  # {"ja", "en"}; empty when nothing needs saying

    def label(self, lang: str = "ja") -> str:
        return f"{self.fiscal_year}年度" if lang == "ja" else f"FY{self.fiscal_year}"


def available_from(fiscal_year: int, lag_months: int) -> dt.date:
    """The first day FY ``fiscal_year``'s index counts as published."""
    year_end = dt.date(fiscal_year + 1, 3, 31)
    return add_months(year_end, lag_months) + dt.timedelta(days=1)


def fiscal_fact(history: dict[int, float], as_of: dt.date, lag_months: int) -> FiscalFact | None:
    """From {fiscal year: index} of one municipality, the index in force on ``as_of``."""
    if not history:
        return None
    years = sorted(history)
    public = [year for year in years if available_from(year, lag_months) <= as_of]
    # The newest year that would be public on as_of if the file had it.
    newest = fiscal_year_of(as_of) - 1
    while available_from(newest, lag_months) > as_of:
        newest -= 1
    if not public:
        year = years[0]
        since = available_from(year, lag_months)
        note = {"ja": f"基準日に公表済みの年度のデータが知識ベースにないため、最も古い{year}年度の値"
                      f"（{day_text(since, 'ja')}以降に公表）を後知恵として用いた",
                "en": f"no year published by the advice date is in the knowledge base; the earliest, FY{year} "
                      f"(public from {day_text(since, 'en')}), is used as hindsight"}
        return FiscalFact(year, history[year], available_from(year, lag_months), True, note)
    year = public[-1]
    note = {}
    if year < newest:
        note = {"ja": f"{newest}年度の値は知識ベースにないため、入手できる最新の{year}年度の値を用いた",
                "en": f"FY{newest} is not in the knowledge base; the latest available, FY{year}, is used"}
    return FiscalFact(year, history[year], available_from(year, lag_months), False, note)
