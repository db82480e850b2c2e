"""/api/v1 editing of a draft SKP (RHK and IKI) and the assessor's revision decisions.

The API uses the same services and the same validation helper as the SKP page, and the same
optimistic lock: a stale `version` is answered 409 with what changed and the current SKP.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from kinerja.audit.models import AuditEvent
from kinerja.planning import org_services, services
from kinerja.planning.models import Indicator, Rhk, Skp

from .helpers import approved_chain, approved_skp, fresh, skp_with_rhk, user_of, year

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(world, client):
    """call(employee, method, url, body=None, **query) → response, with the employee's token."""
    from kinerja.accounts.services import issue_token

    def _call(employee, method, url, body=None):
        _, key = issue_token(user=world.user(employee), name="uji")
        kwargs = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
        if body is not None:
            kwargs.update(data=body, content_type="application/json")
        return getattr(client, method)(url, **kwargs)

    return _call


def test_owner_adds_links_edits_and_deletes_an_rhk_with_its_indicator(world, call):
    _, boss_rhk = approved_chain(world)
    skp = services.create_skp(actor=user_of(world.staff), employee=world.staff, year=year())
    created = call(
        world.staff,
        "post",
        f"/api/v1/skps/{skp.pk}/rhks",
        {
            "version": skp.version,
            "group": "utama",
            "text": "  Tersusunnya laporan layanan  ",
            "parent_id": boss_rhk.pk,
            "cascading": "indirect",
        },
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    rhk_id = body["rhk"]["id"]
    assert body["rhk"]["text"] == "Tersusunnya laporan layanan"  # normalised like the page
    assert body["rhk"]["parent_id"] == boss_rhk.pk and body["skp_version"] == skp.version + 1

    indicator = call(
        world.staff,
        "post",
        f"/api/v1/rhks/{rhk_id}/indicators",
        {
            "version": body["skp_version"],
            "aspect": "quantity",
            "text": "Jumlah laporan",
            "target_min": "10",
            "target_max": "12",
            "target_unit": "laporan",
        },
    )
    assert indicator.status_code == 201, indicator.json()
    saved = indicator.json()
    assert saved["indicator"]["target_max"] == "12.00"
    version = saved["skp_version"]

    edited = call(
        world.staff,
        "put",
        f"/api/v1/indicators/{saved['indicator']['id']}",
        {"version": version, "text": "Kualitas laporan", "target_text": "Diterima tanpa revisi"},
    )
    assert edited.status_code == 200, edited.json()
    assert edited.json()["indicator"]["target_min"] is None
    version = edited.json()["skp_version"]

    renamed = call(
        world.staff,
        "put",
        f"/api/v1/rhks/{rhk_id}",
        {"version": version, "group": "utama", "text": "Tersusunnya laporan bulanan"},
    )
    assert renamed.status_code == 200 and renamed.json()["rhk"]["parent_id"] is None
    version = renamed.json()["skp_version"]

    gone = call(world.staff, "delete", f"/api/v1/rhks/{rhk_id}?version={version}")
    assert gone.status_code == 200 and gone.json()["skp_version"] == version + 1
    assert not Rhk.objects.filter(pk=rhk_id).exists()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "planning.rhk_added",
        "planning.indicator_added",
        "planning.indicator_updated",
        "planning.rhk_updated",
        "planning.rhk_deleted",
    } <= actions


