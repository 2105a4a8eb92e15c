"""和暦 as a memo's reader expects it, and as known on the advice date (issue 9, pinned for issue 15)."""

import datetime as dt

import pytest

from jichitai_cloud_advisor.engine.documents.wareki import era_of, format_date, format_month, seireki, wareki

D = dt.date.fromisoformat


@pytest.mark.parametrize("iso, expected", [
    ("1989-01-07", "昭和64年1月7日"),   # last day of 昭和
    ("1989-01-08", "平成元年1月8日"),   # 改元日
    ("2019-04-30", "平成31年4月30日"),  # last day of 平成
    ("2019-05-01", "令和元年5月1日"),   # 改元日
    ("2020-01-01", "令和2年1月1日"),
    ("1926-12-24", "大正15年12月24日"),
    ("1926-12-25", "昭和元年12月25日"),
    ("1912-07-29", "明治45年7月29日"),
    ("1912-07-30", "大正元年7月30日"),
    ("1868-10-23", "明治元年10月23日"),
])
def test_era_boundaries(iso, expected):
    assert wareki(D(iso)) == expected


def test_before_meiji_has_no_era():
    assert wareki(D("1868-10-22")) == "" and era_of(D("1868-10-22")) is None
    assert format_date("1868-01-01", "ja") == "1868年1月1日"
    assert format_month(D("1868-01-01"), "ja") == "1868年1月"


# 令和 was announced on 2019-04-01; 平成 on 1989-01-07. Before that, documents wrote later
# years in the era they knew: 2020-03-31 in a memo of 2017 is 平成32年3月31日.
@pytest.mark.parametrize("iso, as_of, expected", [
    ("2020-03-31", "2017-06-09", "平成32年3月31日"),
    ("2019-05-01", "2019-03-31", "平成31年5月1日"),    # one day before the announcement
    ("2019-05-01", "2019-04-01", "令和元年5月1日"),    # the day 令和 was announced
    ("2019-04-30", "2019-04-01", "平成31年4月30日"),   # 令和 known, but the date is still 平成
    ("2021-04-01", "2018-12-31", "平成33年4月1日"),
    ("2021-04-01", "2025-04-01", "令和3年4月1日"),
    ("1989-01-08", "1989-01-06", "昭和64年1月8日"),    # 平成 not yet announced
    ("1989-01-08", "1989-01-07", "平成元年1月8日"),    # announced on 1989-01-07
    ("1989-01-07", "1989-01-07", "昭和64年1月7日"),
])
def test_era_as_known_on_the_advice_date(iso, as_of, expected):
    assert wareki(D(iso), D(as_of)) == expected


def test_format_date_and_month_follow_the_advice_date():
    assert format_date("2020-03-31", "ja", D("2017-06-09")) == "2020年3月31日（平成32年3月31日）"
    assert format_date("2020-03-31", "en", D("2017-06-09")) == "31 March 2020 (Heisei 32)"
    assert format_date("2020-03-31", "en", D("2019-04-01")) == "31 March 2020 (Reiwa 2)"
    assert format_month(D("2020-10-01"), "ja", D("2017-06-09")) == "2020年10月（平成32年10月）"
    assert format_month(D("2019-05-01"), "ja", D("2019-04-01")) == "2019年5月（令和元年5月）"
    assert format_month(D("2020-10-01"), "en", D("2017-06-09")) == "October 2020"


def test_without_an_advice_date_eras_are_as_known_today():
    assert format_date("2019-05-01", "en") == "1 May 2019 (Reiwa 1)"
    assert format_date(D("2017-07-10"), "ja") == "2017年7月10日（平成29年7月10日）"
    assert format_date(None) == ""


def test_seireki():
    assert seireki(D("2017-07-10"), "ja") == "2017年7月10日"
    assert seireki(D("2017-07-10"), "en") == "10 July 2017"
    assert seireki(D("2017-12-01"), "en") == "1 December 2017"


# Older eras were announced on their first day: a memo dated the day before knows only the old era.
@pytest.mark.parametrize("iso, as_of, expected", [
    ("1926-12-25", "1926-12-24", "大正15年12月25日"),
    ("1926-12-25", "1926-12-25", "昭和元年12月25日"),
    ("1912-07-30", "1912-07-29", "明治45年7月30日"),
    ("1912-07-30", "1912-07-30", "大正元年7月30日"),
    ("1868-10-23", "1868-10-22", ""),                 # no era known yet
    ("1868-10-23", "1868-10-23", "明治元年10月23日"),
])
def test_older_eras_known_from_their_first_day(iso, as_of, expected):
    assert wareki(D(iso), D(as_of)) == expected
