"""The yearly JP duty: a 20 JP minimum for PNS, a 24 JP cap (no minimum) for PPPK."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.development.domain import (
    PNS_MINIMUM_JP,
    PPPK_CAP_JP,
    AsnStatus,
    is_below_target,
    jp_target,
    progress,
)

D = Decimal
PPPK_STATUSES = ["pppk", "pppk_part_time"]
PNS_STATUSES = ["pns", "cpns"]


@pytest.mark.parametrize("status", PNS_STATUSES)
def test_pns_has_a_minimum_of_twenty_jp(status):
    target = jp_target(status)
    assert target.minimum == PNS_MINIMUM_JP == 20
    assert target.cap is None
    assert "203" in target.legal_basis
    assert target.description == "Paling sedikit 20 JP per tahun"


@pytest.mark.parametrize("status", PPPK_STATUSES)
def test_pppk_has_a_cap_of_twenty_four_and_no_minimum(status):
    target = jp_target(status)
    assert target.minimum is None
    assert target.cap == PPPK_CAP_JP == 24
    assert target.description == (
        "Paling banyak 24 JP per tahun masa perjanjian kerja; tidak ada batas minimum"
    )


def test_enum_members_are_accepted_as_status():
    assert jp_target(AsnStatus.PNS).minimum == 20


def test_unknown_status_is_refused():
    with pytest.raises(ValueError, match="Status pegawai tidak dikenal"):
        jp_target("honorer")


@pytest.mark.parametrize(
    ("status", "total", "below"),
    [
        ("pns", "0", True),
        ("pns", "19.99", True),
        ("pns", "20", False),
        ("pns", "35", False),
        ("cpns", "12", True),
        ("pppk", "0", False),
        ("pppk", "19.99", False),
        ("pppk_part_time", "0", False),
        ("pppk", "30", False),
    ],
)
def test_below_target(status, total, below):
    assert is_below_target(status, D(total)) is below


@settings(max_examples=200, database=None, deadline=None)
@given(
    status=st.sampled_from(PPPK_STATUSES),
    total=st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False),
)
def test_a_pppk_is_never_flagged_under_target(status, total):
    assert not is_below_target(status, total)
    assert not progress(status, total).below_target


@pytest.mark.parametrize(
    ("status", "total", "share", "percent", "below", "over_cap", "text"),
    [
        ("pns", "10", "0.5", 50, True, False, "10 dari minimal 20 JP"),
        ("pns", "0", "0", 0, True, False, "0 dari minimal 20 JP"),
        ("pns", "20", "1", 100, False, False, "20 dari minimal 20 JP"),
        ("pns", "30", "1", 100, False, False, "30 dari minimal 20 JP"),  # capped at 100 %
        ("pns", "13.33", "0.6665", 66, True, False, "13,33 dari minimal 20 JP"),
        ("pppk", "12", "0.5", 50, False, False, "12 dari batas 24 JP"),
        ("pppk", "24", "1", 100, False, False, "24 dari batas 24 JP"),
        ("pppk_part_time", "30", "1", 100, False, True, "30 dari batas 24 JP"),
    ],
)
def test_progress_bar(status, total, share, percent, below, over_cap, text):
    bar = progress(status, D(total))
    assert bar.share == D(share)
    assert bar.percent == percent
    assert bar.below_target is below
    assert bar.over_cap is over_cap
    assert bar.text == text


def test_progress_refuses_negative_totals():
    with pytest.raises(ValueError, match="negatif"):
        progress("pns", D(-1))
