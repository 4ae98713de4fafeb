from alembic import context

from services.autorisaties import models  # noqa: F401  (registers every table)
from services.autorisaties.db import Base
from shared.migrate import run_env

run_env(context, Base.metadata)
