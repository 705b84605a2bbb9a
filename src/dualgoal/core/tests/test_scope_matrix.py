"""Every domain model passes the scope matrix (core.testing), or is exempt for a stated reason."""

import importlib

import pytest
from django.apps import apps

from dualgoal.core.models import TrackedModel
from dualgoal.core.testing import check_scope_matrix

EXEMPT = {
    "accounts.Membership": "managed in the administration site by superusers only",
    "organisations.OrganisationAlias": "shown only inside its organisation's page, which is checked",
    "plans.Assignment": "shown only inside its task's page, which is checked",
    "economy.Condition": "shown only inside its enterprise's page and portal (the checklist), which are checked",
    "economy.WorkerImport": "reached only through the worker-list import screens, tested in economy",
    "plans.PlanImport": "reached only through the import screens (plans.add_planimport), tested in plans",
}


def all_cases():
    cases = []
    for config in apps.get_app_configs():
        if not config.name.startswith("dualgoal."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.tests.scope_cases")
        except ModuleNotFoundError:
            continue
        cases.extend(module.CASES)
    return cases


CASES = all_cases()


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_scope_matrix(case, world):
    check_scope_matrix(case, world)


def test_every_domain_model_is_checked():
    checked = {case.id for case in CASES}
    models = {
        m._meta.label
        for m in apps.get_models()
        if issubclass(m, TrackedModel) and m._meta.app_config.name.startswith("dualgoal.")
    }
    missing = models - checked - set(EXEMPT)
    assert not missing, f"models without a scope case: {sorted(missing)}"
