"""Adoption figures: the aggregates match the records they count, and stay flat in queries."""

from __future__ import annotations

from kinerja.accounts.models import User
from kinerja.adoption import selectors
from kinerja.communication.models import AnnouncementRead, Notification
from kinerja.evaluation.models import PeriodSubmission
from kinerja.organisations.models import Employee, OrgUnit
from kinerja.planning.models import Skp
from tests.world import make_employee

from .conftest import YEAR, skp_for


def reference_figures(q1) -> dict[int, dict[str, int]]:
    """The same figures computed the slow, obvious way: one employee at a time, in Python."""
    out: dict[int, dict[str, int]] = {}
    for agency in OrgUnit.objects.filter(depth=1, is_active=True):
        row = dict.fromkeys(
            ["employees", "never", "without_skp", "due", "not_filled", "assessors", "delivered"],
            0,
        )
        row["read"] = 0
        for e in Employee.objects.filter(is_active=True, unit__agency=agency):
            row["employees"] += 1
            user = User.objects.filter(employee=e).first()
            if user is None or not user.is_active or user.last_login is None:
                row["never"] += 1
            skps = list(Skp.objects.filter(employee=e, year=YEAR))
            if not e.skp_exemption and not skps:
                row["without_skp"] += 1
            if any(s.status == "approved" for s in skps):
                row["due"] += 1
                filled = PeriodSubmission.objects.filter(
                    skp__employee=e,
                    period=q1,
                    status__in=["submitted", "evaluated", "acknowledged"],
                ).exists()
                if not filled:
                    row["not_filled"] += 1
            if PeriodSubmission.objects.filter(
                skp__assessor=e, status="submitted", period__year=YEAR
            ).exists():
                row["assessors"] += 1
            if user is not None:
                for note in Notification.objects.filter(recipient=user, kind="announcement"):
                    row["delivered"] += 1
                    pk = int(note.dedupe_key.split(":")[1])
                    if AnnouncementRead.objects.filter(announcement_id=pk, user=user).exists():
                        row["read"] += 1
        out[agency.pk] = row
    return out


def test_figures_of_each_agency_match_the_records_they_count(data):
    figures = selectors.agency_adoption(year=YEAR)
    expected = reference_figures(data.q1)
    assert set(figures) == set(expected)
    for agency_id, f in figures.items():
        e = expected[agency_id]
        assert (
            f.employees,
            f.never_logged_in,
            f.without_skp,
            f.due_current_period,
            f.not_filled_current_period,
            f.assessors_with_evaluations_waiting,
            f.announcements_delivered,
            f.announcements_read,
        ) == (
            e["employees"],
            e["never"],
            e["without_skp"],
            e["due"],
            e["not_filled"],
            e["assessors"],
            e["delivered"],
            e["read"],
        ), f.agency_name


def test_health_agency_figures_are_the_ones_worked_out_by_hand(data):
    w = data.world
    health = selectors.agency_adoption(year=YEAR, agency_ids=[w.health.pk])[w.health.pk]
    assert health.agency_name == "Dinas Kesehatan"
    assert health.employees == 7  # six personas and one employee without an account
    assert health.never_logged_in == 4  # bidang head, nurse, admin, the one without account
    assert health.without_skp == 3  # head, bidang head, no-account; the admin is exempt
    assert health.due_current_period == 2  # staff and seksi head have approved SKPs
    assert health.not_filled_current_period == 1  # the seksi head has not submitted Triwulan I
    assert health.assessors_with_evaluations_waiting == 1  # the seksi head, for the staff
    assert health.evaluations_waiting == 1
    assert health.announcements_delivered == 6  # everyone with an account
    assert health.announcements_read == 1
    assert health.announcement_read_rate == 1 / 6


def test_inactive_employees_and_last_years_skp_are_not_counted(data):
    it = selectors.agency_adoption(year=YEAR)[data.world.it_agency.pk]
    assert it.employees == 3
    assert it.without_skp == 2  # the head's SKP is of last year; the new employee has none
    assert it.not_filled_current_period == 1  # a draft submission is not filled
    assert it.announcement_read_rate == 2 / 3


def test_regency_totals_are_the_sum_of_the_agencies(data):
    figures = selectors.agency_adoption(year=YEAR)
    total = selectors.regency_totals(figures)
    assert total.agency_id is None
    assert total.employees == sum(f.employees for f in figures.values())
    assert total.never_logged_in == sum(f.never_logged_in for f in figures.values())
    assert total.announcements_read == 3
    assert total.announcement_read_rate == 3 / total.announcements_delivered


