"""Signals other modules listen to (the economy revokes permits of workers who became F0/F1)."""

from django.dispatch import Signal

# Sent after the new levels are stored. Arguments: reached = [(person_pk, new_level)] for persons who became F0 or
# F1 in this change, cause = the change's description. Receivers call their own services.
contact_levels_reached = Signal()
