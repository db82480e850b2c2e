"""JP conversion with the default table (BPS B-031/2019 after LAN) and its caps."""

from decimal import Decimal

import pytest

from kinerja.development.domain import (
    DEFAULT_RULES,
    MINUTES_PER_JP,
    ActivityForm,
    ConversionBasis,
    ConversionRule,
    LearningPath,
    compute_jp,
)

D = Decimal
F = ActivityForm


def jp(form, **kwargs):
    return compute_jp(DEFAULT_RULES[form], **kwargs).jp


@pytest.mark.parametrize(
    ("form", "kwargs", "expected"),
    [
        # the four cases of the issue
        (F.WORKSHOP, {"days": 3}, "15"),
        (F.TUGAS_BELAJAR, {"semesters": 1}, "20"),
        (F.E_LEARNING, {"minutes": 300, "days": 1}, "3"),  # 6.66 JP capped at 3 a day
        (F.COACHING, {"sessions_by_month": {"2026-03": 3}}, "4"),  # only two sessions count
        # pendidikan
        (F.TUGAS_BELAJAR, {"semesters": 2}, "40"),
        (F.IZIN_BELAJAR, {"semesters": 1}, "20"),
        # per day, national and international
        (F.WORKSHOP, {"days": 3, "international": True}, "21"),
        (F.WORKSHOP, {"days": 1}, "5"),
        (F.SEMINAR, {"days": 2}, "8"),
        (F.SEMINAR, {"days": 2, "international": True}, "12"),
        (F.SOSIALISASI, {"days": 1}, "4"),
        # actual hours, floor to 2 decimals, +20 % international
        (F.BIMTEK, {"minutes": 900}, "20"),
        (F.BIMTEK, {"minutes": 900, "international": True}, "24"),
        (F.PELATIHAN_TEKNIS, {"minutes": 100}, "2.22"),
        (F.PELATIHAN_TEKNIS, {"minutes": 90}, "2"),
        (F.KURSUS, {"minutes": 100, "international": True}, "2.66"),
        (F.PELATIHAN_STRUKTURAL, {"minutes": 44}, "0.97"),
        (F.PENATARAN, {"minutes": 0}, "0"),
        (F.PELATIHAN_TEKNIS, {"minutes": 120, "minutes_per_jp": 60}, "2"),
        # e-learning: daily caps
        (F.E_LEARNING, {"minutes": 300, "days": 1, "international": True}, "4"),
        (F.E_LEARNING, {"minutes": 120, "days": 1}, "2.66"),  # under the cap
        (F.E_LEARNING, {"minutes": 600, "days": 3}, "9"),  # 13.33 capped at 3 × 3
        (F.E_LEARNING, {"minutes": 135, "days": 1}, "3"),  # exactly the cap
        # coaching and mentoring: 2 JP a session, two sessions a month counted
        (F.COACHING, {"sessions_by_month": {"2026-03": 3, "2026-04": 1}}, "6"),
        (F.COACHING, {"sessions_by_month": {"2026-03": 2}}, "4"),
        (F.COACHING, {"sessions_by_month": {"2026-03": 0, "2026-04": 5}}, "4"),
        (F.MENTORING, {"sessions_by_month": {"2026-05": 1}}, "2"),
        (F.MENTORING, {"sessions_by_month": {"2026-05": 3}, "international": True}, "8"),
        # per activity
        (F.DETASERING, {}, "20"),
        (F.DETASERING, {"international": True}, "24"),
        (F.PERTUKARAN, {}, "20"),
        (F.MAGANG, {"international": True}, "24"),
        (F.BENCHMARKING, {}, "10"),
        (F.BENCHMARKING, {"international": True}, "20"),
        # belajar mandiri and komunitas belajar: at most 2 JP a day
        (F.BELAJAR_MANDIRI, {"minutes": 200, "days": 1}, "2"),
        (F.KOMUNITAS_BELAJAR, {"minutes": 60, "days": 1}, "1.33"),
        (F.KOMUNITAS_BELAJAR, {"minutes": 600, "days": 2}, "4"),
        # not in the reference table: actual hours, no uplift
        (F.OUTBOUND, {"minutes": 450}, "10"),
        (F.PELATIHAN_JARAK_JAUH, {"minutes": 450, "international": True}, "10"),
    ],
)
def test_conversion_table(form, kwargs, expected):
    assert jp(form, **kwargs) == D(expected)


def test_one_jp_is_forty_five_minutes_by_default():
    assert MINUTES_PER_JP == 45


def test_results_are_decimals_with_two_places():
    value = jp(F.PELATIHAN_TEKNIS, minutes=100)
    assert isinstance(value, Decimal)
    assert value.as_tuple().exponent == -2


