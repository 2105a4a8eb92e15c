"""The 標準化 deadlines in the roadmap, from the day each was known (domain review, "Undone").

Expected texts are worked out by hand:
- standardisation.migration_deadline is 2026-03-31, stated by the 基本方針 decided on 2022-10-07
  (the value counts from 2021-09-01, its only source is dated 2022-10-07: known from the later).
  2026-03-31 closes FY2025 (2025-04-01 – 2026-03-31); 令和元年 = 2019, so FY2025 = 令和(2025-2018)=7年度.
- standardisation.hard_system_deadline is 2031-03-31 (its source, the 2024-12 revision, says 概ね5年以内
  （2030年度頃まで）; the 年度末 is an inference), known from 2024-12-01. FY2030 = 令和(2030-2018)=12年度.
Real municipalities: 上市町 (163228) and 舟橋村 (163210), 富山県.
"""

import datetime as dt

import pytest
from click.testing import CliRunner

from jichitai_cloud_advisor.cli import main
from jichitai_cloud_advisor.engine.documents.deadlines import fiscal_year_end

MIGRATION_JA = ("- 標準準拠システムへの移行期限は令和7年度末（2026年3月31日）です（出典: 地方公共団体情報システム標準化基本方針"
                "（令和4年10月7日 閣議決定） 2025年度末までの移行、確度 C）。")
HARD_JA = ("- 特定移行支援システムに当たるシステムの移行期限は概ね令和12年度末（2031年3月31日）です（出典: 地方公共団体情報システム"
           "標準化基本方針 改定（令和6年12月） 特定移行支援システムは概ね5年以内（2030年度頃まで）、年度末とするのは推論、確度 P）。")


def roadmap(tmp_path, code, as_of, systems="", lang="ja", fmt="markdown"):
    profile = tmp_path / f"{code}-{as_of}.yaml"
    profile.write_text(f'code: "{code}"\nas_of: {as_of}\n{systems}', encoding="utf-8")
    result = CliRunner().invoke(main, [str(profile), "--lang", lang, "--format", fmt])
    assert result.exit_code == 0, result.output
    if fmt == "html":
        return result.output.split('<section id="roadmap">', 1)[1].split("</section>", 1)[0]
    heading = "## 工程表" if lang == "ja" else "## Roadmap"
    return result.output.split(heading, 1)[1].split("\n## ", 1)[0]


@pytest.mark.parametrize("as_of", ["2017-06-09", "2021-09-01", "2022-10-06"])
def test_no_deadline_before_the_basic_policy_made_it_known(tmp_path, as_of):
    # The parameter's value counts from 2021-09-01, but its source (the 基本方針) is of 2022-10-07.
    section = roadmap(tmp_path, "163228", as_of)
    assert "移行期限" not in section and "年度末" not in section


def test_the_deadline_from_the_day_of_the_basic_policy(tmp_path):
    section = roadmap(tmp_path, "163228", "2022-10-07")
    assert MIGRATION_JA in section
    assert "特定移行支援システム" not in section  # its revision came in 2024-12


def test_the_hard_system_deadline_from_its_revision(tmp_path):
    assert "特定移行支援システム" not in roadmap(tmp_path, "163228", "2024-11-30")
    section = roadmap(tmp_path, "163228", "2024-12-01")
    assert MIGRATION_JA in section and HARD_JA in section


def test_a_memo_of_fy2025_states_the_deadline_and_a_go_live_after_it(tmp_path):
    # Contract ends 2027-03-31 → go-live 2027-04-01 (令和(2027-2018)=9年4月1日), a year after the deadline.
    systems = "systems:\n  - {area: 住民記録, contract_end: 2027-03-31}\n"
    section = roadmap(tmp_path, "163228", "2025-04-01", systems)
    assert (MIGRATION_JA + "工程表の運用開始（2027年4月1日（令和9年4月1日））はこの期限より後です。"
            "移行時期を確認してください。") in section
    assert HARD_JA in section
    # A contract ending on the deadline itself goes live the day after: in time, no warning.
    on_time = roadmap(tmp_path, "163210", "2025-04-01", "systems:\n  - {area: 税務, contract_end: 2026-03-31}\n")
    assert MIGRATION_JA in on_time and "この期限より後" not in on_time


def test_after_the_deadline_the_memo_says_it_has_passed(tmp_path):
    section = roadmap(tmp_path, "163228", "2026-04-01")
    assert ("- 標準準拠システムへの移行期限の令和7年度末（2026年3月31日）は、基準日より前に過ぎています（出典: "
            "地方公共団体情報システム標準化基本方針（令和4年10月7日 閣議決定） 2025年度末までの移行、確度 C）。"
            "移行の状況を確認してください。") in section
    assert HARD_JA in section


def test_the_english_memo_and_the_html_memo(tmp_path):
    section = roadmap(tmp_path, "163210", "2025-04-01", lang="en")
    assert ("- Systems are to move to standard-conforming systems by the end of FY2025 (31 March 2026) (source: "
            "地方公共団体情報システム標準化基本方針（令和4年10月7日 閣議決定） 2025年度末までの移行; confidence C).") in section
    assert "due by about the end of FY2030 (31 March 2031)" in section
    html = roadmap(tmp_path, "163210", "2025-04-01", fmt="html")
    assert f"<li>{MIGRATION_JA[2:]}</li>" in html


@pytest.mark.parametrize("date, as_of, expected", [
    (dt.date(2026, 3, 31), dt.date(2025, 4, 1), "令和7年度末（2026年3月31日）"),
    # FY2019 (2019-04-01 – 2020-03-31): 平成31年度 while 令和 was unknown, 令和元年度 once it was.
    (dt.date(2020, 3, 31), dt.date(2017, 6, 9), "平成31年度末（2020年3月31日）"),
    (dt.date(2020, 3, 31), dt.date(2019, 5, 1), "令和元年度末（2020年3月31日）"),
    # FY1988 ends in 平成元年 (from 1989-01-08) but is 昭和63年度; FY1989 is 平成元年度.
    (dt.date(1989, 3, 31), dt.date(2000, 1, 1), "昭和63年度末（1989年3月31日）"),
    (dt.date(1990, 3, 31), dt.date(2000, 1, 1), "平成元年度末（1990年3月31日）"),
])
def test_fiscal_year_end_in_ministry_style(date, as_of, expected):
    assert fiscal_year_end(date, "ja", as_of) == expected
