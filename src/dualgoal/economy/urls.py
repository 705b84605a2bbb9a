from .views import urlpatterns as screens
from .worker_views import urlpatterns as worker_screens

app_name = "economy"
urlpatterns = [*screens, *worker_screens]
