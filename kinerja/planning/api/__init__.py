"""API: SKPs with their content, workflow actions, and the cascade of an RHK; scoped like pages.

One `router` (in `_common`) that every module registers its endpoints on; the modules are
imported here in the order the endpoints appear in the OpenAPI document:

- `skps`: the list and the detail of an SKP;
- `workflow`: submit, approve, return, request a revision;
- `cascade`: the cascade of one RHK;
- `content`: editing the RHKs and indicators of a draft;
- `revisions`: the assessor's decision on a revision request;
- `org_plans`: the regent's goals and the agencies' Perjanjian Kinerja.
"""

from ._common import router

# Importing a module registers its endpoints on the router, and the OpenAPI document lists them
# in that order: keep it.
from . import skps, workflow, cascade, content, revisions, org_plans  # noqa: F401  # isort: skip

__all__ = ["router"]
