"""Reads of the evaluation app; select_related/prefetch_related are decided here."""