def test_a_stale_version_is_409_saying_what_changed_and_nothing_is_saved(world, call):
    skp, rhk = skp_with_rhk(world.staff)
    first = call(
        world.staff,
        "put",
        f"/api/v1/rhks/{rhk.pk}",
        {"version": skp.version, "group": "utama", "text": "Versi tab pertama"},
    )
    assert first.status_code == 200
    second = call(
        world.staff,
        "put",
        f"/api/v1/rhks/{rhk.pk}",
        {"version": skp.version, "group": "utama", "text": "Versi tab kedua"},
    )
    assert second.status_code == 409
    body = second.json()
    assert f"Anda mengirim versi {skp.version}" in body["detail"]
    assert "Versi tab pertama" in body["detail"]  # what the RHK says now
    assert body["current_version"] == skp.version + 1
    assert body["current"]["rhks"][0]["text"] == "Versi tab pertama"
    assert Rhk.objects.get(pk=rhk.pk).text == "Versi tab pertama"

    deleted = call(world.staff, "delete", f"/api/v1/rhks/{rhk.pk}?version={skp.version}")
    assert deleted.status_code == 409 and Rhk.objects.filter(pk=rhk.pk).exists()


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"text": "   "}, "text", "Rencana hasil kerja wajib diisi."),
        ({"group": "inti"}, "group", "Kelompok RHK harus 'utama' atau 'tambahan'."),
        ({"cascading": "diagonal", "parent_id": "boss"}, "cascading", "Jenis cascading"),
        ({"cascading": "direct"}, "cascading", "hanya diisi bila RHK atasan dipilih"),
        ({"parent_id": 2_000_000}, "parent_id", services.PARENT_CHOICE_MESSAGE),
        ({"parent_id": "other"}, "parent_id", services.PARENT_CHOICE_MESSAGE),
        ({"agreement_target_id": 5}, "agreement_target_id", "Perjanjian Kinerja"),
    ],
    ids=["empty", "group", "cascading", "cascading-unlinked", "unknown", "not-assessor", "pk"],
)
def test_invalid_rhk_content_is_422_per_field_with_the_pages_messages(
    world, call, body, field, message
):
    _, boss_rhk = approved_chain(world)
    # An approved RHK of someone who is not the staff's assessor (the head of the agency).
    other_rhk = Rhk.objects.get(skp__employee=world.health_head)
    skp = services.create_skp(actor=user_of(world.staff), employee=world.staff, year=year())
    ids = {"boss": boss_rhk.pk, "other": other_rhk.pk}
    payload = {"version": skp.version, "group": "utama", "text": "RHK"} | {
        k: ids.get(v, v) for k, v in body.items()
    }
    response = call(world.staff, "post", f"/api/v1/skps/{skp.pk}/rhks", payload)
    assert response.status_code == 422
    assert any(message in m for m in response.json()["errors"][field])
    assert not Rhk.objects.filter(skp=skp).exists() and fresh(skp).version == skp.version


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": "Jumlah laporan"}, "target_min"),  # no target at all
        ({"text": "X", "target_min": "5", "target_max": "3", "target_unit": "x"}, "target_max"),
        ({"text": "X", "target_max": "3", "target_unit": "x"}, "target_min"),
        ({"text": "X", "target_min": "5"}, "target_unit"),
        ({"text": "X", "target_text": "Baik", "aspect": "speed"}, "aspect"),
        ({"text": "X", "target_min": "123456789012345", "target_unit": "x"}, "target_min"),
        ({"text": "X", "target_min": "1.234", "target_unit": "x"}, "target_min"),
        ({"text": "X\x00", "target_text": "Baik"}, "text"),
    ],
    ids=["no-target", "reversed", "max-only", "no-unit", "aspect", "too-big", "decimals", "nul"],
)
def test_invalid_indicator_is_422_per_field_never_500(world, call, body, field):
    skp, rhk = skp_with_rhk(world.staff)
    response = call(
        world.staff, "post", f"/api/v1/rhks/{rhk.pk}/indicators", {"version": skp.version, **body}
    )
    assert response.status_code == 422
    assert response.json()["errors"][field]
    assert Indicator.objects.filter(rhk=rhk).count() == 1


def test_only_the_owner_edits_others_get_403_or_404(world, call):
    skp, rhk = skp_with_rhk(world.staff)
    indicator = Indicator.objects.get(rhk=rhk)
    body = {"version": skp.version, "group": "utama", "text": "Diubah orang lain"}
    # The assessor sees the draft but may not change it; the outsider does not see it.
    assert call(world.seksi_head, "put", f"/api/v1/rhks/{rhk.pk}", body).status_code == 403
    assert call(world.it_staff, "put", f"/api/v1/rhks/{rhk.pk}", body).status_code == 404
    url = f"/api/v1/indicators/{indicator.pk}?version={skp.version}"
    assert call(world.health_admin, "delete", url).status_code == 403
    assert call(world.bidang_head, "delete", url).status_code == 404
    assert Rhk.objects.get(pk=rhk.pk).text == rhk.text and Indicator.objects.filter(pk=indicator.pk)


def test_a_submitted_or_approved_skp_cannot_be_edited_409(world, call):
    _, boss_rhk = approved_chain(world)
    skp, _ = skp_with_rhk(world.staff, parent=boss_rhk)
    services.submit_skp(actor=user_of(world.staff), skp=skp)
    skp = fresh(skp)
    response = call(
        world.staff,
        "post",
        f"/api/v1/skps/{skp.pk}/rhks",
        {"version": skp.version, "group": "tambahan", "text": "Tambahan"},
    )
    assert response.status_code == 409
    assert "tidak dapat diubah" in response.json()["detail"]
    assert Rhk.objects.filter(skp=skp).count() == 1


