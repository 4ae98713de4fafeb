"""Documenten API 1.5.0."""

API_VERSION = "1.5.0"
API_ROOT = "/documenten/api/v1"
