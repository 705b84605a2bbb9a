"""API viewsets of the people app, registered in config/api_urls.py through ROUTES."""

ROUTES: list = []  # (prefix, viewset, basename)
