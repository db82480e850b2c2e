"""Pure rules of the evaluation app (no Django)."""
