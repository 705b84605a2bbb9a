from dualgoal.core.testing import ScopeCase
from dualgoal.organisations.models import Organisation, OrganisationGroup


def make_organisation(world, commune):
    count = Organisation.objects.count()
    return Organisation.objects.create(
        code=f"org-{count}",
        name=f"Trạm Y tế {commune.short_name} {count}",
        kind="service_unit",
        admin_unit=commune,
    )


def make_group(world, commune):
    count = OrganisationGroup.objects.count()
    return OrganisationGroup.objects.create(code=f"grp-{count}", name=f"Nhóm {commune.short_name}", admin_unit=commune)


CASES = [
    ScopeCase(Organisation, make_organisation, api_basename="organisation"),
    ScopeCase(OrganisationGroup, make_group, api_basename="organisationgroup"),
]
