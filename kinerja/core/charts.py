"""Server-side SVG charts: pygal, imported safely for every app that draws one."""

from __future__ import annotations

import sys
from types import ModuleType


def load_pygal() -> ModuleType:
    """Import pygal without its legacy import hook.

    pygal appends a `sys.meta_path` finder for map plugins that has no `find_spec`; every later
    import scan (Django's template-tag discovery) then raises ImportWarning, an error under our
    warning policy. No map plugin is used, so the finder is removed.
    """
    import pygal

    sys.meta_path[:] = [f for f in sys.meta_path if type(f).__name__ != "PluginImportFixer"]
    return pygal
