"""gc_paused (engine/gc_pause.py): no collection inside, survivors aged after, nothing leaked or unfrozen."""

import gc
import weakref

from jichitai_cloud_advisor.engine.gc_pause import gc_frozen, gc_paused


class _Node:
    pass


def test_objects_made_while_paused_leave_the_youngest_generation_and_cycles_are_still_collected():
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        kept = [[i] for i in 5000 * [0]]  # 5,000 tracked lists: far past the youngest threshold (700)
        cycle = _Node()
        cycle.me = cycle
        gone = weakref.ref(cycle)
        del cycle
    assert gc.isenabled()
    # Aged to the oldest generation: the youngest holds none of the 5,000 (else a collection of
    # all of them would be due at the next allocation).
    assert gc.get_count()[0] < 700
    assert gone() is not None  # a cycle: reference counting alone does not free it
    gc.collect()
    assert gone() is None  # still collected by a full collection
    assert len(kept) == 5000


def test_a_pause_inside_a_frozen_block_leaves_the_frozen_objects_frozen():
    with gc_frozen():
        frozen = gc.get_freeze_count()
        assert frozen > 0
        with gc_paused():
            [[i] for i in range(100)]
        assert gc.get_freeze_count() == frozen
    assert gc.get_freeze_count() == 0


def test_the_installed_command_freezes_what_is_alive_on_its_way_out_and_main_does_not(monkeypatch):
    from importlib.metadata import entry_points
    from jichitai_cloud_advisor import cli

    # The installed console script is cli.entry, not cli.main (which tests call in-process).
    (script,) = entry_points(group="console_scripts", name="advise")
    assert script.value == "jichitai_cloud_advisor.cli:entry"

    def main_exiting_2():
        assert gc.get_freeze_count() == 0  # nothing frozen while the command runs
        raise SystemExit(2)

    monkeypatch.setattr(cli, "main", main_exiting_2)
    assert gc.get_freeze_count() == 0
    try:
        try:
            cli.entry()
        except SystemExit as exit_:
            assert exit_.code == 2  # the command's exit status goes through unchanged
        else:
            raise AssertionError("entry() swallowed the exit")
        assert gc.get_freeze_count() > 0  # frozen on the way out, even on an error exit
    finally:
        gc.unfreeze()
