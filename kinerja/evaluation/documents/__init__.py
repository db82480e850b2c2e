"""The official evaluation documents: the periodic and annual evaluation of one employee and the
penetapan predikat kinerja of a perangkat daerah, with verification code, QR and content hash.

Every printout is registered in the audit trail (action `evaluation.document_issued`, on the
evaluation or the determination) with its code, the SHA-256 of what it shows and a short
statement of what it states. The chain of the audit trail makes that register tamper-evident, and
no table of its own is needed. The code names the kind and the object (`EVP-12-…` periodic,
`EVT-12-…` annual, `PPK-3-…` penetapan) followed by random characters, so it cannot be guessed,
and printing the same content again gives the same code.

`content` says what a document states, `register` records and verifies printouts, `pdf` renders
them; the names callers use are re-exported here.
"""

from .content import (
    ANNUAL,
    DETERMINATION,
    PERIODIC,
    TITLES,
    EvaluationContent,
    RhkBlock,
    ValueBlock,
    determination_is_intact,
    determination_statement,
    evaluation_content,
    evaluation_snapshot,
    evaluation_statement,
)
from .pdf import DeterminationRow, determination_pdf, evaluation_pdf
from .register import CODE_RE, ISSUED, Issued, Verification, issue, verify, verify_path

__all__ = [
    "ANNUAL",
    "CODE_RE",
    "DETERMINATION",
    "ISSUED",
    "PERIODIC",
    "TITLES",
    "DeterminationRow",
    "EvaluationContent",
    "Issued",
    "RhkBlock",
    "ValueBlock",
    "Verification",
    "determination_is_intact",
    "determination_pdf",
    "determination_statement",
    "evaluation_content",
    "evaluation_pdf",
    "evaluation_snapshot",
    "evaluation_statement",
    "issue",
    "verify",
    "verify_path",
]
