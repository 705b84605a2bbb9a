from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    PEOPLES_COMMITTEE = "committee", _("people's committee (UBND)")
    DEPARTMENT = "department", _("specialised department (phòng)")
    SERVICE_UNIT = "service_unit", _("public service unit (trung tâm, ban, đội)")
    POLICE = "police", _("police")
    MILITARY = "military", _("military command")
    PARTY = "party", _("party body")
    FRONT = "front", _("Fatherland Front and mass organisations")
    OFFICE = "office", _("office")
    ENTERPRISE = "enterprise", _("enterprise")
    OTHER = "other", _("other")
