"""The SVG map, on real data."""

import xml.etree.ElementTree as ET

import pytest

from jichitai_cloud_advisor.engine.groups.maps import CREDIT, map_svg
from jichitai_cloud_advisor.engine.profile.loader import parse_profile
from jichitai_cloud_advisor.engine.inputs.yamlio import parse_text

SVG = "{http://www.w3.org/2000/svg}"


def advise_code(advisor, code):
    return advisor.advise(parse_profile(parse_text(f'code: "{code}"\nas_of: 2017-06-09\n', "t.yaml"), advisor.knowledge))


@pytest.mark.parametrize("code", ["163228", "013676", "342157", "131016"])
def test_svg_parses_and_draws_the_municipality_and_its_partners(advisor, code):
    advice = advise_code(advisor, code)
    svg = map_svg(advisor, advice)
    root = ET.fromstring(svg)
    paths = {p.get("id"): p for p in root.iter(f"{SVG}path") if p.get("id")}
    assert f"m{code}" in paths and paths[f"m{code}"].get("class") == "home"
    assert len(paths[f"m{code}"].get("d")) > 50
    for partner in advice.partners:
        assert f"m{partner['code']}" in paths
    for member in advice.proposed_group["members"][1:]:
        assert paths[f"m{member['code']}"].get("class") == "group"
    texts = "".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert advice.profile.municipality.name in texts and CREDIT in texts


def test_svg_is_self_contained(advisor):
    svg = map_svg(advisor, advise_code(advisor, "163228"))
    root = ET.fromstring(svg)
    for element in root.iter():
        for name, value in element.attrib.items():
            assert "href" not in name
            assert "http" not in value or (element.tag == f"{SVG}svg" and name == "xmlns")
    assert "<image" not in svg and "@import" not in svg and "url(http" not in svg


def test_svg_is_not_in_the_json_extras(advisor):
    advice = advise_code(advisor, "163228")
    map_svg(advisor, advice)
    assert not any("<svg" in str(value) for value in advice.extras.values())


def test_group_to_join_is_drawn_apart(advisor):
    # 熊取町 in 2017: the plan's group is hatched; 高石市・忠岡町 (a group known then) are the option to join.
    advice = advise_code(advisor, "273619")
    join = [m["code"] for m in advice.extras["join_option"]["members"][1:]]
    assert set(join) == {"272256", "273414"}
    root = ET.fromstring(map_svg(advisor, advice))
    classes = {p.get("id")[1:]: p.get("class") for p in root.iter(f"{SVG}path") if p.get("id")}
    assert all(classes[c] == "join" for c in join)
    assert any("existing group to join" in (t.text or "") for t in root.iter(f"{SVG}text"))
