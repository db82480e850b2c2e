"""Permission-matrix routes per area; each module defines `ROUTES` (see tests/matrix.py)."""
