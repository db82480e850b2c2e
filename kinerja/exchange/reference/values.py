"""Reading one cell of a reference row: text, NIP, and the Kinerja unit or position kind a SIASN
row describes (from its `jenis`, its eselon, or failing those the unor name)."""

from __future__ import annotations

import re
from typing import Any

from kinerja.accounts.imports import cells
from kinerja.organisations.domain.nip import NipError, parse_nip
from kinerja.organisations.domain.positions import FunctionalLevel, PositionKind
from kinerja.organisations.models import UnitKind

from .reading import RawRow

# Unit kinds guessed from the SIASN unor name when the file has no `jenis` column.
_NAME_KINDS = (
    (r"^(pemerintah|pemkab)\b", UnitKind.GOVERNMENT),
    (r"^sekretariat\b", UnitKind.SECRETARIAT),
    (r"^dinas\b", UnitKind.DINAS),
    (r"^(badan|bkpsdm|bkd|bappeda|bpbd|bpkd|bpkk|bkpp)\b", UnitKind.BADAN),
    (r"^inspektorat\b", UnitKind.INSPECTORATE),
    (r"^kecamatan\b", UnitKind.KECAMATAN),
    (r"^(rsud|rumah sakit)\b", UnitKind.HOSPITAL),
    (r"^bidang\b", UnitKind.BIDANG),
    (r"^(sub ?bagian|subbag)\b", UnitKind.SUBBAGIAN),
    (r"^bagian\b", UnitKind.BAGIAN),
    (r"^seksi\b", UnitKind.SEKSI),
    (r"^(uptd? )?puskesmas\b", UnitKind.PUSKESMAS),
    (r"^uptd?\b", UnitKind.UPT),
    (r"^(sd|smp|sma|smk|tk|sekolah)\b", UnitKind.SCHOOL),
)
# SIASN eselon (name or id) → position kind.
_ESELON_KINDS = (
    (r"^(i\.|1[12]$|i$)", PositionKind.JPT_MADYA),
    (r"^(ii\b|ii\.|2[12]$)", PositionKind.JPT_PRATAMA),
    (r"^(iii\b|iii\.|3[12]$)", PositionKind.ADMINISTRATOR),
    (r"^(iv\b|iv\.|4[12]$)", PositionKind.PENGAWAS),
)


def _text(row: RawRow, key: str, *, max_length: int) -> str:
    value = row.values.get(key)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return cells.text(value, max_length=max_length)


def _unit_kind(raw: str, name: str) -> str:
    if raw:
        return cells.choice(raw, cells.UNIT_KINDS, "jenis unit seperti dinas, bidang, seksi, upt")
    lowered = name.lower()
    for pattern, kind in _NAME_KINDS:
        if re.search(pattern, lowered):
            return kind.value
    raise cells.CellError(
        "Jenis unit tidak dapat ditentukan dari namanya; isi kolom “jenis” (mis. dinas, bidang, seksi)."
    )


def _position_kind(raw: str, eselon: str, level: str) -> str:
    code = raw.strip().lower()
    if code in {"1", "struktural"}:
        for pattern, kind in _ESELON_KINDS:
            if re.search(pattern, eselon.strip().lower()):
                return kind.value
        raise cells.CellError(
            "Jabatan struktural (jenis 1) memerlukan eselon yang sah, mis. III.a."
        )
    if code in {"2", "fungsional", "fungsional tertentu"}:
        skilled = {
            v.value
            for v in (
                FunctionalLevel.PEMULA,
                FunctionalLevel.TERAMPIL,
                FunctionalLevel.MAHIR,
                FunctionalLevel.PENYELIA,
            )
        }
        return (
            PositionKind.FUNCTIONAL_SKILLED.value
            if level in skilled
            else PositionKind.FUNCTIONAL_EXPERT.value
        )
    if code in {"4", "pelaksana", "fungsional umum"}:
        return PositionKind.PELAKSANA.value
    return cells.choice(
        raw,
        cells.POSITION_KINDS,
        "1 (struktural, dengan eselon), 2 (fungsional), 4 (pelaksana), atau jenis Kinerja",
    )


def _nip(value: Any) -> str:
    if value is None or value == "":
        raise cells.CellError("NIP wajib diisi.")
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    raw = cells.nip_text(value)
    try:
        return parse_nip(raw).value
    except NipError as exc:
        raise cells.CellError(str(exc)) from exc
