"""Pure rules of the exchange app: the documented field mapping of each export file."""
