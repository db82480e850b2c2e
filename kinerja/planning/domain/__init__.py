"""Pure rules of the planning app (no Django)."""
