"""group.prefecture_role says what the memo recommends: support to join a group, or to form one.

Domain review ("Undone"): a memo that recommends joining the neighbouring group (group.join_existing,
the roadmap "既存グループへの参加を前提に") still asked the prefecture to support グループ形成.
Real municipalities on 2017-06-09 (富山県): 上市町 163228 borders 舟橋村・滑川市, members of
富山県情報システム共同利用推進協議会 (source of 2016-02); 小矢部市 162094 borders no member of a known group.
"""

import pytest
from click.testing import CliRunner

from jichitai_cloud_advisor.cli import main

JOIN = "都道府県に、近隣の既存グループへの参加に向けた支援を求めてください。"
FORM = "都道府県に域内のグループ形成の支援（取りまとめ役、候補団体の紹介）を求めてください。"
ROAD_JOIN = "既存グループへの参加を前提に「システム調達」から示します"
JOIN_EN = "Ask the prefecture to support joining the neighbouring existing group"
FORM_EN = "Ask the prefecture to support forming a group"


def memo(tmp_path, code, migration=None, lang="ja"):
    profile = tmp_path / f"{code}-{migration}.yaml"
    plan = f", migration: {migration}" if migration else ""
    profile.write_text(f'code: "{code}"\nas_of: 2017-06-09\ncloud: {{status: none, driving_body: none{plan}}}\n',
                       encoding="utf-8")
    result = CliRunner().invoke(main, [str(profile), "--lang", lang])
    assert result.exit_code == 0, result.output
    return result.output


def test_a_memo_recommending_to_join_asks_for_support_to_join(tmp_path):
    text = memo(tmp_path, "163228")
    assert ROAD_JOIN in text  # the roadmap follows group.join_existing
    assert JOIN in text and FORM not in text and "グループ形成の支援" not in text
    assert "都道府県に既存グループへの参加の支援を要請する" in text  # its decision, among the asks
    assert JOIN_EN in memo(tmp_path, "163228", lang="en")


def test_a_memo_recommending_to_form_asks_for_support_to_form(tmp_path):
    text = memo(tmp_path, "162094")
    assert ROAD_JOIN not in text and FORM in text and JOIN not in text
    assert FORM_EN in memo(tmp_path, "162094", lang="en")


@pytest.mark.parametrize("code, migration, joining", [
    ("163228", "forming_group", False),  # next to a group, but the profile plans a new one: form
    ("162094", "joining_group", True),   # no group next door, but the profile plans to join one: join
])
def test_the_profiles_plan_decides_like_the_roadmap(tmp_path, code, migration, joining):
    text = memo(tmp_path, code, migration)
    assert (ROAD_JOIN in text) == joining
    assert (JOIN in text) == joining and (FORM in text) == (not joining)
