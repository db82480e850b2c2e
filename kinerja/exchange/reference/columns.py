"""The columns of each SIASN reference file (unor, jabatan, atasan langsung) and their aliases."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    key: str
    header: str  # how the report names the column
    aliases: tuple[str, ...]
    required: bool = False


SPECS: dict[str, tuple[Field, ...]] = {
    "unor": (
        Field("code", "id", ("id", "unorid", "idunor", "kodeunor", "kode"), True),
        Field("name", "nama_unor", ("namaunor", "nama", "unornama"), True),
        Field(
            "parent_code",
            "diatasan_id",
            ("diatasanid", "diatasan", "induk", "kodeinduk", "idatasan", "parentid"),
        ),
        Field("kind", "jenis", ("jenis", "jenisunit", "jenisunor")),
    ),
    "jabatan": (
        Field("code", "id", ("id", "jabatanid", "idjabatan", "kodejabatan", "kode"), True),
        Field("name", "nama_jabatan", ("namajabatan", "nama", "jabatannama"), True),
        Field("unit_code", "unor_id", ("unorid", "idunor", "kodeunor", "unor"), True),
        Field("kind", "jenis_jabatan", ("jenisjabatan", "jenisjabatanid", "jenis"), True),
        Field("eselon", "eselon", ("eselon", "eselonid", "eselonnama")),
        Field("level", "jenjang", ("jenjang", "jenjangjabatan")),
        Field("is_head", "kepala", ("kepala", "kepalaunit")),
    ),
    "superior": (
        Field("nip", "nip", ("nip", "nipbaru", "nippegawai", "pnsnip"), True),
        Field("name", "nama", ("nama", "namapegawai")),
        Field(
            "superior_nip",
            "nip_atasan",
            ("nipatasan", "atasannip", "nipatasanlangsung", "atasanlangsungnip", "nippenilai"),
            True,
        ),
        Field("superior_name", "nama_atasan", ("namaatasan", "atasannama", "namaatasanlangsung")),
    ),
}
TITLES = {"unor": "Unor", "jabatan": "Jabatan", "superior": "Atasan"}
