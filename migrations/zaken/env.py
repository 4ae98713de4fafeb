from alembic import context

from services.zaken import models  # noqa: F401  (registers every table)
from services.zaken.db import Base
from shared.migrate import run_env

run_env(context, Base.metadata)
