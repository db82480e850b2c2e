"""Angka kredit for functional officials from the annual predicate (PermenPANRB 1/2023,
PerBKN 3/2023 on the conversion of predikat kinerja into angka kredit).

AK = percentage of the predicate × annual coefficient of the level, pro rata months/12 for a
part year. Results are Decimals rounded half-up to 3 decimal places, the precision of the
coefficients themselves (e.g. 37.5 × 75 % × 5/12 = 11.719).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType

from kinerja.organisations.domain.positions import FunctionalLevel

from .ratings import Predicate

CREDIT_PERCENTAGES: Mapping[Predicate, Decimal] = MappingProxyType(
    {
        Predicate.SANGAT_BAIK: Decimal(150),
        Predicate.BAIK: Decimal(100),
        Predicate.BUTUH_PERBAIKAN: Decimal(75),
        Predicate.KURANG: Decimal(50),
        Predicate.SANGAT_KURANG: Decimal(25),
    }
)

# Annual coefficients per level: editable defaults, configured per deployment.
DEFAULT_COEFFICIENTS: Mapping[FunctionalLevel, Decimal] = MappingProxyType(
    {
        FunctionalLevel.AHLI_PERTAMA: Decimal("12.5"),  # seen in sources
        FunctionalLevel.AHLI_MUDA: Decimal("25"),  # UNCONFIRMED
        FunctionalLevel.AHLI_MADYA: Decimal("37.5"),  # seen in sources
        FunctionalLevel.AHLI_UTAMA: Decimal("50"),  # UNCONFIRMED
        FunctionalLevel.PEMULA: Decimal("3.75"),  # UNCONFIRMED (no source found at all)
        FunctionalLevel.TERAMPIL: Decimal("5"),  # UNCONFIRMED
        FunctionalLevel.MAHIR: Decimal("12.5"),  # UNCONFIRMED
        FunctionalLevel.PENYELIA: Decimal("25"),  # UNCONFIRMED
    }
)

_THREE_PLACES = Decimal("0.001")


def credit_points(predicate: Predicate, annual_coefficient: Decimal, months: int = 12) -> Decimal:
    """Angka kredit earned in a year (or `months` of it) with `predicate` (PerBKN 3/2023)."""
    if not 1 <= months <= 12:
        raise ValueError("Jumlah bulan harus antara 1 dan 12.")
    coefficient = Decimal(annual_coefficient)
    if coefficient < 0:
        raise ValueError("Koefisien angka kredit tidak boleh negatif.")
    pct = CREDIT_PERCENTAGES[Predicate(predicate)]
    value = pct * coefficient * months / (Decimal(100) * 12)
    return value.quantize(_THREE_PLACES, rounding=ROUND_HALF_UP)
