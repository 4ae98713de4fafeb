"""Every Catalogi model, imported in dependency order (for alembic and the app)."""

from services.catalogi.besluittype.models import BesluitType, BesluitTypeInformatieObjectType
from services.catalogi.catalogus.models import Catalogus
from services.catalogi.eigenschap.models import Eigenschap
from services.catalogi.informatieobjecttype.models import InformatieObjectType
from services.catalogi.resultaattype.models import (
    ResultaatType,
    ResultaatTypeBesluitType,
    ResultaatTypeInformatieObjectType,
)
from services.catalogi.roltype.models import RolType
from services.catalogi.statustype.models import StatusType, StatusTypeEigenschap
from services.catalogi.zaakobjecttype.models import (
    ZaakObjectType,
    ZaakObjectTypeResultaatType,
    ZaakObjectTypeStatusType,
)
from services.catalogi.zaaktype.models import ZaakType, ZaakTypeBesluitType, ZaakTypeDeelzaaktype, ZaakTypenRelatie
from services.catalogi.zaaktypeinformatieobjecttype.models import ZaakTypeInformatieObjectType

__all__ = [
    "BesluitType",
    "BesluitTypeInformatieObjectType",
    "Catalogus",
    "Eigenschap",
    "InformatieObjectType",
    "ResultaatType",
    "ResultaatTypeBesluitType",
    "ResultaatTypeInformatieObjectType",
    "RolType",
    "StatusType",
    "StatusTypeEigenschap",
    "ZaakObjectType",
    "ZaakObjectTypeResultaatType",
    "ZaakObjectTypeStatusType",
    "ZaakType",
    "ZaakTypeBesluitType",
    "ZaakTypeDeelzaaktype",
    "ZaakTypeInformatieObjectType",
    "ZaakTypenRelatie",
]
