"""The evaluation API's one router and what its endpoints share: path and text types, and the
mapping of refusals to responses.

404 for what the caller may not see, 403 for what they may not do, 409 when the state forbids
the action, 422 (per field, Indonesian) for bad content.
"""

from typing import Annotated

from django.core.exceptions import ValidationError
from ninja import Field, Path, Query, Router, Status

from kinerja.core.api_schemas import SafeStr
from kinerja.core.concurrency import StaleObjectError
from kinerja.core.uploads import UploadError

from ..errors import StateError

# Every endpoint module registers on this one router; the project includes it (api/routers.py).
router = Router(tags=["Evaluasi Kinerja"])

Id = Annotated[int, Path(ge=1, le=2_147_483_647, description="ID")]
Text = Annotated[SafeStr, Field(min_length=1, max_length=5000)]
Year = Annotated[int, Query(ge=2000, le=2100, description="Tahun")]


def guard(run):
    try:
        return run()
    except StaleObjectError as exc:
        return Status(409, {"detail": str(exc)})
    except StateError as exc:
        return Status(409, {"detail": str(exc)})
    except UploadError as exc:
        if exc.too_large:
            return Status(413, {"detail": str(exc)})
        raise ValidationError({"file": str(exc)}) from exc
