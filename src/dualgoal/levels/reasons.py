"""The reasons of an assessment (compute.Reason, stored as JSON) phrased for people, in the active language."""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _


def _n(value) -> str:
    if value is None:
        return "—"
    value = float(value)
    return number_format(value, 0 if value == int(value) else 1, use_l10n=True)


def _sign(inclusive: bool) -> str:
    return "≥" if inclusive else ">"


def _coverage_subject(p: dict) -> str:
    metric = _("at least one dose") if p.get("metric") == "share_one" else _("fully vaccinated")
    age_min, age_used = p.get("age_min"), p.get("age_used")
    if age_min and age_used and age_used != age_min:
        return _(
            "share of people aged %(used)s+ %(metric)s (the rule asks for people aged %(min)s+; "
            "those figures are not available yet)"
        ) % {"used": age_used, "metric": metric, "min": age_min}
    if age_min:
        return _("share of people aged %(min)s+ %(metric)s") % {"min": age_min, "metric": metric}
    return _("share of adults %(metric)s") % {"metric": metric}


def reason_text(reason: dict) -> str:
    code, p = reason.get("code", ""), reason.get("params", {}) or {}
    if code == "no_population":
        return _("No population figure for the commune: the level cannot be computed.")
    if code == "below_first_cutoff":
        return _(
            "%(rate)s new cases per 100,000 population in the week, below the first cut-off (%(sign)s %(value)s): "
            "level %(level)s."
        ) % {
            "rate": _n(p.get("rate")),
            "sign": _sign(p.get("inclusive", True)),
            "value": _n(p.get("value")),
            "level": p.get("level"),
        }
    if code == "cutoff":
        text = _(
            "%(rate)s new cases per 100,000 population in the week reach the level %(level)s cut-off "
            "(%(sign)s %(value)s)."
        ) % {
            "rate": _n(p.get("rate")),
            "sign": _sign(p.get("inclusive", True)),
            "value": _n(p.get("value")),
            "level": p.get("level"),
        }
        if p.get("confidence") == "unverified":
            text += " " + _("(this cut-off is not verified against the official text)")
        return text
    if code == "no_adjustment_rule":
        return _("No vaccination-coverage adjustment is in force for this week: the level is not adjusted.")
    if code == "coverage_unknown":
        return _("Vaccination coverage of the commune is not known: the level is not adjusted.")
    subject = _coverage_subject(p)
    values = {"subject": subject, "percent": _n(p.get("percent")), "below": _n(p.get("below"))}
    if code == "coverage_ok":
        return _("The %(subject)s is %(percent)s%%, not below %(below)s%%: no adjustment.") % values
    if code == "raised":
        return _("The %(subject)s is %(percent)s%%, below %(below)s%%: raised from level %(from)s to level %(to)s.") % {
            **values,
            "from": p.get("from"),
            "to": p.get("to"),
        }
    if code == "raise_capped":
        return _(
            "The %(subject)s is %(percent)s%%, below %(below)s%%, but the level is already the highest (%(max)s)."
        ) % {**values, "max": p.get("max_level")}
    return code


def reason_lines(reasons: list[dict]) -> list[str]:
    return [reason_text(r) for r in reasons or []]
