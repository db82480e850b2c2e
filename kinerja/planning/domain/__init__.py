"""Pure planning rules: workflow, form shape, BerAKHLAK, submission and quality checks."""
