"""Submission rule, quality flags, form type and BerAKHLAK master data (no database)."""

import pytest

from kinerja.planning.domain.behaviour import BERAKHLAK
from kinerja.planning.domain.forms import FormType, RhkGroup, form_type_for
from kinerja.planning.domain.rules import (
    IndicatorRow,
    RhkRow,
    duplicated_texts,
    quality_flags,
    submission_problems,
)
from kinerja.planning.domain.workflow import SkpStatus

OK_IND = (IndicatorRow("Jumlah dokumen", True),)
U, T = RhkGroup.UTAMA, RhkGroup.TAMBAHAN


def row(group=U, linked=True, parent=SkpStatus.APPROVED, indicators=OK_IND, text="RHK"):
    return RhkRow("1", group, text, linked, parent if linked else None, False, indicators)


@pytest.mark.parametrize(
    ("rows", "form_type", "expected_fragment"),
    [
        ([row()], FormType.NON_JPT, None),
        ([], FormType.NON_JPT, "belum memiliki Rencana Hasil Kerja utama"),
        ([row(group=T, linked=False)], FormType.NON_JPT, "utama"),
        ([row(linked=False)], FormType.NON_JPT, "belum dikaitkan"),
        ([row(parent=SkpStatus.SUBMITTED)], FormType.NON_JPT, "belum disetujui"),
        ([row(parent=SkpStatus.DRAFT)], FormType.NON_JPT, "belum disetujui"),
        ([row(parent=SkpStatus.REVISION_REQUESTED)], FormType.NON_JPT, "belum disetujui"),
        ([row(linked=False)], FormType.JPT, None),
        ([row(), row(group=T, linked=False)], FormType.NON_JPT, None),
        ([row(indicators=())], FormType.NON_JPT, "belum memiliki indikator"),
        ([row(indicators=(IndicatorRow("x", False),))], FormType.JPT, "tanpa target"),
        ([row(group=T, linked=False), row(indicators=())], FormType.NON_JPT, "indikator"),
    ],
)
def test_submission_problems(rows, form_type, expected_fragment):
    problems = submission_problems(rows, form_type=form_type)
    if expected_fragment is None:
        assert problems == []
    else:
        assert any(expected_fragment in p for p in problems), problems


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("jpt_pratama", FormType.JPT),
        ("jpt_madya", FormType.JPT),
        ("jpt_utama", FormType.JPT),
        ("administrator", FormType.NON_JPT),
        ("pengawas", FormType.NON_JPT),
        ("pelaksana", FormType.NON_JPT),
        ("functional_expert", FormType.NON_JPT),
        (None, FormType.NON_JPT),
    ],
)
def test_form_type_follows_the_position(kind, expected):
    assert form_type_for(kind) is expected


def test_identical_text_across_two_subordinates_is_flagged_but_not_within_one_skp():
    a = [row(text="Laporan  kegiatan."), row(text="laporan kegiatan")]
    b = [row(text="Laporan Kegiatan")]
    c = [row(text="Data pasien")]
    dup = duplicated_texts([a, b, c])
    assert dup == {"laporan kegiatan"}
    assert quality_flags(c, duplicates=dup).is_clean
    assert quality_flags(b, duplicates=dup).duplicated_text == 1


def test_quality_flags_count_missing_indicators_targets_and_links():
    rows = [
        row(indicators=()),
        row(indicators=(IndicatorRow("x", False),)),
        row(linked=False),
    ]
    flags = quality_flags(rows, duplicates=frozenset())
    assert (flags.missing_indicator, flags.missing_target, flags.unlinked_utama) == (1, 1, 1)
    assert not flags.is_clean
    assert len(flags.messages()) == 3


def test_berakhlak_has_seven_values_with_three_behaviours_each():
    assert [v.name for v in BERAKHLAK] == [
        "Berorientasi Pelayanan",
        "Akuntabel",
        "Kompeten",
        "Harmonis",
        "Loyal",
        "Adaptif",
        "Kolaboratif",
    ]
    assert all(len(v.behaviours) == 3 and all(v.behaviours) for v in BERAKHLAK)
