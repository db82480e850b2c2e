"""SIASN-shaped reference files (unor, jabatan, atasan langsung): read, validate, compare.

Pipeline, like the foundation import (`kinerja.accounts.imports`, whose file checks and cell
readers are reused): `read_reference` turns CSV/XLSX/JSON into raw rows, `validate` checks
every row and reports in Indonesian, `differences` compares the valid rows with the current
data field by field. Nothing here writes; `services.apply_import` applies what the admin accepts.

`columns` names the columns of each kind of file, `reading` parses an upload, `values` reads one
cell (text, NIP, unit and position kind), `validation` checks the rows, `comparison` computes the
differences and their fingerprint; the names callers use are re-exported here.
"""

from .columns import SPECS, TITLES, Field
from .comparison import differences, fingerprint
from .reading import Parsed, RawRow, read_reference
from .validation import Checked, validate

__all__ = [
    "SPECS",
    "TITLES",
    "Checked",
    "Field",
    "Parsed",
    "RawRow",
    "differences",
    "fingerprint",
    "read_reference",
    "validate",
]
