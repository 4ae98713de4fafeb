from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from services.catalogi.common import GeldigheidColumns, SubTypeColumns
from services.catalogi.db import Base


class RolType(SubTypeColumns, GeldigheidColumns, Base):
    __tablename__ = "roltype"

    omschrijving: Mapped[str] = mapped_column(String(100))
    omschrijving_generiek: Mapped[str] = mapped_column(String(20), index=True)
