"""Catalogi API 1.3.1."""

API_VERSION = "1.3.1"
API_ROOT = "/catalogi/api/v1"
