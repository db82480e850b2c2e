"""Development needs drawn from competency gaps and from the evaluation."""

from decimal import Decimal

import pytest

from kinerja.development.domain import (
    IMPROVEMENT_PLAN_CODE,
    CompetencyGap,
    DevelopmentNeed,
    NeedSource,
    RhkAchievement,
    derive_needs,
)
from kinerja.evaluation.domain import Predicate, Rating

CYBER = CompetencyGap(
    code="keamanan_siber", name="Keamanan Siber", required_level=3, assessed_level=2
)


def needs(**kwargs):
    base = {
        "competency_gaps": [],
        "predicate": None,
        "behaviour_ratings": {},
        "rhk_achievements": [],
    }
    return derive_needs(**{**base, **kwargs})


def test_competency_gap_gives_a_need_with_the_reason_the_employee_reads():
    assert needs(competency_gaps=[CYBER]) == [
        DevelopmentNeed(
            source=NeedSource.COMPETENCY_GAP,
            competency_code="keamanan_siber",
            reason="Level kompetensi Keamanan Siber Anda 2, standar jabatan 3",
        )
    ]


@pytest.mark.parametrize("assessed", [3, 4, None])
def test_no_need_when_the_standard_is_met_or_not_yet_assessed(assessed):
    gap = CompetencyGap(
        code="gizi", name="Tata Laksana Gizi", required_level=3, assessed_level=assessed
    )
    assert needs(competency_gaps=[gap]) == []


@pytest.mark.parametrize(
    ("predicate", "expected"),
    [
        (Predicate.SANGAT_BAIK, False),
        (Predicate.BAIK, False),
        (Predicate.BUTUH_PERBAIKAN, True),
        (Predicate.KURANG, True),
        (Predicate.SANGAT_KURANG, True),
        (None, False),
    ],
)
def test_butuh_perbaikan_or_below_gives_an_improvement_plan(predicate, expected):
    result = needs(predicate=predicate)
    assert bool(result) is expected
    if expected:
        (need,) = result
        assert need.source is NeedSource.PERFORMANCE_PREDICATE
        assert need.competency_code == IMPROVEMENT_PLAN_CODE
        assert need.reason == (
            f"Predikat kinerja Anda {predicate.label}: rencana perbaikan kinerja disusun bersama atasan"
        )


def test_stored_slugs_are_accepted_for_predicate_and_ratings():
    result = needs(predicate="needs_improvement", behaviour_ratings={"akuntabel": "below"})
    assert [n.source for n in result] == [NeedSource.PERFORMANCE_PREDICATE, NeedSource.BEHAVIOUR]


def test_behaviour_rated_below_expectation_gives_a_need():
    result = needs(
        behaviour_ratings={
            "berorientasi_pelayanan": Rating.ABOVE,
            "akuntabel": Rating.BELOW,
            "kolaboratif": Rating.MEETS,
        }
    )
    assert result == [
        DevelopmentNeed(
            source=NeedSource.BEHAVIOUR,
            behaviour="akuntabel",
            reason="Perilaku kerja Akuntabel Anda dinilai Di Bawah Ekspektasi",
        )
    ]


def test_unknown_behaviour_slug_is_shown_as_is():
    (need,) = needs(behaviour_ratings={"nilai_lokal": Rating.BELOW})
    assert need.reason == "Perilaku kerja nilai_lokal Anda dinilai Di Bawah Ekspektasi"


def test_rhk_below_target_gives_a_need():
    rhks = [
        RhkAchievement(
            reference="rhk-1", title="Layanan data terbuka", achievement_pct=Decimal("75.5")
        ),
        RhkAchievement(reference="rhk-2", title="Laporan insiden", achievement_pct=Decimal("100")),
        RhkAchievement(
            reference="rhk-3",
            title="Pengamanan server",
            achievement_pct=Decimal("99.99"),
            competency_code="keamanan_siber",
        ),
    ]
    result = needs(rhk_achievements=rhks)
    assert [(n.rhk_reference, n.competency_code, n.reason) for n in result] == [
        ("rhk-1", None, 'Capaian RHK "Layanan data terbuka" 75,5% dari target'),
        ("rhk-3", "keamanan_siber", 'Capaian RHK "Pengamanan server" 99,99% dari target'),
    ]
    assert all(n.source is NeedSource.RHK_BELOW_TARGET for n in result)


def test_a_set_evaluation_gives_needs_from_every_source_in_order():
    result = derive_needs(
        competency_gaps=[CYBER],
        predicate=Predicate.BUTUH_PERBAIKAN,
        behaviour_ratings={"adaptif": Rating.BELOW},
        rhk_achievements=[
            RhkAchievement(reference="rhk-9", title="Patroli siber", achievement_pct=Decimal(60))
        ],
    )
    assert [n.source.value for n in result] == [
        "competency_gap",
        "performance_predicate",
        "behaviour",
        "rhk_below_target",
    ]
    assert all(n.reason for n in result)


def test_a_good_year_with_no_gap_gives_no_need():
    assert (
        derive_needs(
            competency_gaps=[CompetencyGap("kom", "Komunikasi", 2, 3)],
            predicate=Predicate.BAIK,
            behaviour_ratings={"loyal": Rating.MEETS},
            rhk_achievements=[RhkAchievement("r", "t", Decimal(110))],
        )
        == []
    )


@pytest.mark.parametrize("source", list(NeedSource))
def test_every_source_has_an_indonesian_label(source):
    assert source.label
