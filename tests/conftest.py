"""Shared fixtures: one Advisor (knowledge base, rules) per test session."""

import pytest

from jichitai_cloud_advisor.engine.advice import Advisor
from jichitai_cloud_advisor.engine.paths import EXAMPLES_DIR


@pytest.fixture(scope="session")
def advisor():
    return Advisor()


@pytest.fixture(scope="session")
def examples():
    return sorted(EXAMPLES_DIR.glob("*.yaml"))
