"""Permission-matrix routes of the leadership pages added for large teams (search endpoints of
the direction form)."""

from __future__ import annotations

from tests.matrix import Route, no_args, only

# Heads of units and assessors (the workspace's LEADERS in tests/test_permission_matrix.py).
LEADERS = ("seksi_head", "bidang_head", "health_head", "regent")


def _search(w, me):
    return {"q": "a"}


ROUTES = {
    "leadership:member_options": {
        "-": Route(no_args, only(LEADERS, 200, 403), query=_search),
    },
    "leadership:rhk_search": {
        "-": Route(no_args, only(LEADERS, 200, 403), query=_search),
    },
}
