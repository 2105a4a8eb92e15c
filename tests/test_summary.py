"""The batch summary's population bands: edges pinned exactly (issue 15) — band_of excludes its upper bound."""

import pytest

from jichitai_cloud_advisor.engine.batch.summary import BANDS, band_of, _status_counts


@pytest.mark.parametrize("population, band", [
    (None, "unknown"),
    (0, "lt20k"),
    (19_999, "lt20k"),
    (20_000, "20k-50k"),
    (49_999, "20k-50k"),
    (50_000, "50k-100k"),      # 5万人 exactly is not "under 50,000"
    (99_999, "50k-100k"),
    (100_000, "100k-200k"),
    (199_999, "100k-200k"),
    (200_000, "200k-300k"),    # 20万人 exactly is in the 20万–30万 band
    (299_999, "200k-300k"),
    (300_000, "ge300k"),
    (3_777_491, "ge300k"),     # 横浜市, 2020 census
])
def test_band_edges(population, band):
    assert band_of(population) == band


def test_negative_population_has_no_band():
    assert band_of(-1) == "unknown"


def test_bands_tile_without_gaps():
    for (low, high, _), (next_low, _, _) in zip(BANDS, BANDS[1:]):
        assert high == next_low
    assert BANDS[0][0] == 0 and BANDS[-1][1] is None


def test_status_counts_share_of_known():
    records = [{"cloud_status": s} for s in ("group", "group", "single", "none", None)]
    counts = _status_counts(records)
    # 5 municipalities, 1 unknown; cloud = 2 + 1 = 3 of 4 known = 0.75.
    assert counts == {"municipalities": 5, "group": 2, "single": 1, "none": 1, "unknown": 1, "cloud": 3,
                      "cloud_share_of_known": 0.75}
    assert _status_counts([{"cloud_status": None}])["cloud_share_of_known"] is None
