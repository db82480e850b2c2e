"""Who may assess whom (domain-reference §5), as pure tables: no database."""

from __future__ import annotations

import pytest

from kinerja.organisations.domain.positions import (
    FunctionalLevel,
    PositionKind,
    Rank,
    level_is_valid,
    minimum_assessor_rank,
)
from kinerja.organisations.domain.supervision import (
    ActingKind,
    Assessor,
    Holder,
    Subject,
    SupervisionCycleError,
    UnitHead,
    check_override,
    derive_assessor,
    find_cycle,
)

K = PositionKind
L = FunctionalLevel
DEF, PLT, PLH = ActingKind.DEFINITIVE, ActingKind.PLT, ActingKind.PLH


# Jabatan yang dinilai → lowest rank of the Pejabat Penilai.
RANK_TABLE = [
    # Jabatan yang dinilai → lowest rank of the Pejabat Penilai (§5, local government table)
    (K.JPT_PRATAMA, None, Rank.REGENT),
    (K.JPT_MADYA, None, Rank.REGENT),
    (K.JPT_UTAMA, None, Rank.REGENT),
    (K.REGENT, None, Rank.REGENT),
    (K.ADMINISTRATOR, None, Rank.JPT_PRATAMA),
    (K.PENGAWAS, None, Rank.ADMINISTRATOR),
    (K.PELAKSANA, None, Rank.PENGAWAS),
    (K.FUNCTIONAL_EXPERT, L.AHLI_UTAMA, Rank.REGENT),
    (K.FUNCTIONAL_EXPERT, L.AHLI_MADYA, Rank.JPT_PRATAMA),
    (K.FUNCTIONAL_EXPERT, L.AHLI_MUDA, Rank.ADMINISTRATOR),
    (K.FUNCTIONAL_EXPERT, L.AHLI_PERTAMA, Rank.PENGAWAS),
    (K.FUNCTIONAL_SKILLED, L.PENYELIA, Rank.PENGAWAS),
    (K.FUNCTIONAL_SKILLED, L.MAHIR, Rank.PENGAWAS),
    (K.FUNCTIONAL_SKILLED, L.TERAMPIL, Rank.PENGAWAS),
    (K.FUNCTIONAL_SKILLED, L.PEMULA, Rank.PENGAWAS),
]


@pytest.mark.parametrize(("kind", "level", "rank"), RANK_TABLE)
def test_minimum_assessor_rank_follows_the_bkn_table(kind, level, rank):
    assert level_is_valid(kind, level)
    assert minimum_assessor_rank(kind, level) is rank


def test_the_rank_table_covers_every_valid_kind_and_level():
    covered = {(kind, level) for kind, level, _ in RANK_TABLE}
    valid = {
        (kind, level)
        for kind in PositionKind
        for level in (None, *FunctionalLevel)
        if level_is_valid(kind, level)
    }
    assert covered == valid


@pytest.mark.parametrize(
    ("kind", "level", "valid"),
    [
        (K.FUNCTIONAL_EXPERT, L.AHLI_MUDA, True),
        (K.FUNCTIONAL_EXPERT, L.MAHIR, False),
        (K.FUNCTIONAL_EXPERT, None, False),
        (K.FUNCTIONAL_SKILLED, L.TERAMPIL, True),
        (K.FUNCTIONAL_SKILLED, L.AHLI_PERTAMA, False),
        (K.PELAKSANA, None, True),
        (K.PELAKSANA, L.AHLI_MUDA, False),
    ],
)
def test_functional_positions_need_a_level_of_their_own_family(kind, level, valid):
    assert level_is_valid(kind, level) is valid


# The test regency: seksi (pengawas head) → bidang (administrator) → dinas (JPT pratama) → regency.
SEKSI, BIDANG, DINAS, REGENCY = 10, 20, 30, 40
KASI, KABID, KADIS, BUPATI = 2, 3, 4, 5
STAFF = 1


FILLED = {
    u: (Holder(e, DEF),)
    for u, e in ((SEKSI, KASI), (BIDANG, KABID), (DINAS, KADIS), (REGENCY, BUPATI))
}


def chain(
    seksi=FILLED[SEKSI],
    bidang=FILLED[BIDANG],
    dinas=FILLED[DINAS],
    regency=FILLED[REGENCY],
    seksi_kind=K.PENGAWAS,
):
    return [
        UnitHead(SEKSI, seksi_kind, tuple(seksi)),
        UnitHead(BIDANG, K.ADMINISTRATOR, tuple(bidang)),
        UnitHead(DINAS, K.JPT_PRATAMA, tuple(dinas)),
        UnitHead(REGENCY, K.REGENT, tuple(regency)),
    ]


def subject(kind, *, level=None, head=False, employee=STAFF):
    return Subject(employee_id=employee, kind=kind, level=level, is_head=head)


