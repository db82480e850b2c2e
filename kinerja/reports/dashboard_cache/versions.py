"""The data versions: counters bumped whenever a record the dashboards count is written (the
regency's, each unit's, and the one every unit shares); the cached entries are keyed on them."""

from __future__ import annotations

import time

from django.core.cache import cache

from .keys import AGENCIES_KEY, AGENCY_KEY, VERSION_KEY


def _versions(keys: list[str]) -> list[int]:
    """The current values of the version counters (cache counters; never reused)."""
    found = cache.get_many(keys)
    versions = []
    for key in keys:
        version = found.get(key)
        if version is None:
            # A fresh start (or an evicted counter) begins at the clock, so a value an old
            # entry was keyed on can never come back.
            version = time.time_ns()
            if not cache.add(key, version, None):
                version = cache.get(key, version)
        versions.append(int(version))
    return versions


def _incr(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # no counter yet (or evicted): any new value is unseen
        cache.set(key, time.time_ns(), None)


def data_version(unit_id: int | None = None) -> str:
    """The version of the data a dashboard counts: the regency's (None), or a unit's subtree
    (its own counter and the one every unit shares, for changes whose unit is unknown)."""
    if unit_id is None:
        return str(_versions([VERSION_KEY])[0])
    return _unit_versions([unit_id])[unit_id]


def _unit_versions(unit_ids: list[int]) -> dict[int, str]:
    """`data_version` of several units, with one read of the cache."""
    shared, *own = _versions([AGENCIES_KEY, *(AGENCY_KEY.format(agency=i) for i in unit_ids)])
    return {unit_id: f"{shared}.{v}" for unit_id, v in zip(unit_ids, own, strict=True)}


def bump_data_version(*unit_ids: int) -> None:
    """Make the figures that count a change stale: the regency's always, and those of the units
    on the path of the changed record's unit (from the root down to that unit) when known, else
    every unit's."""
    _incr(VERSION_KEY)
    if not unit_ids:
        _incr(AGENCIES_KEY)
    for unit_id in unit_ids:
        _incr(AGENCY_KEY.format(agency=unit_id))
