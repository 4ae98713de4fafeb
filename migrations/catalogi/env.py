from alembic import context

from services.catalogi import models  # noqa: F401  (registers every table)
from services.catalogi.db import Base
from shared.migrate import run_env

run_env(context, Base.metadata)
