import datetime as dt
import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Tính cấp độ dịch của các xã, thị trấn trong huyện cho một tuần (NQ 128/NQ-CP) và báo khi cấp độ thay đổi."

    def add_arguments(self, parser):
        parser.add_argument("--week", help="một ngày trong tuần cần tính (YYYY-MM-DD); mặc định tuần hiện tại")
        parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="giao cho tiến trình nền (dualgoal db_worker): tính tuần vừa qua, sau đó mỗi sáng thứ Hai",
        )

    def handle(self, *args, week=None, json=False, schedule=False, **options):
        from dualgoal.core.clock import today
        from dualgoal.levels.selectors import week_end, week_monday
        from dualgoal.levels.services import levels_compute

        if schedule:
            from dualgoal.levels.tasks import compute_levels_task

            result = compute_levels_task.enqueue(reschedule=True)
            self.stdout.write(f"Đã giao cho tiến trình nền: {result.id} ({result.status})")
            return
        try:
            day = dt.date.fromisoformat(week) if week else today()
        except ValueError as exc:
            raise CommandError("--week: ngày phải có dạng YYYY-MM-DD") from exc
        monday = week_monday(day)
        try:
            run = levels_compute(week_start=monday)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        if json:
            self.stdout.write(_json_dumps(run.as_dict()))
            return
        self.stdout.write(f"Tuần {monday:%d/%m/%Y}–{week_end(monday):%d/%m/%Y}: {len(run.rows)} xã, thị trấn")
        for row in run.rows:
            self.stdout.write(
                f"  {row.commune.name}: cấp {row.level} — {row.new_cases} ca mới, "
                f"{row.cases_per_100k} ca/100.000 dân ({row.population} dân)"
            )
        for change in run.changes:
            self.stdout.write(
                f"  Thay đổi: {change.commune.name} từ cấp {change.old.level} sang cấp {change.new.level}"
            )
        for commune, reason in run.skipped:
            self.stdout.write(f"  Bỏ qua {commune.name}: {reason}")
        self.stdout.write(
            f"Tạo mới {run.created}, cập nhật {run.updated}, không đổi {run.unchanged}; "
            f"đã gửi {run.notified} thông báo."
        )


def _json_dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
