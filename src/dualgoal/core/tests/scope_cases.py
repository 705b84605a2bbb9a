import datetime as dt

from dualgoal.core.models import Rule
from dualgoal.core.testing import ScopeCase


def make_rule(world, commune):
    count = Rule.objects.count()
    return Rule.objects.create(key=f"test.rule.{count}", value=count, valid_from=dt.date(2021, 1, 1), source="Test")


CASES = [ScopeCase(Rule, make_rule, api_basename="rule", scoped=False)]