@pytest.mark.parametrize(
    ("who", "units", "expected"),
    [
        pytest.param(
            subject(K.PELAKSANA), chain(), Assessor(KASI, SEKSI, DEF, "derived"), id="pelaksana"
        ),
        pytest.param(
            subject(K.PELAKSANA),
            chain(seksi=()),
            Assessor(KABID, BIDANG, DEF, "derived"),
            id="vacant-seksi-head-passes-to-kabid",
        ),
        pytest.param(
            subject(K.PELAKSANA),
            chain(seksi=(), bidang=()),
            Assessor(KADIS, DINAS, DEF, "derived"),
            id="vacant-seksi-and-bidang-pass-to-kadis",
        ),
        pytest.param(
            subject(K.PELAKSANA),
            chain(seksi=(Holder(KASI, DEF), Holder(7, PLH))),
            Assessor(7, SEKSI, PLH, "derived"),
            id="plh-stands-in-for-the-holder",
        ),
        pytest.param(
            subject(K.PELAKSANA),
            chain(seksi=(Holder(8, PLT),)),
            Assessor(8, SEKSI, PLT, "derived"),
            id="plt-fills-a-vacancy",
        ),
        pytest.param(
            subject(K.PELAKSANA),
            chain(seksi=(Holder(8, PLT), Holder(7, PLH))),
            Assessor(7, SEKSI, PLH, "derived"),
            id="plh-wins-over-plt",
        ),
        pytest.param(
            subject(K.PELAKSANA),
            chain(seksi=(Holder(9, PLH), Holder(7, PLH))),
            Assessor(7, SEKSI, PLH, "derived"),
            id="two-plh-lowest-id-decides",
        ),
        pytest.param(
            subject(K.PENGAWAS, head=True, employee=KASI),
            chain(),
            Assessor(KABID, BIDANG, DEF, "derived"),
            id="kasi-assessed-from-parent-unit",
        ),
        pytest.param(
            subject(K.PENGAWAS, head=True, employee=KASI),
            chain(bidang=()),
            Assessor(KADIS, DINAS, DEF, "derived"),
            id="kasi-with-vacant-kabid-goes-to-kadis",
        ),
        pytest.param(
            subject(K.ADMINISTRATOR, head=True, employee=KABID),
            chain()[1:],
            Assessor(KADIS, DINAS, DEF, "derived"),
            id="kabid-assessed-by-kadis",
        ),
        pytest.param(
            subject(K.JPT_PRATAMA, head=True, employee=KADIS),
            chain()[2:],
            Assessor(BUPATI, REGENCY, DEF, "derived"),
            id="jpt-assessed-by-regent",
        ),
        pytest.param(
            subject(K.JPT_PRATAMA, head=True, employee=KADIS),
            chain(regency=())[2:],
            None,
            id="jpt-with-vacant-regent-has-no-assessor",
        ),
        pytest.param(
            subject(K.JPT_PRATAMA, head=True, employee=KADIS),
            chain(regency=(Holder(6, PLH),))[2:],
            Assessor(6, REGENCY, PLH, "derived"),
            id="jpt-assessed-by-plh-regent",
        ),
        pytest.param(
            subject(K.FUNCTIONAL_EXPERT, level=L.AHLI_MADYA),
            chain(),
            Assessor(KADIS, DINAS, DEF, "derived"),
            id="ahli-madya-skips-kasi-and-kabid",
        ),
        pytest.param(
            subject(K.FUNCTIONAL_EXPERT, level=L.AHLI_MUDA),
            chain(),
            Assessor(KABID, BIDANG, DEF, "derived"),
            id="ahli-muda-skips-kasi",
        ),
        pytest.param(
            subject(K.FUNCTIONAL_SKILLED, level=L.TERAMPIL),
            chain(),
            Assessor(KASI, SEKSI, DEF, "derived"),
            id="terampil-assessed-by-kasi",
        ),
        pytest.param(
            subject(K.PELAKSANA),
            chain(seksi_kind=None),
            Assessor(KABID, BIDANG, DEF, "derived"),
            id="unit-without-head-position-is-passed-over",
        ),
        pytest.param(
            subject(K.PELAKSANA, employee=7),
            chain(seksi=(Holder(KASI, DEF), Holder(7, PLH))),
            Assessor(KABID, BIDANG, DEF, "derived"),
            id="plh-of-own-unit-does-not-assess-themselves",
        ),
        pytest.param(
            subject(K.PELAKSANA),
            chain(seksi=(), bidang=(), dinas=(), regency=()),
            None,
            id="nobody-on-the-path",
        ),
    ],
)
def test_derive_assessor(who, units, expected):
    assert derive_assessor(who, units) == expected


@pytest.mark.parametrize(
    ("links", "start", "cycle"),
    [
        ({1: 2, 2: 3, 3: None}, 1, None),
        ({1: None}, 1, None),
        ({1: 2, 2: 1}, 1, [1, 2, 1]),
        ({1: 2, 2: 3, 3: 1}, 1, [1, 2, 3, 1]),
        ({1: 2, 2: 3, 3: 2}, 1, [2, 3, 2]),
        ({1: 1}, 1, [1, 1]),
    ],
)
def test_find_cycle_returns_the_loop_from_its_first_repeated_person(links, start, cycle):
    assert find_cycle(start, links.get) == cycle


def test_find_cycle_stops_at_its_limit_on_an_endless_chain():
    assert find_cycle(0, lambda e: e + 1, limit=5) == [0, 1, 2, 3, 4, 5]


@pytest.mark.parametrize(
    ("subject_id", "new_assessor", "current"),
    [
        (1, 2, {2: 3, 3: None}),
        (1, 2, {}),
        (3, 1, {1: 2, 2: None}),  # already assessed up the chain: moving them is fine
    ],
)
def test_override_without_a_loop_is_accepted(subject_id, new_assessor, current):
    check_override(subject_id, new_assessor, current)


@pytest.mark.parametrize(
    ("subject_id", "new_assessor", "current", "message"),
    [
        (1, 1, {}, "Pegawai tidak dapat menjadi pejabat penilai bagi dirinya sendiri."),
        (
            1,
            2,
            {2: 1},
            "Penetapan ini membuat siklus penilai (A menilai B dan B menilai A secara berantai).",
        ),
        (
            1,
            3,
            {3: 2, 2: 1},
            "Penetapan ini membuat siklus penilai (A menilai B dan B menilai A secara berantai).",
        ),
    ],
)
def test_override_that_closes_a_loop_is_refused(subject_id, new_assessor, current, message):
    with pytest.raises(SupervisionCycleError) as excinfo:
        check_override(subject_id, new_assessor, current)
    assert str(excinfo.value) == message
