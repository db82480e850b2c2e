"""Adoption figures: who has not yet taken up the cycle, per agency and regency, over the weeks."""
