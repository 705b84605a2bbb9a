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


class Competence(models.TextChoices):
    """The field a body is responsible for (lĩnh vực quản lý): narrows a role's rights to the matching bodies, e.g.
    only the Labour office confirms who may return to work, only the health office records doses."""

    HEALTH = "health", _("health")
    LABOUR = "labour", _("labour, war invalids and social affairs")
    ECONOMY = "economy", _("economy and infrastructure")
    FINANCE_PLANNING = "finance_planning", _("finance and planning")
    ENVIRONMENT = "environment", _("natural resources and environment")
    AGRICULTURE = "agriculture", _("agriculture")
    CULTURE = "culture", _("culture and information")
    EDUCATION = "education", _("education")
    HOME_AFFAIRS = "home_affairs", _("home affairs")
    SECURITY = "security", _("public security and defence")
