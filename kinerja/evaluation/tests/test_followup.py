"""Follow-up outputs from the annual predicate and the TPP export."""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import load_workbook

from kinerja.evaluation import services
from kinerja.evaluation.selectors.followup import (
    credit_rows,
    improvement_needed,
    reward_candidates,
    tpp_workbook,
)

from .conftest import YEAR, approved_skp


def test_reward_and_improvement_lists_and_angka_kredit(ev):
    w = ev.world
    nurse_skp, _, _ = approved_skp(w.nurse, w.seksi_head, w.bidang_head)
    assessor = ev.user(w.seksi_head)
    services.rate(
        actor=assessor, skp=ev.skp, period=ev.annual, work_rating="below", behaviour_rating="meets"
    )
    services.rate(
        actor=assessor,
        skp=nurse_skp,
        period=ev.annual,
        work_rating="above",
        behaviour_rating="above",
    )
    regent = ev.user(w.regent)
    assert [e.skp_id for e in reward_candidates(regent, year=YEAR)] == [nurse_skp.pk]
    assert [e.skp_id for e in improvement_needed(regent, year=YEAR)] == [ev.skp.pk]
    (row,) = credit_rows(regent, year=YEAR)
    assert row.evaluation.skp_id == nurse_skp.pk
    assert row.points == Decimal("18.750")  # 150 % of 12.5 (Ahli Pertama), full year


def test_tpp_export_lists_the_agencys_evaluations_of_the_month(ev):
    staff = ev.user(ev.world.staff)
    services.record_realisation(
        actor=staff, indicator=ev.indicators[0], period=ev.q1, expected_version=0, value=Decimal(3)
    )
    services.submit_period(actor=staff, skp=ev.skp, period=ev.q1)
    services.rate(
        actor=ev.user(ev.world.seksi_head),
        skp=ev.skp,
        period=ev.q1,
        work_rating="meets",
        behaviour_rating="meets",
    )
    content = tpp_workbook(
        ev.user(ev.world.health_head), agency=ev.world.health, year=YEAR, month=2
    )
    sheet = load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert rows == [
        (
            ev.world.staff.nip,
            ev.world.staff.full_name,
            ev.skp.position_name,
            "Triwulan I 2026",
            "Baik",
            101.35,
        )
    ]
