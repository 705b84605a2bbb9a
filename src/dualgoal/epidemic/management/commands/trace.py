import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Tính lại toàn bộ cấp F (truy vết theo thời gian) và in số người theo cấp; --json in từng người."

    def add_arguments(self, parser):
        parser.add_argument("--as-of", help="ngày tính (YYYY-MM-DD), mặc định hôm nay")
        parser.add_argument("--json", action="store_true", dest="as_json")

    def handle(self, *args, as_of=None, as_json=False, **options):
        from dualgoal.epidemic.tracing_service import trace_recompute

        try:
            day = dt.date.fromisoformat(as_of) if as_of else None
        except ValueError as exc:
            raise CommandError("--as-of: ngày phải có dạng YYYY-MM-DD") from exc
        result = trace_recompute(as_of=day)
        if not as_json:
            for level, count in sorted(result.counts.items()):
                self.stdout.write(f"F{level}: {count}")
            self.stdout.write(f"Thay đổi: {result.changed} người.")
            return
        self.stdout.write(json.dumps(traced_records(), ensure_ascii=False, indent=1))


def traced_records() -> list[dict]:
    """One record per traced person: {"id_number", "full_name", "level", "exposed_on", "path": [id_numbers]}."""
    from dualgoal.epidemic.models import TraceState
    from dualgoal.people.models import Person

    states = list(TraceState.objects.select_related("person").order_by("level", "person__name_folded", "person_id"))
    ids = {p for s in states for p in (step["person"] for step in s.path)}
    numbers = dict(Person.objects.filter(pk__in=ids).values_list("pk", "id_number"))
    return [
        {
            "id_number": s.person.id_number,
            "full_name": s.person.full_name,
            "level": s.level,
            "exposed_on": s.exposed_on.isoformat(),
            "path": [numbers.get(step["person"]) for step in s.path],
        }
        for s in states
    ]
