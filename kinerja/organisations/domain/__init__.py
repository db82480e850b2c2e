"""Pure organisational rules: NIP, position ranks, assessor derivation, supervision cycles."""
