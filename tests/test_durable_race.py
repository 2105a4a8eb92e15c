"""durable-rules' firings are collected deterministically.

durable's stock Host dispatches pending actions on its own timer threads; an action taken
by such a thread could run after ``assert_fact`` returned, and its firing was lost (random
engine disagreements, "error code: 307"). The adapter's Host starts no such thread, so
every action runs inside ``assert_fact``. These tests stress that under a tiny switch
interval, and check that a real disagreement stops the advice with exit status 1.
"""

import datetime as dt
import sys
import threading

import pytest
from click.testing import CliRunner

from jichitai_cloud_advisor.cli import main
from jichitai_cloud_advisor.engine.rules import durable_adapter
from jichitai_cloud_advisor.engine.rules.coverage import VARIANTS, _profile
from jichitai_cloud_advisor.engine.rules.evaluator import active_rules, evaluate_rules
from jichitai_cloud_advisor.engine.profile.facts import build_facts
from jichitai_cloud_advisor.engine.paths import EXAMPLES_DIR


@pytest.fixture
def tiny_switch_interval():
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def test_no_background_dispatch_threads(advisor):
    """The stock Host starts two threading.Timer chains; ours starts none."""
    as_of = dt.date(2017, 6, 9)
    active, _, values = active_rules(advisor.book, advisor.parameters, as_of)
    municipality = advisor.knowledge.get("163228")
    facts = build_facts(_profile(municipality, VARIANTS["none_heavy"], as_of), advisor.knowledge).values
    assert durable_adapter.fire(advisor.book, active, values, facts, advisor.vocabulary)
    timers = [t for t in threading.enumerate() if isinstance(t, threading.Timer)]
    assert timers == []


def test_thousands_of_firings_under_a_tiny_switch_interval(advisor, tiny_switch_interval):
    """4,000 fire() calls with threads switching every microsecond: 0 disagreements."""
    municipalities = sorted(advisor.knowledge.municipalities.values(), key=lambda m: m.code)[::3]
    runs, disagreements = 0, []
    for as_of in (dt.date(2017, 6, 9), dt.date(2025, 4, 1)):
        active, _, values = active_rules(advisor.book, advisor.parameters, as_of)
        for variant in ("none_heavy", "single_clean", "group_clean", "custom_mainframe"):
            for municipality in municipalities[:500]:
                facts = build_facts(_profile(municipality, VARIANTS[variant], as_of), advisor.knowledge).values
                pure = evaluate_rules(advisor.book, advisor.parameters, facts, as_of).fired_ids
                fired = durable_adapter.fire(advisor.book, active, values, facts, advisor.vocabulary)
                runs += 1
                if set(fired) != set(pure):
                    disagreements.append((municipality.code, variant, sorted(set(fired) ^ set(pure))))
    assert runs == 4000
    assert disagreements == []


def test_a_real_disagreement_exits_1_with_a_clear_message(monkeypatch):
    """If durable-rules ever fires a different set, the advice stops: exit 1, no memo."""
    real_fire = durable_adapter.fire

    def drop_one(*args, **kwargs):
        return real_fire(*args, **kwargs)[1:]

    monkeypatch.setattr(durable_adapter, "fire", drop_one)
    result = CliRunner().invoke(main, [str(EXAMPLES_DIR / "kamiichi_no_cloud.yaml")])
    assert result.exit_code == 1
    assert "EngineDisagreement" in result.stderr and "durable-rules fired" in result.stderr
    assert result.stdout == ""
