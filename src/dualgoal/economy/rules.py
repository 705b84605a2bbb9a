"""Who may do what in the economic-recovery module (scope is applied separately: Model.objects.visible_to).

Staff read everything in their territory; the departments (KT-HT, LĐ-TB&XH), commune committees and the
administrator manage; an enterprise's own users (role "enterprise") work on their enterprise only (the queryset
restricts them to it): submit conditions, request permits, declare boarding houses, leases, shuttles and trips;
checkpoint officers (and staff) scan permits.
"""

from dualgoal.accounts.roles import STAFF_ROLES, Role, grant, within

MANAGERS = (Role.ADMIN, Role.DEPARTMENT, Role.COMMUNE)
# WorkerImport's permissions are in rules_workers.py (the worker-list import).
MODELS = (
    "industrialpark",
    "enterprise",
    "condition",
    "inspection",
    "decision",
    "labourconfirmation",
    "employment",
    "boardinghouse",
    "lease",
    "shuttle",
    "trip",
    "permit",
)

for model in MODELS:
    grant(f"economy.view_{model}", *STAFF_ROLES, Role.ENTERPRISE)
grant("economy.view_automaticaction", *STAFF_ROLES, Role.ENTERPRISE)
grant("economy.view_permitscan", *STAFF_ROLES)
grant("economy.view_dashboard", *STAFF_ROLES)

# Managers: register enterprises, review conditions, inspect, decide, confirm lists, issue and revoke permits.
for perm in (
    "add_industrialpark",
    "add_enterprise",
    "change_enterprise",
    "change_condition",  # approve or reject a submitted condition
    "add_inspection",
    "add_decision",
    "change_permit",  # revoke
):
    grant(f"economy.{perm}", *MANAGERS)

# Managers and the enterprise itself: conditions, commitments, permits, boarding houses, leases, shuttles, trips.
for perm in (
    "submit_condition",
    "change_employment",  # the signed commitment
    "add_permit",
    "add_boardinghouse",
    "add_lease",
    "add_shuttle",
    "add_trip",
):
    grant(f"economy.{perm}", *MANAGERS, Role.ENTERPRISE)
grant("economy.use_portal", Role.ENTERPRISE, *MANAGERS)

# Only the Labour office (Phòng LĐ-TB&XH) confirms the lists of workers eligible to return (seed plan).
grant("economy.add_labourconfirmation", Role.ADMIN, within(Role.DEPARTMENT, "labour"))

# The phone page opened by scanning a permit's QR code.
grant("economy.scan_permit", *STAFF_ROLES)
grant("economy.view_own_enterprise", Role.ENTERPRISE)  # the "My enterprise" menu entry
