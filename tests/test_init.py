"""`advise init CODE`: a commented profile, prefilled from the knowledge base, that loads back."""

import datetime as dt
import json
import re

import pytest
from click.testing import CliRunner

from jichitai_cloud_advisor.cli import main
from jichitai_cloud_advisor.engine.inputs.yamlio import parse_text
from jichitai_cloud_advisor.engine.profile.fields import CATALOGUE, profile_fields
from jichitai_cloud_advisor.engine.profile.loader import parse_profile
from jichitai_cloud_advisor.engine.rules.vocabulary import default_vocabulary

GROUP = "富山県情報システム共同利用推進協議会"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def init(*args):
    result = run("init", *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_written_profile_loads_back_with_advise(tmp_path):
    path = tmp_path / "kamiichi.yaml"
    assert run("init", "163228", "--as-of", "2017-06-09", "-o", path).exit_code == 0
    result = run(path, "--format", "json")
    assert result.exit_code == 0, result.output
    advice = json.loads(result.stdout)
    assert advice["municipality"]["code"] == "163228" and advice["as_of"] == "2017-06-09"
    # Nothing local was answered, so the memo asks: the undetermined rules are many.
    assert advice["undetermined"]
    assert run(path).exit_code == 0  # and the memo renders


def test_prefilled_from_what_the_knowledge_base_knew_on_the_date():
    text = init("163228", "--as-of", "2017-06-09")
    assert text.startswith("# 首長訪問のプロファイル: 富山県上市町（町）")
    # 2015 census (published 2016-10-26, before the date): 上市町 20,930.
    assert "人口 20,930 人（2015年国勢調査、2016-10-26 公表）" in text
    # 財政力指数: the knowledge base starts at FY2017, so the value is marked as hindsight.
    assert "財政力指数 0.47（2017年度）" in text and "後知恵" in text
    # Member of the Toyama council's cloud from a source dated 2016-02 (confidence C): written as values.
    assert re.search(r"^  status: group +# 知識ベース（出典 2016-02、確度 C）$", text, re.M)
    assert f'  group: "{GROUP}"' in text
    assert '#   - code: "163236"        # 立山町（陸で接する）' in text  # longest land border first
    assert "code: \"163228\"" in text and "as_of: 2017-06-09" in text


def test_nothing_is_filled_in_that_was_not_known_on_the_date():
    # The membership is known from 2016-02-29; on 2015-04-01 it was not, and the 2015 census
    # (published 2016-10-26) was not out either.
    text = init("163228", "--as-of", "2015-04-01")
    assert "\ncloud:" not in text and "#   status:" in text
    assert "知識ベースに参加の記録なし" in text
    assert "後知恵" in text  # the only census in the knowledge base is shown as hindsight, and says so


def test_every_field_is_a_value_or_a_commented_question():
    text = init("131113", "--as-of", "2020-04-01")
    body = text[text.index('\ncode: "131113"'):]
    for field in profile_fields(default_vocabulary()):
        key = re.escape(field.key)
        asked = re.search(rf"^ *# +(?:- )?{key}:[^#]*# {re.escape(field.question['ja'])}", body, re.M)
        given = re.search(rf"^ *(?:- )?{key}: \S", body, re.M)
        assert asked or given, field.path


def _answer_everything(text: str) -> str:
    """Remove the `# ` of every commented field after `code:` and write the catalogue's example."""
    out, top, started = [], None, False
    for line in text.splitlines():
        started = started or line.startswith("code:")
        match = re.match(r"^(\s*)# ( *)(- )?([a-z0-9_]+):(.*?)(\s+# .*)?$", line) if started else None
        plain = re.match(r"^( *)(- )?([a-z0-9_]+):", line) if started else None
        if plain and not plain.group(1) and not plain.group(2):
            top = plain.group(3)
        if not match:
            out.append(line)
            continue
        lead, indent, dash, key, value = match.group(1), match.group(2), match.group(3) or "", match.group(4), match.group(5)
        depth = len(lead) + len(indent)
        if depth == 0:
            top = key
            path = key
        else:
            path = f"{top}[].{key}" if f"{top}[].{key}" in CATALOGUE else f"{top}.{key}"
        if not value.strip() and path in CATALOGUE and CATALOGUE[path].example not in ([],) \
                and not isinstance(CATALOGUE[path].example, list):
            example = CATALOGUE[path].example
            value = " " + (example.isoformat() if isinstance(example, dt.date) else json.dumps(example, ensure_ascii=False))
        out.append(f"{lead}{indent}{dash}{key}:{value}")
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("code, as_of", [("163228", "2017-06-09"), ("131113", "2020-04-01"), ("014681", "2016-06-01")])
def test_uncommenting_every_question_gives_a_valid_full_profile(advisor, code, as_of):
    text = init(code, "--as-of", as_of)
    answered = _answer_everything(text)
    profile = parse_profile(parse_text(answered, "answered.yaml"), advisor.knowledge)
    for field in profile_fields(default_vocabulary()):
        top, _, rest = field.path.partition(".")
        if top.endswith("[]"):
            assert rest in profile.data[top[:-2]][0], field.path
        else:
            assert profile.get(field.path) is not None or field.path == "cloud.group", field.path
    assert profile.get("costs.it_operating") == 120_000_000 and profile.get("systems")[0]["form"] == "package"
    assert advisor.advise(profile).recommendations  # and it advises


def test_english_comments_load_too(tmp_path):
    path = tmp_path / "ota.yaml"
    assert run("init", "131113", "--lang", "en", "-o", path).exit_code == 0
    assert "# Profile for a visit to the head of 東京都大田区" in path.read_text(encoding="utf-8")
    assert run(path, "--format", "json").exit_code == 0


def test_an_existing_file_is_not_replaced_without_force(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("code: \"163228\"\n# my notes\n", encoding="utf-8")
    result = run("init", "163228", "-o", path)
    assert result.exit_code == 2 and "--force" in result.stderr
    assert path.read_text(encoding="utf-8").endswith("# my notes\n")
    assert run("init", "163228", "-o", path, "--force").exit_code == 0
    assert "# my notes" not in path.read_text(encoding="utf-8")


def test_a_name_found_once_is_accepted_and_bad_codes_are_bad_input():
    assert 'code: "163228"' in init("上市町", "--as-of", "2017-06-09")
    ambiguous = run("init", "府中")
    assert ambiguous.exit_code == 2 and "132063" in ambiguous.stderr and "342084" in ambiguous.stderr
    assert run("init", "163221").exit_code == 2  # wrong check digit
    assert run("init", "163228", "--as-of", "2017-13-01").exit_code == 2
