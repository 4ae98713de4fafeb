"""Zaken API 1.5.1."""

API_VERSION = "1.5.1"
API_ROOT = "/zaken/api/v1"
