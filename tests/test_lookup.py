"""`advise lookup`: codes from names (prefecture where ambiguous) and code checks."""

from click.testing import CliRunner

from jichitai_cloud_advisor.cli import main


def lookup(*args):
    return CliRunner().invoke(main, ["lookup", *args])


def test_name_gives_code_with_check_digit():
    result = lookup("上市町")
    assert result.exit_code == 0
    assert result.stdout.split("\t")[:2] == ["163228", "富山県上市町"]


def codes(result):
    return [line.split("\t")[0] for line in result.stdout.splitlines()]


def test_a_name_in_two_prefectures_lists_both():
    result = lookup("南牧村")
    assert result.exit_code == 0
    assert codes(result) == ["103837", "203050"]  # 群馬県南牧村, 長野県南牧村
    assert "2 municipalities match" in result.stderr and "--prefecture" in result.stderr


def test_part_of_a_name():
    # 上市 is the start of 上市町 only (郡上市, 村上市 merely contain it and are not offered).
    assert codes(lookup("上市")) == ["163228"]
    # 府中: 東京都府中市 13206-3, 広島県府中市 34208-4 — and 広島県府中町 34302-1, also a 府中.
    assert codes(lookup("府中")) == ["132063", "342084", "343021"]
    assert codes(lookup("府中", "--prefecture", "広島")) == ["342084", "343021"]
    assert codes(lookup("東京都府中")) == ["132063"]


def test_reading_and_contained_text():
    assert codes(lookup("かみいち")) == ["163228"]  # カミイチマチ
    assert codes(lookup("ヶ崎")) == ["033812", "082082", "142077"]  # 金ケ崎町, 龍ケ崎市, 茅ヶ崎市 (ケ = ヶ)


def test_nothing_found_is_bad_input_with_suggestions():
    result = lookup("上市村")
    assert result.exit_code == 2 and "上市町" in result.stderr
    assert lookup("").exit_code == 2


def test_prefecture_settles_the_name():
    result = lookup("南牧村", "--prefecture", "長野県")
    assert result.exit_code == 0 and result.stdout.startswith("203050\t長野県南牧村")


def test_wrong_check_digit_names_the_right_code():
    result = lookup("163221")
    assert result.exit_code == 2 and "163228" in result.stderr
