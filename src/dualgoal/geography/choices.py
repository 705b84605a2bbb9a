from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.IntegerChoices):
    """Depth in the tree. Since 1/7/2025 the district level is gone: a tree version may skip it."""

    PROVINCE = 1, _("province")
    DISTRICT = 2, _("district")
    COMMUNE = 3, _("commune")
    VILLAGE = 4, _("village")


# The kind keeps the official Vietnamese word (tỉnh, huyện, thị trấn, thôn…); see ARCHITECTURE.md glossary.
KINDS = {
    "tỉnh": Level.PROVINCE,
    "thành phố trung ương": Level.PROVINCE,
    "huyện": Level.DISTRICT,
    "thành phố": Level.DISTRICT,
    "thị xã": Level.DISTRICT,
    "quận": Level.DISTRICT,
    "xã": Level.COMMUNE,
    "thị trấn": Level.COMMUNE,
    "phường": Level.COMMUNE,
    "thôn": Level.VILLAGE,
    "tổ dân phố": Level.VILLAGE,
    "khu phố": Level.VILLAGE,
}
