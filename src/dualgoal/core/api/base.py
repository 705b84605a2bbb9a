"""API building blocks: the same scope (visible_to) and the same permissions as the HTML views."""

from __future__ import annotations

from rest_framework import permissions, viewsets


class ModelPermissions(permissions.DjangoModelPermissions):
    """DRF's model permissions, with reading guarded by the `view_` permission as in the HTML views."""

    perms_map = {
        **permissions.DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
        "OPTIONS": ["%(app_label)s.view_%(model_name)s"],
    }


class ScopedReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """List and retrieve, scoped: outside the caller's scope is a 404, as on the HTML pages."""

    permission_classes = [permissions.IsAuthenticated, ModelPermissions]
    model = None

    def get_queryset(self):
        model = self.model or self.serializer_class.Meta.model
        return model._default_manager.visible_to(self.request.user)
