"""Editing a draft or returned SKP: RHKs and indicators (owner only, optimistic lock on the SKP
version; a stale version gets 409 with the SKP as it is now)."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import Field, Query, Schema, Status

from kinerja.core.api_schemas import SafeStr, error_responses
from kinerja.core.concurrency import StaleObjectError

from .. import permissions, services
from ..domain.workflow import TransitionError
from ..models import AgreementTarget, Indicator, Rhk, Skp
from ._common import (
    MAX_ID,
    Id,
    IndicatorOut,
    RhkOut,
    SkpDetailOut,
    _detail_out,
    _rhk_out,
    _skp,
    router,
)

Version = Field(
    ...,
    ge=1,
    le=MAX_ID,
    description="Versi SKP saat Anda memuatnya (`version` pada detail SKP). Bila SKP telah "
    "berubah sejak itu, permintaan ditolak dengan 409 dan isi terbaru dikirim kembali.",
)


class RhkIn(Schema):
    version: int = Version
    group: SafeStr = Field("utama", max_length=20, description="`utama` atau `tambahan`")
    text: SafeStr = Field(..., max_length=5000, description="Rencana hasil kerja")
    parent_id: int | None = Field(
        None,
        ge=1,
        le=MAX_ID,
        description="Non-JPT: RHK pada SKP pejabat penilai (tahun yang sama) yang diintervensi",
    )
    agreement_target_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="JPT: indikator Perjanjian Kinerja perangkat daerah"
    )
    cascading: SafeStr = Field(
        "", max_length=20, description="Non-JPT: `direct` (langsung) atau `indirect`"
    )
    perspective: SafeStr = Field(
        "",
        max_length=40,
        description="JPT: `service_recipients`, `business_process`, "
        "`internal_strengthening` atau `budget`",
    )


class IndicatorIn(Schema):
    version: int = Version
    text: SafeStr = Field(..., max_length=5000, description="Indikator kinerja individu")
    aspect: SafeStr = Field(
        "", max_length=20, description="Non-JPT: `quantity`, `quality`, `time` atau `cost`"
    )
    target_min: Decimal | None = Field(
        None, max_digits=14, decimal_places=2, description="Target (angka)"
    )
    target_max: Decimal | None = Field(
        None, max_digits=14, decimal_places=2, description="Batas atas bila target rentang"
    )
    target_unit: SafeStr = Field("", max_length=60, description="Satuan target angka")
    target_text: SafeStr = Field("", max_length=5000, description="Target kualitatif")


class RhkSavedOut(Schema):
    skp_id: int
    skp_version: int
    rhk: RhkOut


class IndicatorSavedOut(Schema):
    skp_id: int
    skp_version: int
    indicator: IndicatorOut


class DeletedOut(Schema):
    skp_id: int
    skp_version: int


class ConflictOut(Schema):
    """409: the status does not allow the change, or the version sent is stale; for a stale
    version, what changed and the SKP as it is now."""

    detail: str
    current_version: int | None = None
    current: SkpDetailOut | None = None


class VersionQuery(Schema):
    version: int = Version


WRITE_ERRORS = {409: ConflictOut, **error_responses(401, 403, 404, 422)}
EDIT_DESCRIPTION = (
    "Hanya pemilik SKP, selama SKP berstatus draf atau dikembalikan. 403: bukan pemilik; "
    "404: SKP/RHK tidak terlihat; 409: status SKP tidak mengizinkan perubahan, atau `version` "
    "sudah usang (isi terbaru dikirim kembali); 422: isian tidak valid, pesan per kolom."
)
# The names the shared validation helper uses, as the API calls them.
_API_FIELDS = {"parent": "parent_id", "agreement_target": "agreement_target_id"}


def _invalid(exc: ValidationError) -> Status:
    errors = (
        {_API_FIELDS.get(k, k): v for k, v in exc.message_dict.items()}
        if hasattr(exc, "error_dict")
        else {"__all__": exc.messages}
    )
    return Status(422, {"detail": "Data tidak valid.", "errors": errors})


def _stale(request, exc: StaleObjectError, sent_version: int, note: str = "") -> Status:
    current = exc.current
    changes = current.version - sent_version
    detail = (
        f"SKP telah berubah sejak Anda memuatnya: Anda mengirim versi {sent_version}, "
        f"versi sekarang {current.version}"
        + (f" ({changes} perubahan kemudian)" if changes > 0 else "")
        + f", status '{current.get_status_display()}'. "
        + (f"{note} " if note else "")
        + "Perubahan Anda belum disimpan; periksa isi terbaru lalu ulangi."
    )
    return Status(
        409,
        {
            "detail": detail,
            "current_version": current.version,
            "current": _detail_out(_skp(request, current.pk)),
        },
    )


def _editable_skp(request, skp: Skp) -> None:
    """403 for someone who sees the SKP but does not own it (404 came before, when invisible)."""
    if not permissions.is_owner(request.user, skp):
        raise PermissionDenied("Hanya pemilik SKP yang dapat mengubah isinya.")


def _visible_rhk(request, rhk_id: int) -> Rhk:
    rhk = (
        Rhk.objects.filter(skp__in=Skp.objects.visible_to(request.user), pk=rhk_id)
        .select_related("skp")
        .first()
    )
    if rhk is None:
        raise Http404
    _editable_skp(request, rhk.skp)
    return rhk


def _visible_indicator(request, indicator_id: int) -> Indicator:
    indicator = (
        Indicator.objects.filter(rhk__skp__in=Skp.objects.visible_to(request.user), pk=indicator_id)
        .select_related("rhk", "rhk__skp")
        .first()
    )
    if indicator is None:
        raise Http404
    _editable_skp(request, indicator.rhk.skp)
    return indicator


def _rhk_links(payload: RhkIn) -> dict:
    """The RHK and PK target the ids name; an unknown id gets the same message as one that may
    not be chosen (no hint about rows the caller cannot see)."""
    parent = agreement_target = None
    if payload.parent_id is not None:
        parent = Rhk.objects.select_related("skp").filter(pk=payload.parent_id).first()
        if parent is None:
            raise ValidationError({"parent": services.PARENT_CHOICE_MESSAGE})
    if payload.agreement_target_id is not None:
        agreement_target = AgreementTarget.objects.filter(pk=payload.agreement_target_id).first()
        if agreement_target is None:
            raise ValidationError({"agreement_target": services.AGREEMENT_CHOICE_MESSAGE})
    return {"parent": parent, "agreement_target": agreement_target}


def _rhk_kwargs(payload: RhkIn) -> dict:
    """The payload as the keyword arguments of `add_rhk`/`update_rhk` (linked ids looked up)."""
    return {
        "group": payload.group,
        "text": payload.text,
        "cascading": payload.cascading,
        "perspective": payload.perspective,
        **_rhk_links(payload),
    }


def _saved(code: int, skp_id: int, **item) -> Status:
    """A content edit's answer: the SKP's new version, with the saved RHK or indicator."""
    version = Skp.objects.values_list("version", flat=True).get(pk=skp_id)
    return Status(code, {"skp_id": skp_id, "skp_version": version, **item})


def _write(request, skp_id: int, sent_version: int, run, *, note=lambda: ""):
    """Run a content edit, mapping the outcomes to 409 (status or stale version) and 422."""
    try:
        return run()
    except StaleObjectError as exc:
        return _stale(request, exc, sent_version, note())
    except TransitionError as exc:
        return Status(409, {"detail": str(exc)})
    except ValidationError as exc:
        return _invalid(exc)


@router.post(
    "/skps/{skp_id}/rhks",
    operation_id="kinerja_planning_api_skp_rhk_create",
    response={201: RhkSavedOut, **WRITE_ERRORS},
    summary="Tambah RHK pada SKP draf/dikembalikan",
    description=EDIT_DESCRIPTION,
)
def skp_rhk_create(request, skp_id: Id, payload: RhkIn):
    skp = _skp(request, skp_id)
    _editable_skp(request, skp)

    def run():
        rhk = services.add_rhk(
            actor=request.user,
            skp=skp,
            expected_version=payload.version,
            **_rhk_kwargs(payload),
        )
        return _saved(201, skp.pk, rhk=_rhk_out(rhk, rhk.indicators.order_by("order", "id")))

    return _write(request, skp.pk, payload.version, run)


def _rhk_note(rhk_id: int) -> str:
    current = Rhk.objects.filter(pk=rhk_id).values_list("text", flat=True).first()
    if current is None:
        return "RHK ini telah dihapus."
    return f'RHK ini kini berbunyi: "{current[:200]}".'


@router.put(
    "/rhks/{rhk_id}",
    operation_id="kinerja_planning_api_skp_rhk_update",
    response={200: RhkSavedOut, **WRITE_ERRORS},
    summary="Ubah RHK (seluruh isian) pada SKP draf/dikembalikan",
    description=EDIT_DESCRIPTION,
)
def skp_rhk_update(request, rhk_id: Id, payload: RhkIn):
    rhk = _visible_rhk(request, rhk_id)

    def run():
        saved = services.update_rhk(
            actor=request.user,
            rhk=rhk,
            expected_version=payload.version,
            **_rhk_kwargs(payload),
        )
        return _saved(
            200, rhk.skp_id, rhk=_rhk_out(saved, saved.indicators.order_by("order", "id"))
        )

    return _write(request, rhk.skp_id, payload.version, run, note=lambda: _rhk_note(rhk.pk))


@router.delete(
    "/rhks/{rhk_id}",
    operation_id="kinerja_planning_api_skp_rhk_delete",
    response={200: DeletedOut, **WRITE_ERRORS},
    summary="Hapus RHK beserta indikatornya dari SKP draf/dikembalikan",
    description=EDIT_DESCRIPTION,
)
def skp_rhk_delete(request, rhk_id: Id, query: Query[VersionQuery]):
    rhk = _visible_rhk(request, rhk_id)

    def run():
        services.delete_rhk(actor=request.user, rhk=rhk, expected_version=query.version)
        return _saved(200, rhk.skp_id)

    return _write(request, rhk.skp_id, query.version, run, note=lambda: _rhk_note(rhk.pk))


def _indicator_kwargs(payload: IndicatorIn) -> dict:
    return {
        "text": payload.text,
        "aspect": payload.aspect,
        "target_min": payload.target_min,
        "target_max": payload.target_max,
        "target_unit": payload.target_unit,
        "target_text": payload.target_text,
    }


def _indicator_note(indicator_id: int) -> str:
    current = Indicator.objects.filter(pk=indicator_id).first()
    if current is None:
        return "Indikator ini telah dihapus."
    return f'Indikator ini kini: "{current.text[:200]}", target {current.target_display}.'


@router.post(
    "/rhks/{rhk_id}/indicators",
    operation_id="kinerja_planning_api_skp_indicator_create",
    response={201: IndicatorSavedOut, **WRITE_ERRORS},
    summary="Tambah indikator kinerja individu (IKI) dengan targetnya pada RHK",
    description=EDIT_DESCRIPTION
    + " Target: angka (`target_min`, rentang sampai `target_max`) dengan satuan, atau target "
    "kualitatif (`target_text`).",
)
def skp_indicator_create(request, rhk_id: Id, payload: IndicatorIn):
    rhk = _visible_rhk(request, rhk_id)

    def run():
        indicator = services.add_indicator(
            actor=request.user,
            rhk=rhk,
            expected_version=payload.version,
            **_indicator_kwargs(payload),
        )
        return _saved(201, rhk.skp_id, indicator=Indicator.objects.get(pk=indicator.pk))

    return _write(request, rhk.skp_id, payload.version, run, note=lambda: _rhk_note(rhk.pk))


@router.put(
    "/indicators/{indicator_id}",
    operation_id="kinerja_planning_api_skp_indicator_update",
    response={200: IndicatorSavedOut, **WRITE_ERRORS},
    summary="Ubah indikator (IKI) dan targetnya",
    description=EDIT_DESCRIPTION,
)
def skp_indicator_update(request, indicator_id: Id, payload: IndicatorIn):
    indicator = _visible_indicator(request, indicator_id)
    skp_id = indicator.rhk.skp_id

    def run():
        saved = services.update_indicator(
            actor=request.user,
            indicator=indicator,
            expected_version=payload.version,
            **_indicator_kwargs(payload),
        )
        return _saved(200, skp_id, indicator=Indicator.objects.get(pk=saved.pk))

    return _write(request, skp_id, payload.version, run, note=lambda: _indicator_note(indicator.pk))


@router.delete(
    "/indicators/{indicator_id}",
    operation_id="kinerja_planning_api_skp_indicator_delete",
    response={200: DeletedOut, **WRITE_ERRORS},
    summary="Hapus indikator (IKI)",
    description=EDIT_DESCRIPTION,
)
def skp_indicator_delete(request, indicator_id: Id, query: Query[VersionQuery]):
    indicator = _visible_indicator(request, indicator_id)
    skp_id = indicator.rhk.skp_id

    def run():
        services.delete_indicator(
            actor=request.user, indicator=indicator, expected_version=query.version
        )
        return _saved(200, skp_id)

    return _write(request, skp_id, query.version, run, note=lambda: _indicator_note(indicator.pk))
