app_name = "levels"

urlpatterns: list = []
