"""Helpers shared by the evaluation pages: running a service, the page's objects or 404, the year."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404

from kinerja.core import clock
from kinerja.core.concurrency import StaleObjectError
from kinerja.core.http import get_visible_or_404
from kinerja.core.uploads import UploadError
from kinerja.organisations.models import OrgUnit
from kinerja.planning.models import Skp

from ..errors import StateError
from ..models import Period
from ..selectors.periods import my_period

STALE = (
    "Data telah diubah oleh pengguna lain sejak Anda membukanya; periksa isi terbaru lalu ulangi."
)


def period_page_or_404(user, skp_id: int, period_id: int):
    try:
        return my_period(user, skp_id=skp_id, period_id=period_id)
    except (Skp.DoesNotExist, Period.DoesNotExist) as exc:
        raise Http404("Data tidak ditemukan.") from exc


def run_service(request, action, success: str) -> bool:
    """Call a service; turn expected refusals into messages (403 stays 403)."""
    try:
        action()
    except StaleObjectError:
        messages.error(request, STALE)
    except (StateError, UploadError) as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, success)
        return True
    return False


def agency_or_404(request) -> OrgUnit:
    agency = get_visible_or_404(
        OrgUnit.objects.visible_to(request.user), pk=request.GET.get("unit") or 0
    )
    if not agency.is_agency:
        raise Http404("Bukan perangkat daerah.")
    return agency


def requested_year(request, source=None) -> int:
    """The `tahun` parameter within a sane range, else this year."""
    raw = (source if source is not None else request.GET).get("tahun") or ""
    try:
        year = int(raw)
    except ValueError:
        return clock.today().year
    return year if 2000 <= year <= 2100 else clock.today().year
