from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from ..roles import user_roles


class MembershipOut(serializers.Serializer):
    organisation = serializers.CharField()
    admin_unit = serializers.CharField(source="admin_unit.name")
    admin_unit_code = serializers.CharField(source="admin_unit.code")
    role = serializers.CharField()


class MeOut(serializers.Serializer):
    username = serializers.CharField()
    full_name = serializers.CharField()
    roles = serializers.ListField(child=serializers.CharField())
    memberships = MembershipOut(many=True)


class MeView(APIView):
    """Who the caller is, with their roles and scopes."""

    permission_classes = [IsAuthenticated]
    serializer_class = MeOut

    def get(self, request):
        user = request.user
        data = {
            "username": user.username,
            "full_name": user.full_name,
            "roles": sorted(user_roles(user)),
            "memberships": user.memberships.select_related("organisation", "admin_unit"),
        }
        return Response(MeOut(data).data)
