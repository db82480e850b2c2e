"""Permission-matrix routes of the inspectorate's view (issue 7)."""

from tests.matrix import Route, no_args, only

OVERSEERS = ("bkpsdm_admin", "auditor")

ROUTES = {
    "oversight:exceptions": {"-": Route(no_args, only(OVERSEERS, 200, 403))},
    "oversight:exceptions_xlsx": {"-": Route(no_args, only(OVERSEERS, 200, 403))},
}
