app_name = "epidemic"
urlpatterns: list = []
