"""Alembic, one version chain per service (`migrations/<service>/`), driven from code."""

from pathlib import Path

from alembic import command
from alembic.config import Config

from shared.db import normalize_url
from shared.settings import PROJECT_ROOT, VAR_DIR

MIGRATIONS = PROJECT_ROOT / "migrations"


def alembic_config(service: str, database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS / service))
    config.set_main_option("sqlalchemy.url", normalize_url(database_url).replace("%", "%%"))
    config.set_main_option("version_table", "alembic_version")
    return config


def ensure_sqlite_dir(database_url: str) -> None:
    if database_url.startswith("sqlite:///"):
        path = Path(database_url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
    VAR_DIR.mkdir(exist_ok=True)


def ensure_postgres_schema(database_url: str) -> None:
    """A service may live in its own PostgreSQL schema (`?options=-csearch_path%3D<schema>`)."""
    from urllib.parse import parse_qs, unquote, urlsplit

    from sqlalchemy import create_engine, text

    if not database_url.startswith(("postgresql", "postgres")):
        return
    options = unquote(" ".join(parse_qs(urlsplit(database_url).query).get("options", [])))
    for part in options.split():
        if part.startswith("-csearch_path="):
            schema = part.split("=", 1)[1].split(",")[0].strip()
            engine = create_engine(normalize_url(database_url), isolation_level="AUTOCOMMIT")
            with engine.connect() as connection:
                connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
            engine.dispose()


def upgrade(service: str, database_url: str, revision: str = "head") -> None:
    ensure_sqlite_dir(database_url)
    ensure_postgres_schema(database_url)
    command.upgrade(alembic_config(service, database_url), revision)


def downgrade(service: str, database_url: str, revision: str = "base") -> None:
    command.downgrade(alembic_config(service, database_url), revision)


def run_env(context, metadata) -> None:
    """The body of every chain's env.py (online mode; SQLite needs batch mode for ALTERs)."""
    from sqlalchemy import engine_from_config, pool

    config = context.config
    connectable = config.attributes.get("connection")
    if connectable is None:
        engine = engine_from_config(config.get_section(config.config_ini_section, {}), prefix="sqlalchemy.", poolclass=pool.NullPool)
        with engine.connect() as connection:
            _run(context, connection, metadata)
        engine.dispose()
    else:
        _run(context, connectable, metadata)


def _run(context, connection, metadata) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
