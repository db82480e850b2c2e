"""Building blocks every app's /api/v1 router shares: error bodies, bounded pagination.

They live in core (not in kinerja.api) because the app routers sit below the API layer.
"""

from typing import Annotated, Any

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination
from pydantic import AfterValidator

MAX_PAGE_SIZE = 100
# Far beyond any real list, and small enough for every database's OFFSET.
MAX_OFFSET = 1_000_000


class ErrorOut(Schema):
    """Body of every error answer."""

    detail: str


class ValidationErrorOut(Schema):
    """Body of a 422: a summary and the Indonesian messages per field."""

    detail: str
    errors: dict[str, list[str]]


def error_responses(*codes: int) -> dict[int, Any]:
    """Response declarations for the given error codes (422 carries the per-field errors)."""
    return {code: (ValidationErrorOut if code == 422 else ErrorOut) for code in codes}


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    """limit/offset pagination whose parameters stay within what the database accepts."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=MAX_PAGE_SIZE, description="Jumlah baris per halaman")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Lewati sejumlah baris")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=MAX_PAGE_SIZE, **kwargs)


def _refuse_nul(value: str) -> str:
    # PostgreSQL cannot store or compare text holding NUL; answer 422 instead of a 500.
    if "\x00" in value:
        raise ValueError("Tidak boleh berisi karakter NUL.")
    return value


SafeStr = Annotated[str, AfterValidator(_refuse_nul)]
