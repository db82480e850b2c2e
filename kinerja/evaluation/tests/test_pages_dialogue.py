"""Dialog kinerja pages: the pairs list, dated notes with agreed actions, carried open actions,
closing an action, the panels other apps add, and the scope (404/403)."""

from __future__ import annotations

import datetime as dt

from django.test import override_settings
from django.urls import reverse

from kinerja.audit.models import AuditEvent
from kinerja.evaluation import services
from kinerja.evaluation.models import ActionStatus, Dialogue, DialogueAction
from kinerja.evaluation.panels import DialoguePanel

SEEN = []


def follow_up_panel(*, employee, viewer):
    """A provider as the leadership app would register it (records what it was called with)."""
    SEEN.append((employee.pk, viewer.pk))
    yield DialoguePanel(
        title="Tindak lanjut kunjungan lapangan",
        template="evaluation/_panel_items.html",
        context={"items": [{"text": "Perbaiki antrean loket", "detail": "tenggat 30 Apr"}]},
    )


def dialogue_url(ev):
    return reverse("evaluation:dialogue", args=[ev.skp.pk])


def post_dialogue(client, ev, **extra):
    data = {"date": "2026-04-02", "notes": "Membahas capaian triwulan I."} | extra
    return client.post(reverse("evaluation:dialogue_add", args=[ev.skp.pk]), data)


def test_employee_records_a_dialogue_with_an_agreed_action_and_owner_and_due_date(ev, login):
    client = login(ev.world.staff)
    response = post_dialogue(
        client,
        ev,
        action_1="Lengkapi laporan Maret",
        owner_1=str(ev.world.staff.pk),
        due_1="2026-04-15",
    )
    assert response.status_code == 302
    dialogue = Dialogue.objects.get()
    action = DialogueAction.objects.get()
    assert dialogue.date == dt.date(2026, 4, 2) and action.owner == ev.world.staff
    assert action.due_date == dt.date(2026, 4, 15) and action.status == ActionStatus.OPEN
    html = client.get(dialogue_url(ev)).content.decode()
    assert "Membahas capaian triwulan I." in html and "Lengkapi laporan Maret" in html
    assert AuditEvent.objects.filter(action="evaluation.dialogue_recorded").count() == 1


def test_open_actions_are_carried_into_the_next_dialogue_and_shown_as_carried(ev, login):
    client = login(ev.world.seksi_head)
    post_dialogue(
        client, ev, date="2026-03-01", action_1="Susun SOP", owner_1=str(ev.world.staff.pk)
    )
    post_dialogue(client, ev, date="2026-04-01", notes="Dialog kedua.")
    old, carried = DialogueAction.objects.order_by("id")
    assert old.status == ActionStatus.CARRIED and carried.carried_from == old
    assert carried.status == ActionStatus.OPEN and carried.dialogue.date == dt.date(2026, 4, 1)
    html = client.get(dialogue_url(ev)).content.decode()
    assert "dibawa dari dialog 1 Mar 2026" in html


def test_assessor_closes_an_action_and_it_is_audited(ev, login):
    dialogue = services.record_dialogue(
        actor=ev.user(ev.world.staff),
        skp=ev.skp,
        date=dt.date(2026, 4, 1),
        notes="Catatan",
        actions=[services.NewAction("Kirim data", ev.world.staff, dt.date(2026, 4, 10))],
    )
    action = dialogue.actions.get()
    client = login(ev.world.seksi_head)
    response = client.post(reverse("evaluation:action_done", args=[action.pk]))
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE and action.closed_at is not None
    assert action.closed_by == ev.user(ev.world.seksi_head)
    assert AuditEvent.objects.filter(action="evaluation.dialogue_action_done").exists()
    client.post(reverse("evaluation:action_done", args=[action.pk]))
    assert "tidak lagi terbuka" in client.get(dialogue_url(ev)).content.decode()


def test_a_dialogue_in_the_future_or_an_action_due_before_it_is_refused(ev, login):
    client = login(ev.world.staff)
    response = post_dialogue(client, ev, date="2026-05-01")
    assert response.status_code == 422
    assert "tidak boleh setelah hari ini" in response.content.decode()
    response = post_dialogue(
        client, ev, action_1="Sesuatu", owner_1=str(ev.world.staff.pk), due_1="2026-03-01"
    )
    assert response.status_code == 422
    assert "Tenggat tindak lanjut tidak boleh sebelum tanggal dialog" in response.content.decode()
    response = post_dialogue(client, ev, action_1="Tanpa penanggung jawab")
    assert response.status_code == 422
    assert "Pilih penanggung jawab" in response.content.decode()
    assert not Dialogue.objects.exists() and not DialogueAction.objects.exists()


def test_only_the_pair_writes_others_who_see_the_skp_read_and_outsiders_get_404(ev, login):
    assert login(ev.world.it_staff).get(dialogue_url(ev)).status_code == 404
    admin = login(ev.world.health_admin)
    page = admin.get(dialogue_url(ev))
    assert page.status_code == 200 and "Catat dialog baru" not in page.content.decode()
    assert post_dialogue(admin, ev).status_code == 403
    assert not Dialogue.objects.exists()


def test_dialogues_list_shows_each_pair_with_open_actions(ev, login):
    services.record_dialogue(
        actor=ev.user(ev.world.staff),
        skp=ev.skp,
        date=dt.date(2026, 4, 1),
        notes="Catatan",
        actions=[services.NewAction("Kirim data", ev.world.seksi_head)],
    )
    html = login(ev.world.seksi_head).get(reverse("evaluation:dialogues")).content.decode()
    # The seksi head is the assessor of the staff and the employee of their own SKP.
    assert ev.world.staff.full_name in html and "Pejabat penilai" in html
    assert '<span class="badge text-bg-warning">1</span>' in html
    assert "Pegawai" in html


@override_settings(
    KINERJA_DIALOGUE_PANELS=["kinerja.evaluation.tests.test_pages_dialogue.follow_up_panel"]
)
def test_panels_of_other_apps_are_rendered_for_the_employee_and_viewer(ev, login):
    SEEN.clear()
    html = login(ev.world.seksi_head).get(dialogue_url(ev)).content.decode()
    assert "Tindak lanjut kunjungan lapangan" in html
    assert "Perbaiki antrean loket" in html and "tenggat 30 Apr" in html
    called = SEEN
    assert called == [(ev.world.staff.pk, ev.user(ev.world.seksi_head).pk)]


def test_dialogue_page_query_count_does_not_grow_with_dialogues(ev, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    staff = ev.user(ev.world.staff)
    client = login(ev.world.staff)

    def add(day):
        services.record_dialogue(
            actor=staff,
            skp=ev.skp,
            date=dt.date(2026, 3, day),
            notes=f"Dialog {day}",
            actions=[services.NewAction(f"Aksi {day}", ev.world.staff, dt.date(2026, 4, 1))],
        )

    add(1)
    client.get(dialogue_url(ev))
    with CaptureQueriesContext(connection) as few:
        client.get(dialogue_url(ev))
    for day in range(2, 12):
        add(day)
    with CaptureQueriesContext(connection) as many:
        assert client.get(dialogue_url(ev)).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)
