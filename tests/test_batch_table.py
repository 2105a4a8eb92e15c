"""`advise batch --out DIR` writes municipalities.csv: one row per municipality, for Excel."""

import csv
import io
import re

import pytest
from click.testing import CliRunner

from jichitai_cloud_advisor.cli import main

CSV = """\
code,cloud.status,cloud.plan,cloud.migration,continuity.offsite_backup,costs.planning,costs.consultant,costs.data_migration,costs.training,costs.it_operating,as_of
163228,group,adopted,renewal_with_migration,false,4000000,6000000,25000000,1500000,120000000,2017-06-09
163210,,,,,,,,,,2017-06-09
999999,,,,,,,,,,
"""
YAML_163228 = """\
code: "163228"
as_of: 2017-06-09
cloud: {status: group, plan: adopted, migration: renewal_with_migration}
continuity: {offsite_backup: false}
costs: {planning: 4000000, consultant: 6000000, data_migration: 25000000, training: 1500000, it_operating: 120000000}
"""


@pytest.fixture(scope="module")
def table(tmp_path_factory):
    folder = tmp_path_factory.mktemp("table")
    (folder / "toyama.csv").write_text(CSV, encoding="utf-8")
    result = CliRunner().invoke(main, ["batch", str(folder / "toyama.csv"), "-o", str(folder / "out"), "--quiet"])
    assert result.exit_code == 2  # one bad row; the others are advised and written
    return (folder / "out" / "municipalities.csv").read_bytes()


def rows(raw: bytes):
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_utf8_with_bom_and_crlf_for_excel(table):
    assert table.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in table and b"\n" not in table.replace(b"\r\n", b"")
    assert rows(table)[0][:4] == ["団体コード", "都道府県", "団体名", "クラウド導入状況"]


def test_one_row_per_municipality_in_code_order_then_the_failures(table):
    body = rows(table)[1:]
    assert [r[0] for r in body] == ["163210", "163228", ""]
    assert body[2][3] == "入力エラー" and "999999" in body[2][-1] and body[2][2].endswith(":4")


def test_the_figures_of_a_row(table):
    header, *body = rows(table)
    kamiichi = dict(zip(header, body[1]))
    assert kamiichi["団体名"] == "上市町" and kamiichi["クラウド導入状況"] == "自治体クラウド"
    # On 2017-06-09 the latest census published is 2015's (2016-10-26): 上市町 20,930.
    assert kamiichi["人口"] == "20930" and kamiichi["人口の調査年（国勢調査）"] == "2015"
    # A group member re-procuring with its group (cloud.migration): the four 導入 items apply (issue 10).
    # Each item at 1/2 of its cost (no 財政力補正 table supplied): planning 4,000,000 → 2,000,000,
    # consultant 6,000,000 → 3,000,000, training 1,500,000 → 750,000; data migration 25,000,000 →
    # 12,500,000, eligible on condition the migration uses the 中間標準レイアウト (layouts not given);
    # total 2,000,000 + 3,000,000 + 12,500,000 + 750,000 = 18,250,000, as in the memo.
    assert kamiichi["特別交付税の試算額（円、試算できた項目の合計）"] == "18250000"
    assert kamiichi["試算できない項目数（該当未確定・経費不明）"] == "0"
    # 舟橋村: a known member of the Toyama group (source 2016-02), no costs given: no amount at all.
    funahashi = dict(zip(header, body[0]))
    assert funahashi["クラウド導入状況"] == "自治体クラウド"
    assert funahashi["特別交付税の試算額（円、試算できた項目の合計）"] == ""
    assert int(funahashi["未確定のルール数"]) > 0


def test_the_asks_are_the_memos(table, tmp_path):
    header, *body = rows(table)
    kamiichi = dict(zip(header, body[1]))
    profile = tmp_path / "kamiichi.yaml"
    profile.write_text(YAML_163228, encoding="utf-8")
    memo = CliRunner().invoke(main, [str(profile)]).stdout
    asks = memo.split("## 本日のお願い（要点）", 1)[1].split("\n## ", 1)[0]
    titles = re.findall(r"^\d+\. \*\*(.+?)\*\*", asks, re.M)
    assert titles and [kamiichi[f"お願い{n}"] for n in range(1, len(titles) + 1)] == titles


def test_english_headers_with_lang_en(tmp_path):
    result = CliRunner().invoke(main, ["batch", "--prefecture", "富山", "--as-of", "2017-06-09", "--lang", "en",
                                       "-o", str(tmp_path / "out"), "--quiet"])
    assert result.exit_code == 0, result.output
    header, *body = rows((tmp_path / "out" / "municipalities.csv").read_bytes())
    assert header[:3] == ["code", "prefecture", "municipality"] and len(body) == 15  # 富山県: 15 municipalities
    statuses = [dict(zip(header, r))["cloud status"] for r in body]
    # Public data alone: the 6 known members of the Toyama group (2016-02) are group; the rest unknown.
    assert statuses.count("joint cloud") == 6 and statuses.count("unknown") == 9
