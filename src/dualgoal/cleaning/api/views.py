"""API of cleaning: `ROUTES` are registered on the /api/v1/ router (config/api_urls.py)."""

ROUTES: list = []
