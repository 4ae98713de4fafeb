"""Rapportage: management information from zaak notifications.

It receives the notifications of kanaal `zaken` on an abonnement callback, keeps read models of
zaken, statussen and teams (fetched with a read-only client: the messages are thin), maintains
counters incrementally per event, and serves reports as JSON, CSV and a server-rendered
dashboard. See docs/rapportage.md.
"""

API_VERSION = "1.0.0"
API_ROOT = "/rapportage/api/v1"
DASHBOARD_ROOT = "/rapportage"