def test_explanation_shows_the_daily_cap():
    result = compute_jp(DEFAULT_RULES[F.E_LEARNING], minutes=300, days=1)
    assert result.lines == [
        "300 menit ÷ 45 menit per JP = 6,66 JP (dibulatkan ke bawah).",
        "Dibatasi paling banyak 3 JP per hari × 1 hari = 3 JP.",
    ]


def test_explanation_names_each_capped_month():
    result = compute_jp(DEFAULT_RULES[F.COACHING], sessions_by_month={"2026-04": 1, "2026-03": 3})
    assert result.lines == [
        "Bulan 2026-03: 3 sesi, dihitung 2 sesi (paling banyak 2 sesi per bulan).",
        "Bulan 2026-04: 1 sesi dihitung.",
        "Coaching (nasional): 2 JP per sesi × 3 sesi = 6 JP.",
    ]


def test_explanation_of_the_international_uplift():
    result = compute_jp(DEFAULT_RULES[F.BIMTEK], minutes=900, international=True)
    assert result.lines[-1] == "Kegiatan internasional: +20% menjadi 24 JP."


def test_explanation_of_a_workshop():
    result = compute_jp(DEFAULT_RULES[F.WORKSHOP], days=3)
    assert result.lines == ["Workshop/lokakarya (nasional): 5 JP per hari × 3 hari = 15 JP."]


@pytest.mark.parametrize(
    ("form", "kwargs", "message"),
    [
        (F.WORKSHOP, {}, "jumlah hari wajib diisi"),
        (F.WORKSHOP, {"days": 0}, "jumlah hari paling sedikit 1"),
        (F.TUGAS_BELAJAR, {}, "jumlah semester wajib diisi"),
        (F.BIMTEK, {}, "jumlah menit wajib diisi"),
        (F.BIMTEK, {"minutes": -5}, "tidak boleh negatif"),
        (F.BIMTEK, {"minutes": 90, "minutes_per_jp": 0}, "paling sedikit 1 menit"),
        (F.E_LEARNING, {"minutes": 300}, "jumlah hari wajib diisi"),
        (F.COACHING, {}, "jumlah sesi per bulan wajib diisi"),
        (F.COACHING, {"sessions_by_month": {"2026-01": -1}}, "tidak boleh negatif"),
    ],
)
def test_missing_or_bad_inputs_are_refused_in_indonesian(form, kwargs, message):
    with pytest.raises(ValueError, match=message):
        compute_jp(DEFAULT_RULES[form], **kwargs)


def test_every_form_has_a_default_rule():
    assert set(DEFAULT_RULES) == set(ActivityForm)
    assert all(rule.form is form for form, rule in DEFAULT_RULES.items())
    assert all(rule.note for rule in DEFAULT_RULES.values())


@pytest.mark.parametrize(
    ("path", "count"),
    [(LearningPath.PENDIDIKAN, 2), (LearningPath.KLASIKAL, 12), (LearningPath.NONKLASIKAL, 13)],
)
def test_every_path_of_lan_10_2018_is_covered(path, count):
    forms = [f for f in ActivityForm if f.path is path]
    assert len(forms) == count
    assert all(f.label for f in forms)
    assert path.label


@pytest.mark.parametrize(
    ("form", "path"),
    [
        (F.TUGAS_BELAJAR, LearningPath.PENDIDIKAN),
        (F.BIMTEK, LearningPath.KLASIKAL),
        (F.WORKSHOP, LearningPath.KLASIKAL),
        (F.COACHING, LearningPath.NONKLASIKAL),
        (F.MAGANG, LearningPath.NONKLASIKAL),
    ],
)
def test_forms_sit_on_their_path(form, path):
    assert form.path is path


def test_an_edited_rule_is_applied():
    rule = ConversionRule(
        form=F.WORKSHOP, basis=ConversionBasis.PER_DAY, jp_national=D(6), note="aturan daerah"
    )
    assert compute_jp(rule, days=2).jp == D(12)
    # no international value: the national one applies
    assert compute_jp(rule, days=2, international=True).jp == D(12)


def test_a_session_rule_without_monthly_cap_counts_every_session():
    rule = ConversionRule(form=F.COACHING, basis=ConversionBasis.PER_SESSION, jp_national=D(2))
    assert compute_jp(rule, sessions_by_month={"2026-01": 5}).jp == D(10)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"basis": ConversionBasis.PER_DAY},  # fixed basis without JP
        {"basis": ConversionBasis.ACTUAL_HOURS, "jp_national": D(4)},
        {"basis": ConversionBasis.PER_DAY, "jp_national": D(4), "cap_per_month": 2},
        {"basis": ConversionBasis.PER_DAY, "jp_national": D(4), "cap_per_day": D(3)},
        {"basis": ConversionBasis.ACTUAL_HOURS, "international_uplift_pct": -5},
    ],
)
def test_inconsistent_rules_are_refused(kwargs):
    with pytest.raises(ValueError, match="Aturan"):
        ConversionRule(form=F.SEMINAR, **kwargs)
