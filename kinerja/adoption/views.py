"""Pages of the adoption app (thin: reads from selectors)."""
