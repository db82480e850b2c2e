"""The yearly JP duty: a minimum for PNS, a cap for PPPK.

* PNS (and CPNS): at least 20 JP of competency development a year (PP 11/2017 as amended by
  PP 17/2020, art. 203(4)).
* PPPK (full and part time): the rules set at most 24 JP per contract year, a cap and not a
  minimum. A PPPK is therefore never flagged as under target.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from enum import StrEnum

PNS_MINIMUM_JP = Decimal(20)
PPPK_CAP_JP = Decimal(24)


class AsnStatus(StrEnum):
    """Mirrors the employee status stored by organisations (same slugs)."""

    PNS = "pns"
    CPNS = "cpns"
    PPPK = "pppk"
    PPPK_PART_TIME = "pppk_part_time"


# The statuses the yearly minimum applies to (PP 11/2017 art. 203(4)); every other status has a cap.
MINIMUM_DUTY_STATUSES = frozenset({AsnStatus.PNS, AsnStatus.CPNS})


@dataclass(frozen=True)
class JpTarget:
    """What the rules ask of an employee's yearly JP: a `minimum`, a `cap`, or neither."""

    status: AsnStatus
    minimum: Decimal | None
    cap: Decimal | None
    period: str
    legal_basis: str

    @property
    def description(self) -> str:
        if self.minimum is not None:
            return f"Paling sedikit {self.minimum} JP per {self.period}"
        return f"Paling banyak {self.cap} JP per {self.period}; tidak ada batas minimum"


_PNS_BASIS = "PP 11/2017 jo. PP 17/2020 Pasal 203 ayat (4)"
_PPPK_BASIS = (
    "Ketentuan pengembangan kompetensi PPPK: paling banyak 24 JP per tahun masa perjanjian kerja"
)


def jp_target(status: str) -> JpTarget:
    """The JP target for an employee status (accepts the stored slug or an AsnStatus)."""
    try:
        asn = AsnStatus(status)
    except ValueError:
        raise ValueError(f"Status pegawai tidak dikenal: {status!r}.") from None
    if asn in MINIMUM_DUTY_STATUSES:
        return JpTarget(asn, PNS_MINIMUM_JP, None, "tahun", _PNS_BASIS)
    return JpTarget(asn, None, PPPK_CAP_JP, "tahun masa perjanjian kerja", _PPPK_BASIS)


def is_below_target(status: str, total_jp: Decimal) -> bool:
    """True only for a PNS/CPNS under the 20 JP minimum; never for a PPPK."""
    target = jp_target(status)
    return target.minimum is not None and Decimal(total_jp) < target.minimum


@dataclass(frozen=True)
class JpProgress:
    """A progress bar: `share` in [0, 1] (rounded down to 4 places) and `percent` for its width."""

    target: JpTarget
    total: Decimal
    share: Decimal
    below_target: bool
    over_cap: bool

    @property
    def percent(self) -> int:
        return int(self.share * 100)

    @property
    def text(self) -> str:
        total = f"{self.total.normalize():f}".replace(".", ",")
        if self.target.minimum is not None:
            return f"{total} dari minimal {self.target.minimum} JP"
        return f"{total} dari batas {self.target.cap} JP"


def progress(status: str, total_jp: Decimal) -> JpProgress:
    """The bar for a year's JP: PNS total/20 (capped at 100 %), PPPK total/24 as use of the cap."""
    target = jp_target(status)
    total = Decimal(total_jp)
    if total < 0:
        raise ValueError("Total JP tidak boleh negatif.")
    reference = target.minimum if target.minimum is not None else target.cap
    assert reference is not None
    share = min(total / reference, Decimal(1)).quantize(Decimal("0.0001"), rounding=ROUND_DOWN)
    return JpProgress(
        target=target,
        total=total,
        share=share,
        below_target=is_below_target(status, total),
        over_cap=target.cap is not None and total > target.cap,
    )
