"""The SKP content snapshot kept by each version and covered by the document hash (no database)."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest

from kinerja.planning.domain.snapshot import indicator_content, skp_content


def indicator(**overrides):
    values = {
        "aspect": "quantity",
        "text": "Jumlah laporan",
        "target_min": Decimal("12"),
        "target_max": None,
        "target_unit": "laporan",
        "target_text": "",
    }
    return SimpleNamespace(**{**values, **overrides})


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ({}, ("12", None, "laporan", "")),
        (
            {"target_min": Decimal("1.50"), "target_max": Decimal("3")},
            ("1.50", "3", "laporan", ""),
        ),
        (
            {"target_min": None, "target_unit": "", "target_text": "Tepat waktu"},
            (None, None, "", "Tepat waktu"),
        ),
    ],
)
def test_indicator_target_numbers_are_kept_as_exact_strings_or_none(target, expected):
    content = indicator_content(indicator(**target))
    got = (content["target_min"], content["target_max"])
    assert (*got, content["target_unit"], content["target_text"]) == expected


def test_skp_content_lists_rhks_in_the_order_given_with_their_indicators():
    skp = SimpleNamespace(
        pk=7,
        year=2026,
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 12, 31),
        status="approved",
        approach="quantitative",
        form_type="non_jpt",
        employee_name="Ani",
        position_name="Analis",
        unit_name="Dinas Kesehatan",
        assessor_name="Budi",
        assessor_nip="1980",
        superior_name="Citra",
        superior_nip="1970",
    )
    main = SimpleNamespace(
        pk=1,
        group="utama",
        text="Meningkatnya layanan",
        parent_id=9,
        agreement_target_id=None,
        cascading="direct",
        perspective="",
    )
    extra = SimpleNamespace(**{**vars(main), "pk": 2, "group": "tambahan", "parent_id": None})

    content = skp_content(
        skp,
        rhks=[(main, [indicator()]), (extra, [])],
        expectations={"berorientasi_pelayanan": "Ramah"},
        attachments=[("resources", "Anggaran")],
    )

    assert content["period"] == ["2026-01-01", "2026-12-31"]
    assert content["assessor"] == {"name": "Budi", "nip": "1980"}
    assert [(r["id"], r["group"], len(r["indicators"])) for r in content["rhks"]] == [
        (1, "utama", 1),
        (2, "tambahan", 0),
    ]
    assert content["rhks"][0]["parent_id"] == 9
    assert content["expectations"] == {"berorientasi_pelayanan": "Ramah"}
    assert content["attachments"] == [{"kind": "resources", "text": "Anggaran"}]
