from django.conf import settings

from .clock import today
from .navigation import menu_for


def navigation(request):
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    menu = menu_for(user) if signed_in else []
    unread = user.notifications.filter(read_at__isnull=True).count() if signed_in else 0
    return {
        "nav_menu": menu,
        "unread_notifications": unread,
        "fixed_today": today() if settings.DUALGOAL_TODAY else None,
    }
