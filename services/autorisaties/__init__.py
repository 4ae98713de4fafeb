"""Autorisaties API 1.0.0."""

API_VERSION = "1.0.0"
API_ROOT = "/autorisaties/api/v1"
