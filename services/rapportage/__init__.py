"""Rapportage: management information from zaak events (to be built; see the issue tracker)."""
