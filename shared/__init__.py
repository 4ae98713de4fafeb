"""The kernel every service imports: settings, database, auth, errors, pagination, HTTP caching,
OpenAPI 3.0 output, remote URL resolution and the transactional outbox."""
