"""Population by census, as known on a date.

Two censuses are in the knowledge base (knowledge/PROVENANCE.md): 平成27年国勢調査
(2015-10-01; final figures 確定 published 2016-10-26) and 令和2年国勢調査
(2020-10-01; 確定 published 2021-11-30). On ``as_of`` the advice uses the latest
census whose final figures were published by then.

Before 2016-10-26 no census in the knowledge base had been published (the 2010
census, which was, is not in it). Decision: use the 2015 figure anyway, marked
``hindsight`` with a note, rather than no population at all (every size rule
would then be undetermined) or the 2020 figure (further from the truth of the
time). The 2015 figure is the nearest in time to any date before 2016, and from
2016-02-26 its preliminary (速報) version was already public.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .dates import day_text


@dataclass(frozen=True)
class Census:
    year: int
    taken: dt.date  # 調査期日
    preliminary_published: dt.date  # 速報
    published: dt.date  # 確定 (final figures)
    source: dict  # {"ja": …, "en": …}


CENSUSES = (
    Census(2015, dt.date(2015, 10, 1), dt.date(2016, 2, 26), dt.date(2016, 10, 26),
           {"ja": "総務省統計局『平成27年国勢調査』（SSDSE 2018年版）",
            "en": "Statistics Bureau, 2015 Population Census (SSDSE 2018 edition)"}),
    Census(2020, dt.date(2020, 10, 1), dt.date(2021, 6, 25), dt.date(2021, 11, 30),
           {"ja": "総務省統計局『令和2年国勢調査』（SSDSE-A-2025）",
            "en": "Statistics Bureau, 2020 Population Census (SSDSE-A-2025)"}),
)


@dataclass(frozen=True)
class PopulationFact:
    value: int
    census_year: int
    published: dt.date  # when the census's final figures were published
    hindsight: bool = False  # published after the advice date
    note: dict = field(default_factory=dict)  # {"ja", "en"}; empty when nothing needs saying
    source: dict = field(default_factory=dict)

    def label(self, lang: str = "ja") -> str:
        """'2015年国勢調査' / '2015 census'."""
        return f"{self.census_year}年国勢調査" if lang == "ja" else f"{self.census_year} census"


def census_on(as_of: dt.date) -> tuple[Census, bool]:
    """The census in force on ``as_of`` and whether using it is hindsight."""
    published = [census for census in CENSUSES if census.published <= as_of]
    if published:
        return published[-1], False
    return CENSUSES[0], True


def population_fact(values: dict[int, int | None], as_of: dt.date) -> PopulationFact | None:
    """From {census year: population} of one municipality, the fact in force on ``as_of``."""
    census, hindsight = census_on(as_of)
    value = values.get(census.year)
    if value is None:
        return None
    note: dict = {}
    if hindsight:
        published = {lang: day_text(census.published, lang) for lang in ("ja", "en")}
        if as_of >= census.preliminary_published:
            note = {"ja": f"{census.year}年国勢調査の確定値（{published['ja']}公表）。基準日には速報値のみ公表済みで、"
                          "確定値は後知恵として示す",
                    "en": f"final figure of the {census.year} census (published {published['en']}); on the advice date "
                          "only the preliminary figures were out, so this is hindsight"}
        else:
            note = {"ja": f"基準日より後に公表された{census.year}年国勢調査（{published['ja']}公表）の値。"
                          "それ以前の国勢調査は知識ベースにないため、後知恵として示す",
                    "en": f"from the {census.year} census, published {published['en']}, after the advice date; no "
                          "earlier census is in the knowledge base, so this is shown as hindsight"}
    if value == 0:
        # 2015: 富岡・大熊・双葉・浪江, 2020: 双葉 — the whole town under an evacuation order. The
        # census is right that nobody lived there, but it is not the town's size for a cloud plan.
        note = {"ja": f"全域が避難指示区域のため、{census.year}年国勢調査の人口は0人です。人口規模の判断には"
                      "使わず、住民基本台帳の人口を確認してください",
                "en": f"the whole municipality was under an evacuation order, so the {census.year} census counts "
                      "nobody; this is not used as its size: ask for the registered population"}
    return PopulationFact(value=value, census_year=census.year, published=census.published,
                          hindsight=hindsight, note=note, source=census.source)
