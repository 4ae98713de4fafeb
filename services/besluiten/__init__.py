"""Besluiten API 1.0.2."""

API_VERSION = "1.0.2"
API_ROOT = "/besluiten/api/v1"
