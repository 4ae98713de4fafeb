from alembic import context

from services.rapportage import models  # noqa: F401  (registers every table)
from services.rapportage.db import Base
from shared.migrate import run_env

run_env(context, Base.metadata)
