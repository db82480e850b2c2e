"""The cascade of one RHK: the RHK it intervenes in and the visible RHKs below it."""

from django.http import Http404
from ninja import Schema, Status

from kinerja.core.api_schemas import error_responses

from ..models import Rhk, Skp
from ._common import Id, router


class RhkRef(Schema):
    id: int
    text: str
    skp_id: int
    employee_name: str
    cascading: str


class CascadeOut(Schema):
    rhk: RhkRef
    parent: RhkRef | None
    children: list[RhkRef]


def _ref(rhk: Rhk) -> dict:
    return {
        "id": rhk.pk,
        "text": rhk.text,
        "skp_id": rhk.skp_id,
        "employee_name": rhk.skp.employee_name,
        "cascading": rhk.cascading,
    }


@router.get(
    "/rhks/{rhk_id}/cascade",
    operation_id="kinerja_planning_api_cascade",
    response={200: CascadeOut, **error_responses(401, 404, 422)},
    summary="Cascading satu RHK: RHK atasan dan RHK bawahan yang terlihat",
)
def cascade(request, rhk_id: Id):
    visible = Skp.objects.visible_to(request.user)
    rhk = Rhk.objects.filter(skp__in=visible, pk=rhk_id).select_related("skp").first()
    if rhk is None:
        raise Http404
    # The RHK this one intervenes in is part of its row on the SKP form, so whoever sees the RHK
    # sees its parent; children are listed only from SKPs the user may see.
    parent = Rhk.objects.select_related("skp").get(pk=rhk.parent_id) if rhk.parent_id else None
    children = Rhk.objects.filter(skp__in=visible, parent=rhk).select_related("skp")
    return Status(
        200,
        {
            "rhk": _ref(rhk),
            "parent": _ref(parent) if parent else None,
            "children": [_ref(c) for c in children.order_by("skp__employee_name", "id")],
        },
    )
