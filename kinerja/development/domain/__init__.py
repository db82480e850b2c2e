"""Pure rules of the development app (no Django)."""
