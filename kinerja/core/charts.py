"""Server-side SVG charts (pygal, no JavaScript: they print as drawn), shared by every app that
draws one: pygal imported safely, one look for every chart, and a cache of the drawn SVG."""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable, Iterable
from types import ModuleType

from django.core.cache import cache

# The product's palette: blue, green, amber, red, purple, grey (Bootstrap's tones, a little darker
# so that they print).
COLOURS = ("#2f6db5", "#1b7f3b", "#f0ad4e", "#d9534f", "#6f42c1", "#9aa5b1")
FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"


def load_pygal() -> ModuleType:
    """Import pygal without its legacy import hook.

    pygal appends a `sys.meta_path` finder for map plugins that has no `find_spec`; every later
    import scan (Django's template-tag discovery) then raises ImportWarning, an error under our
    warning policy. No map plugin is used, so the finder is removed.
    """
    import pygal

    sys.meta_path[:] = [f for f in sys.meta_path if type(f).__name__ != "PluginImportFixer"]
    return pygal


def chart_style(colours: Iterable[str] = COLOURS):
    """The one look of the product's charts: white, the page's sans-serif font, series in
    `colours` (in the order they are added)."""
    load_pygal()  # pygal without its legacy import hook, before any pygal submodule
    from pygal.style import Style

    return Style(
        background="white",
        plot_background="white",
        foreground="#222",
        foreground_strong="#111",
        foreground_subtle="#666",
        colors=tuple(colours),
        font_family=FONT,
        label_font_size=11,
        major_label_font_size=11,
        legend_font_size=11,
        title_font_size=14,
        value_font_size=10,
    )


def cached_svg(prefix: str, data: object, draw: Callable[[], str], *, timeout: int) -> str:
    """The SVG `draw()` returns, from the cache when a chart of the same data was drawn: pygal
    takes tens of milliseconds a chart, more than a page's queries. `data` is everything the
    drawing reads (kind, title, labels, series), so changed data is a different key and nothing
    needs invalidating; `prefix` names the chart's kind and the version of its look. A timeout
    of 0 or less draws every time."""
    digest = hashlib.sha256(json.dumps(data, default=str).encode()).hexdigest()
    key = f"{prefix}:{digest}"
    svg = cache.get(key) if timeout > 0 else None
    if svg is None:
        svg = draw()
        if timeout > 0:
            cache.set(key, svg, timeout)
    return svg
