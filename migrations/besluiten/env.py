from alembic import context

from services.besluiten import models  # noqa: F401  (registers every table)
from services.besluiten.db import Base
from shared.migrate import run_env

run_env(context, Base.metadata)
