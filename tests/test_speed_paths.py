"""The shortcuts taken for speed give exactly what the plain ways give.

Each fast path here replaced a slower one (see the speed report, issue 12): a band of
latitude instead of a scan of the whole country, a cheap bound before an exact distance,
a dict's key read without Jinja2's failed attribute look-up, the memo's audit summary
without the full record. Each test compares the fast path with the plain way, written
out again here, so a shortcut that drops or changes anything fails.
"""

import datetime as dt
import math

import jinja2
import pytest

from jichitai_cloud_advisor.engine.documents import audit
from jichitai_cloud_advisor.engine.documents.environment import PlainDataEnvironment
from jichitai_cloud_advisor.engine.documents.memo_context import build_context
from jichitai_cloud_advisor.engine.documents.render import TEMPLATE_NAMES, render_with
from jichitai_cloud_advisor.engine.groups.graph import EARTH_KM, distance_km, national_graph, within_km
from jichitai_cloud_advisor.engine.groups.known import known_on
from jichitai_cloud_advisor.engine.groups.options import _may_be_within_reach
from jichitai_cloud_advisor.engine.groups.partners import HomeContext, PartnerScorer, load_weights
from jichitai_cloud_advisor.engine.paths import TEMPLATES_DIR

DATE = dt.date(2017, 6, 9)


@pytest.fixture(scope="module")
def graph(advisor):
    return national_graph(advisor.knowledge)


def scan_all(graph, code, km):
    """within_km as it was: every municipality of the country, in code order."""
    codes = sorted(graph.nodes)
    lat1, lon1 = math.radians(graph.nodes[code]["lat"]), math.radians(graph.nodes[code]["lon"])
    out = []
    for other in codes:
        lat2, lon2 = math.radians(graph.nodes[other]["lat"]), math.radians(graph.nodes[other]["lon"])
        if abs(lat2 - lat1) > km / EARTH_KM or other == code:
            continue
        h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
        d = 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))
        if d <= km:
            out.append((other, d))
    return out


@pytest.mark.parametrize("km", [60, 8, 250])
def test_within_km_finds_what_a_scan_of_the_whole_country_finds(graph, km):
    # Every municipality as the centre: same neighbours, same distances to the last bit, same order.
    # 60 km is the shipped reach; 8 km leaves many with none; 250 km crosses many bands of latitude.
    differing = [code for code in sorted(graph.nodes) if within_km(graph, code, km) != scan_all(graph, code, km)]
    assert differing == []
    assert len(within_km(graph, "163228", 60)) > 20  # 上市町: the 富山 plain and beyond, not an empty answer


def test_the_cheap_reach_test_never_drops_a_group_in_reach(advisor, graph):
    """A group is skipped unread only when no member is in the home prefecture and each is beyond the reach."""
    weights = load_weights(advisor.parameters, DATE)
    groups = known_on(advisor.knowledge, DATE).groups
    assert len(groups) > 10
    skipped = 0
    for code in sorted(graph.nodes):
        node = graph.nodes[code]
        scorer = PartnerScorer(graph, weights, HomeContext(code, node["prefecture"], node["population"]))
        for group in groups:
            if _may_be_within_reach(scorer, group.members):
                continue
            skipped += 1
            assert all(graph.nodes[c]["prefecture"] != node["prefecture"]
                       and distance_km(graph, code, c) > weights.reach_km for c in group.members), (code, group.name)
    assert skipped > len(graph.nodes) * len(groups) // 2  # the test does skip most groups (it is the point)


def test_plain_data_environment_reads_like_jinja2():
    data = {"d": {"title": "t", "items": "a key named items", "n": 3}, "s": "text"}
    source = "{{ d.title }}|{{ d.n + 1 }}|{{ d['items'] }}|{{ d.items is callable }}|{{ s.upper() }}|{{ d.get('n') }}"
    outputs = [cls(undefined=jinja2.StrictUndefined).from_string(source).render(**data)
               for cls in (jinja2.Environment, PlainDataEnvironment)]
    # `d.items` is the dict's method, not the key, in both: the key is read only when no attribute exists.
    assert outputs[0] == outputs[1] == "t|4|a key named items|True|TEXT|3"
    for cls in (jinja2.Environment, PlainDataEnvironment):
        with pytest.raises(jinja2.UndefinedError, match="has no attribute 'missing'"):
            cls(undefined=jinja2.StrictUndefined).from_string("{{ d.missing }}").render(**data)


def test_memos_render_the_same_with_the_plain_jinja2_environment(advisor, examples):
    from jichitai_cloud_advisor.engine.profile.loader import load_profile
    for example in examples:
        advice = advisor.advise(load_profile(str(example), advisor.knowledge))
        for fmt, name in TEMPLATE_NAMES.items():
            for lang in ("ja", "en"):
                context = build_context(advice, advisor, lang, fmt)
                context["section_comments"] = True
                if fmt == "html":
                    context["css"], context["map_svg"] = "", None
                texts = [render_with(cls(loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
                                         undefined=jinja2.StrictUndefined, autoescape=(fmt == "html"),
                                         keep_trailing_newline=True), name, context)
                         for cls in (jinja2.Environment, PlainDataEnvironment)]
                assert texts[0] == texts[1], (example.name, fmt, lang)
                assert len(texts[0]) > 2000


def test_the_memo_summary_of_the_audit_is_the_record_summary(advisor, examples):
    from jichitai_cloud_advisor.engine.profile.loader import load_profile
    for example in examples:
        advice = advisor.advise(load_profile(str(example), advisor.knowledge))
        full = audit.audit_summary(audit.audit_record(advice, advisor))
        for parameter in full["parameters"]:
            assert "references" in parameter
            del parameter["references"]  # the memo does not show them, so the summary leaves them out
        assert audit.audit_summary_of(advice, advisor) == full
        assert sum(full["counts"].values()) == len(advice.book.rules)
