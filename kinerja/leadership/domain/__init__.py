"""Pure rules of the leadership app (no Django)."""
