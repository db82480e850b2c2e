"""Pages of the oversight app (thin: reads from selectors, writes through services)."""
