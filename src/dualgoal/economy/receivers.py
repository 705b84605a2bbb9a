"""Where the two goals meet: when tracing stores new F0/F1, the economy acts on the workers among them."""

from __future__ import annotations

from django.dispatch import receiver
from django.utils.translation import gettext as _

from dualgoal.epidemic.signals import contact_levels_reached


@receiver(contact_levels_reached)
def on_contact_levels_reached(sender, reached, cause, **kwargs) -> None:
    from dualgoal.people.models import Person

    from .models import Employment
    from .services import worker_exposed

    level_of = dict(reached)
    workers = set()
    pks = list(level_of)
    for start in range(0, len(pks), 900):
        workers.update(
            Employment.objects.filter(person_id__in=pks[start : start + 900], active=True).values_list(
                "person_id", flat=True
            )
        )
    for person in Person.objects.filter(pk__in=sorted(workers)):
        label = "F0" if level_of[person.pk] == 0 else "F1"
        why = _("%(name)s became %(level)s: %(cause)s") % {"name": person.full_name, "level": label, "cause": cause}
        worker_exposed(person=person, level=level_of[person.pk], cause=why)