def test_jpt_links_only_to_its_own_agencys_perjanjian_kinerja(world, call):
    bkpsdm = user_of(world.bkpsdm_admin)
    own = org_services.add_agreement_target(
        actor=bkpsdm,
        unit=world.health,
        year=year(),
        objective="Meningkatnya kualitas pelayanan kesehatan",
        indicator="Indeks kepuasan layanan",
        target_value=Decimal("85"),
        target_unit="indeks",
    )
    foreign = org_services.add_agreement_target(
        actor=bkpsdm,
        unit=world.it_agency,
        year=year(),
        objective="Meningkatnya layanan digital",
        indicator="Indeks SPBE",
        target_value=Decimal("3"),
        target_unit="indeks",
    )
    skp = services.create_skp(
        actor=user_of(world.health_head), employee=world.health_head, year=year()
    )
    url = f"/api/v1/skps/{skp.pk}/rhks"
    base = {"version": skp.version, "group": "utama", "text": "Meningkatnya mutu layanan"}
    refused = call(world.health_head, "post", url, base | {"agreement_target_id": foreign.pk})
    assert refused.status_code == 422
    assert refused.json()["errors"]["agreement_target_id"] == [services.AGREEMENT_CHOICE_MESSAGE]
    accepted = call(
        world.health_head,
        "post",
        url,
        base | {"agreement_target_id": own.pk, "perspective": "service_recipients"},
    )
    assert accepted.status_code == 201
    assert accepted.json()["rhk"]["agreement_target_id"] == own.pk
    assert accepted.json()["rhk"]["perspective"] == "service_recipients"


def _revision_requested(world):
    _, boss_rhk = approved_chain(world)
    skp, _ = approved_skp(world.staff, world.seksi_head, parent=boss_rhk)
    services.request_revision(actor=user_of(world.staff), skp=skp, reason="Target berubah")
    return fresh(skp)


def test_assessor_approves_a_revision_request_and_the_skp_opens_as_a_draft(world, call):
    skp = _revision_requested(world)
    url = f"/api/v1/skps/{skp.pk}/approve-revision"
    assert call(world.staff, "post", url, {}).status_code == 403  # not the owner's decision
    response = call(world.seksi_head, "post", url, {})
    assert response.status_code == 200 and response.json()["status"] == "draft"
    assert AuditEvent.objects.filter(action="planning.skp_approve_revision").exists()
    assert call(world.seksi_head, "post", url, {}).status_code == 409  # nothing pending now


def test_assessor_rejects_a_revision_request_only_with_a_reason(world, call):
    skp = _revision_requested(world)
    url = f"/api/v1/skps/{skp.pk}/reject-revision"
    empty = call(world.seksi_head, "post", url, {"notes": " "})
    assert empty.status_code == 409 and fresh(skp).status == "revision_requested"
    assert call(world.it_staff, "post", url, {"notes": "Tidak"}).status_code == 404
    response = call(world.seksi_head, "post", url, {"notes": "Target tahun ini tetap"})
    assert response.status_code == 200 and response.json()["status"] == "approved"
    assert Skp.objects.get(pk=skp.pk).status == "approved"


EDIT_OPERATIONS = [
    ("post", "/api/v1/skps/{skp_id}/rhks"),
    ("put", "/api/v1/rhks/{rhk_id}"),
    ("delete", "/api/v1/rhks/{rhk_id}"),
    ("post", "/api/v1/rhks/{rhk_id}/indicators"),
    ("put", "/api/v1/indicators/{indicator_id}"),
    ("delete", "/api/v1/indicators/{indicator_id}"),
    ("post", "/api/v1/skps/{skp_id}/approve-revision"),
    ("post", "/api/v1/skps/{skp_id}/reject-revision"),
]


@pytest.mark.parametrize(("method", "path"), EDIT_OPERATIONS)
def test_edit_operations_document_401_403_404_409_422(client, method, path):
    operation = client.get("/api/v1/openapi.json").json()["paths"][path][method]
    assert {"401", "403", "404", "409", "422"} <= {str(c) for c in operation["responses"]}
