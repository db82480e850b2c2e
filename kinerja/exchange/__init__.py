"""Exchange with the national systems: SIASN and e-Kinerja BKN exports, SIASN reference import."""
