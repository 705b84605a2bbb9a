from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from dualgoal.core.querysets import scope_q, user_scope_paths
from dualgoal.geography.choices import Level
from dualgoal.geography.models import AdminUnit


class PlanUploadForm(forms.Form):
    file = forms.FileField(label=_("Plan file (.txt or .docx)"))
    admin_unit = forms.ModelChoiceField(label=_("Issuing unit"), queryset=AdminUnit.objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = AdminUnit.objects.filter(level__in=[Level.DISTRICT, Level.COMMUNE])
        if not user.is_superuser:  # the units the user acts for: their own subtrees, not the ones above
            units = units.filter(scope_q(user_scope_paths(user), field="self", include_ancestors=False))
        self.fields["admin_unit"].queryset = units.order_by("path")
        self.fields["admin_unit"].initial = units.order_by("path").first()


class ProgressReportForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Reporting body"), queryset=None)
    reported_on = forms.DateField(label=_("Report date"))
    percent = forms.IntegerField(label=_("Percent complete"), min_value=0, max_value=100)
    text = forms.CharField(label=_("Results"), widget=forms.Textarea(attrs={"rows": 3}))
    period_end = forms.DateField(
        label=_("Period reported (recurring tasks)"),
        required=False,
        help_text=_("Empty: the period of the report date."),
    )
    attachment = forms.FileField(label=_("Attachment"), required=False)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0]


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Accept")), ("return", _("Return"))], widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason for return"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class SubPlanSubmitForm(forms.Form):
    submitted_on = forms.DateField(label=_("Submitted on"))
    number = forms.CharField(label=_("Number and symbol"), required=False, max_length=60)
    document = forms.FileField(label=_("Document"), required=False)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AsOfForm(forms.Form):
    as_of = forms.DateField(label=_("As of"), required=False)