def test_an_agency_without_people_or_announcements_has_no_read_rate(world, frozen):
    empty = OrgUnit.objects.create(name="Dinas Kosong", kind="dinas", path="9999999/", depth=1)
    f = selectors.agency_adoption(year=YEAR, agency_ids=[empty.pk])[empty.pk]
    assert f.employees == 0
    assert f.announcement_read_rate is None
    assert f.login_rate is None


def test_without_a_calendar_nobody_is_due_for_the_current_period(world, frozen):
    skp_for(world.staff, world.seksi_head)
    f = selectors.agency_adoption(year=YEAR)[world.health.pk]
    assert f.due_current_period == 0
    assert f.not_filled_current_period == 0


def test_figures_take_a_constant_number_of_queries(data, django_assert_max_num_queries):
    w = data.world
    with django_assert_max_num_queries(5):
        small = selectors.agency_adoption(year=YEAR)
    for n in range(15):
        e = make_employee(w.puskesmas, None, f"Tambahan {n}")
        skp_for(e, w.health_head)
    with django_assert_max_num_queries(5):
        grown = selectors.agency_adoption(year=YEAR)
    assert grown[w.health.pk].employees == small[w.health.pk].employees + 15


def test_people_behind_a_figure_are_as_many_as_the_figure(data):
    w = data.world
    figures = selectors.agency_adoption(year=YEAR)
    for kind, attribute in [
        ("never_logged_in", "never_logged_in"),
        ("without_skp", "without_skp"),
        ("not_filled", "not_filled_current_period"),
        ("assessors_waiting", "assessors_with_evaluations_waiting"),
    ]:
        people = selectors.people_behind(kind=kind, year=YEAR, agency_ids=[w.health.pk])
        assert people.count() == getattr(figures[w.health.pk], attribute), kind
    names = {
        e.name for e in selectors.people_behind(kind="never_logged_in", year=YEAR, agency_ids=None)
    }
    assert {"Tanpa Akun", "Siti Perawat", "Pegawai Baru Diskominsa"} <= names
    assessors = list(selectors.people_behind(kind="assessors_waiting", year=YEAR, agency_ids=None))
    assert [(a.pk, a.waiting) for a in assessors] == [(w.seksi_head.pk, 1)]


def test_an_opd_admin_is_scoped_to_their_agency_and_a_head_of_agency_to_theirs(data):
    w = data.world
    assert selectors.scoped_agency_ids(User.objects.get(employee=w.health_admin)) == [w.health.pk]
    assert selectors.scoped_agency_ids(User.objects.get(employee=w.it_head)) == [w.it_agency.pk]
    assert selectors.scoped_agency_ids(User.objects.get(employee=w.bkpsdm_admin)) is None
    assert selectors.scoped_agency_ids(User.objects.get(employee=w.staff)) == []
    assert selectors.scoped_agency_ids(User.objects.get(employee=w.seksi_head)) == []
    admin = User.objects.get(employee=w.health_admin)
    assert selectors.adoption_for(admin, year=YEAR, agency_id=w.it_agency.pk) == {}
    assert list(selectors.adoption_for(admin, year=YEAR)) == [w.health.pk]


def test_read_rates_per_announcement_and_agency(data):
    w = data.world
    [rate] = selectors.announcement_rates(year=YEAR)
    assert rate.announcement_id == data.announcement.pk
    assert (rate.delivered, rate.read) == (13, 3)  # the regent has no agency but counts
    assert rate.by_agency[None] == (1, 0)
    assert rate.agency_rate(w.it_agency.pk) == 2 / 3
    assert rate.agency_rate(w.health.pk) == 1 / 6
    [own] = selectors.announcement_rates(year=YEAR, agency_ids=[w.health.pk])
    assert (own.delivered, own.read) == (6, 1)
    assert set(own.by_agency) == {w.health.pk}


def test_a_read_mark_without_a_delivered_notification_is_not_counted(data):
    """Someone who joined after publication may open the announcement; it was never delivered
    to them, so the read does not raise the read rate above what was delivered."""
    w = data.world
    newcomer = User.objects.get(employee=data.it_new)
    Notification.objects.filter(recipient=newcomer).delete()  # as if joined after publication
    AnnouncementRead.objects.create(announcement=data.announcement, user=newcomer)
    [rate] = selectors.announcement_rates(year=YEAR, agency_ids=[w.it_agency.pk])
    delivered, read = rate.by_agency[w.it_agency.pk]
    assert read == 2 and delivered == 2  # the IT head and staff; the newcomer is in neither


def test_current_period_is_the_open_window_that_closes_first(data):
    import datetime as dt

    assert selectors.current_period(YEAR, dt.date(YEAR, 4, 5)).number == 1  # Q1 still open
    assert selectors.current_period(YEAR, dt.date(YEAR, 4, 20)).number == 2  # Q1 closed
    assert selectors.current_period(YEAR - 1, dt.date(YEAR, 4, 5)) is None  # no calendar
