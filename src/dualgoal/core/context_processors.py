from django.conf import settings

from .navigation import menu_for


def navigation(request):
    user = getattr(request, "user", None)
    menu = menu_for(user) if user is not None and user.is_authenticated else []
    return {"nav_menu": menu, "dualgoal_demo_date": settings.DUALGOAL_DEMO_DATE}
