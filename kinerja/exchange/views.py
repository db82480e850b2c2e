"""Pages of the exchange app (thin: reads from selectors, writes through services)."""
