"""`advise lookup`: codes from names (prefecture where ambiguous) and code checks."""

from click.testing import CliRunner

from jichitai_cloud_advisor.cli import main


def lookup(*args):
    return CliRunner().invoke(main, ["lookup", *args])


def test_name_gives_code_with_check_digit():
    result = lookup("上市町")
    assert result.exit_code == 0
    assert result.stdout.split("\t")[:2] == ["163228", "富山県上市町"]


def test_ambiguous_name_lists_both_prefectures():
    result = lookup("南牧村")
    assert result.exit_code == 2
    assert "群馬県南牧村 (103837)" in result.stderr and "長野県南牧村 (203050)" in result.stderr


def test_prefecture_settles_the_name():
    result = lookup("南牧村", "--prefecture", "長野県")
    assert result.exit_code == 0 and result.stdout.startswith("203050\t長野県南牧村")


def test_wrong_check_digit_names_the_right_code():
    result = lookup("163221")
    assert result.exit_code == 2 and "163228" in result.stderr
