"""Pausing Python's cyclic garbage collector around work that only builds lasting objects.

Loading the knowledge base, decoding the map's TopoJSON (~130,000 small lists) or a
national batch create many objects that stay alive: the collector would scan them again
and again for nothing (it took ~40 % of the knowledge load, and 2/3 of the TopoJSON
decode late in a batch). Reference counting still frees everything that is not cyclic.
"""

from __future__ import annotations

import contextlib
import gc


@contextlib.contextmanager
def gc_paused():
    """No cyclic collection inside the block (restored as it was, even on an error)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            _age_survivors()
            gc.enable()


def _age_survivors() -> None:
    """Move what the block allocated to the oldest generation, as if it had survived collections.

    Everything allocated while paused sits in the youngest generation, so the first allocation
    after the pause would walk all of it (for one `advise PROFILE`, ~7 % of the run, just before
    the process ends). freeze + unfreeze moves every object to the oldest generation: still
    collected, at the next full collection. Skipped while something else has objects frozen
    (a batch's gc_frozen), which unfreeze would release early.
    """
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()


@contextlib.contextmanager
def gc_frozen():
    """Everything alive now is left out of later collections until the block ends.

    For a batch: the knowledge base, rules and graph are built before it starts and live
    until it ends; without this each collection of the oldest generation walks them all.
    Forked workers inherit the frozen state, so the collector does not touch (and copy)
    the pages they share with the parent either.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
