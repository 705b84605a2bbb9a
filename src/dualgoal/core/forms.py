from __future__ import annotations

import json

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Confidence


class RuleVersionForm(forms.Form):
    """A new version of a rule. The value is JSON: a number, a text in quotes, a list or an object."""

    key = forms.CharField(label=_("Key"), max_length=120)
    value = forms.CharField(
        label=_("Value (JSON)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_('For example 14, "2 m", [1, 7, 14] or {"days": 14}.'),
    )
    valid_from = forms.DateField(label=_("Valid from"), help_text=_("dd/mm/yyyy"))
    valid_to = forms.DateField(label=_("Valid to"), required=False, help_text=_("Empty: open-ended."))
    source = forms.CharField(label=_("Legal source"), max_length=400)
    confidence = forms.ChoiceField(label=_("Confidence"), choices=Confidence.choices)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    close_current = forms.BooleanField(
        label=_("End the version in force on the day before this one starts"), required=False
    )

    def clean_value(self):
        raw = self.cleaned_data["value"]
        try:
            return json.loads(raw)
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(
                _("The value is not valid JSON (line %(line)s, column %(col)s)."),
                params={"line": exc.lineno, "col": exc.colno},
            ) from exc
