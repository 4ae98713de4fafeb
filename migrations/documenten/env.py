from alembic import context

from services.documenten import models  # noqa: F401  (registers every table)
from services.documenten.db import Base
from shared.migrate import run_env

run_env(context, Base.metadata)
