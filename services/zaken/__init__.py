"""Zaken API 1.5.1 (to be built; see the issue tracker)."""
