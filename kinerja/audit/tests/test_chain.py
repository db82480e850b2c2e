"""The audit trail is a hash chain: clean chains verify, every kind of tampering is caught."""

from __future__ import annotations

import contextlib
import itertools

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from kinerja.audit.chain import GENESIS, entry_hash
from kinerja.audit.models import AuditEvent, AuditHead
from kinerja.audit.services import record, snapshot, verify_chain

pytestmark = pytest.mark.django_db

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the append-only trigger exists on PostgreSQL only"
)


@contextlib.contextmanager
def as_table_owner():
    """Simulate an attacker with the owner's rights: switch the append-only trigger off."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER USER")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER USER")


@pytest.fixture
def chain():
    """Five entries, as services would write them."""
    return [
        record(
            actor=None,
            action="test.change",
            object_type="uji.objek",
            object_id=i,
            object_repr=f"Objek {i}",
            before={"nilai": i},
            after={"nilai": i + 1},
            reason="uji",
        )
        for i in range(1, 6)
    ]


def test_record_links_each_entry_to_the_previous_hash(chain):
    assert [e.seq for e in chain] == [1, 2, 3, 4, 5]
    assert chain[0].prev_hash == GENESIS
    for previous, current in itertools.pairwise(chain):
        assert current.prev_hash == previous.hash
    assert len({e.hash for e in chain}) == 5
    head = AuditHead.objects.get(pk=1)
    assert (head.last_seq, head.last_hash) == (5, chain[-1].hash)


def test_record_takes_the_object_label_from_the_model(world):
    event = record(actor=world.user(world.staff), action="test.touch", obj=world.health)
    assert event.object_type == "organisations.orgunit"
    assert event.object_id == str(world.health.pk)
    assert event.object_repr == str(world.health)
    assert event.actor_id == world.user(world.staff).pk
    assert event.actor_label == world.staff.full_name


def test_snapshot_round_trips_dates_so_the_hash_is_stable(world):
    event = record(actor=None, action="test.snap", obj=world.staff, after=snapshot(world.staff))
    event.refresh_from_db()
    assert isinstance(event.after["birth_date"], str)
    assert verify_chain().ok


def test_empty_chain_verifies():
    result = verify_chain()
    assert result.ok
    assert result.checked == 0


def test_clean_chain_verifies(chain):
    result = verify_chain()
    assert result.ok
    assert result.checked == 5


@pytest.mark.parametrize(
    "change",
    [
        {"before": {"nilai": 99}},
        {"after": {"nilai": 100}},
        {"after": None},
        {"actor_label": "Orang Lain"},
        {"actor_id": 777},
        {"action": "test.other"},
        {"reason": "diubah diam-diam"},
    ],
    ids=lambda c: next(iter(c)),
)
def test_edited_entry_is_detected(chain, change):
    with as_table_owner():
        AuditEvent.objects.filter(seq=3).update(**change)
    result = verify_chain()
    assert not result.ok
    assert result.broken_seq == 3
    assert result.checked == 2
    assert result.problem == "isi entri telah diubah"


def test_edit_with_a_recomputed_hash_breaks_the_next_link(chain):
    forged = AuditEvent.objects.get(seq=3)
    forged.reason = "dipalsukan"
    from kinerja.audit.services import _payload

    forged.hash = entry_hash(forged.prev_hash, _payload(forged))
    with as_table_owner():
        AuditEvent.objects.filter(pk=forged.pk).update(reason=forged.reason, hash=forged.hash)
    result = verify_chain()
    assert (result.ok, result.broken_seq) == (False, 4)
    assert result.problem == "rantai terputus: hash sebelumnya tidak cocok"


def test_deleted_middle_entry_is_detected(chain):
    with as_table_owner():
        AuditEvent.objects.filter(seq=3).delete()
    result = verify_chain()
    assert (result.ok, result.broken_seq) == (False, 3)
    assert result.problem == "entri #3 hilang (terhapus)"


def test_deleted_last_entry_is_detected_through_the_head(chain):
    with as_table_owner():
        AuditEvent.objects.filter(seq=5).delete()
    result = verify_chain()
    assert (result.ok, result.broken_seq, result.checked) == (False, 5, 4)
    assert result.problem == "entri terakhir hilang atau kepala rantai diubah"


def test_forged_hash_is_detected(chain):
    with as_table_owner():
        AuditEvent.objects.filter(seq=2).update(hash="f" * 64)
    result = verify_chain()
    assert (result.ok, result.broken_seq) == (False, 2)


def test_reordered_entries_are_detected(chain):
    # Swap the contents of entries 2 and 4 while keeping their sequence numbers.
    with as_table_owner():
        two, four = AuditEvent.objects.get(seq=2), AuditEvent.objects.get(seq=4)
        AuditEvent.objects.filter(pk=two.pk).update(seq=1000)
        AuditEvent.objects.filter(pk=four.pk).update(seq=2)
        AuditEvent.objects.filter(pk=two.pk).update(seq=4)
    result = verify_chain()
    assert (result.ok, result.broken_seq) == (False, 2)
    assert result.problem == "rantai terputus: hash sebelumnya tidak cocok"


def test_verify_audit_command_prints_ok_on_a_clean_chain(chain, capsys):
    call_command("verify_audit")
    assert capsys.readouterr().out.strip() == "OK: 5 entri utuh."


def test_verify_audit_command_fails_with_the_first_broken_entry(chain):
    with as_table_owner():
        AuditEvent.objects.filter(seq=2).update(after={"nilai": 0})
        AuditEvent.objects.filter(seq=4).update(after={"nilai": 0})
    with pytest.raises(CommandError) as excinfo:
        call_command("verify_audit")
    assert str(excinfo.value) == (
        "RUSAK pada entri #2: isi entri telah diubah (1 entri sebelumnya utuh)."
    )


@on_postgres
def test_database_refuses_to_update_an_audit_entry(chain):
    refused = pytest.raises(DatabaseError, match="Jejak audit hanya boleh ditambah")
    with refused, transaction.atomic():
        AuditEvent.objects.filter(seq=1).update(reason="diubah")
    assert AuditEvent.objects.get(seq=1).reason == "uji"


@on_postgres
def test_database_refuses_to_delete_an_audit_entry(chain):
    refused = pytest.raises(DatabaseError, match="Jejak audit hanya boleh ditambah")
    with refused, transaction.atomic():
        AuditEvent.objects.filter(seq=1).delete()
    assert AuditEvent.objects.count() == 5
    assert verify_chain().ok
