from django.utils.translation import gettext_lazy as _

from dualgoal.core.navigation import Counter, MenuEntry, register_counter, register_menu

register_menu(MenuEntry(_("Persons"), "people:person_list", "people.view_person"))


def person_count(user) -> int:
    from .selectors import persons_in_scope_count

    return persons_in_scope_count(user)


register_counter(Counter(_("persons"), "people.view_person", person_count, "people:person_list"))
