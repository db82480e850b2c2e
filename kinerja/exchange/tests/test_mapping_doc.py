"""docs/integration-siasn.md documents exactly the mapping the code uses."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from kinerja.exchange.domain.mapping import FILES

DOC = Path(settings.BASE_DIR) / "docs" / "integration-siasn.md"


def test_every_export_column_is_documented_with_its_source_and_siasn_field():
    text = DOC.read_text(encoding="utf-8")
    for columns in FILES.values():
        for c in columns:
            siasn = f"`{c.siasn}`" if c.siasn else "—"
            assert f"| `{c.name}` | {c.source} | {siasn} |" in text, c.name


def test_the_documented_codes_are_the_codes_the_exports_write():
    from kinerja.exchange.domain.mapping import PREDICATE_CODES, RATING_CODES

    text = DOC.read_text(encoding="utf-8")
    assert RATING_CODES == {"above": 1, "meets": 2, "below": 3}
    assert "1 = Di Atas Ekspektasi, 2 = Sesuai, 3 = Di Bawah" in text
    assert list(PREDICATE_CODES.values()) == [1, 2, 3, 4, 5]
    assert "1 Sangat Baik, 2 Baik, 3 Butuh Perbaikan, 4 Kurang/Misconduct, 5 Sangat Kurang" in text
