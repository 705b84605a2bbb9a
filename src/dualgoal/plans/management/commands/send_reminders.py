import datetime as dt

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Nhắc việc: báo cho cơ quan chủ trì trước hạn N ngày (theo quy định) và khi quá hạn."

    def add_arguments(self, parser):
        parser.add_argument("--as-of", help="ngày tính (YYYY-MM-DD), mặc định hôm nay")
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="giao cho tiến trình nền (dualgoal db_worker) chạy ngay và sau đó mỗi sáng lúc 7 giờ",
        )

    def handle(self, *args, as_of=None, schedule=False, **options):
        if schedule:
            from dualgoal.plans.tasks import send_reminders_task

            result = send_reminders_task.enqueue(reschedule=True)
            self.stdout.write(f"Đã giao cho tiến trình nền: {result.id} ({result.status})")
            return
        from dualgoal.plans.services import reminders_send

        try:
            day = dt.date.fromisoformat(as_of) if as_of else None
        except ValueError as exc:
            raise CommandError("--as-of: ngày phải có dạng YYYY-MM-DD") from exc
        sent = reminders_send(as_of=day)
        self.stdout.write(f"Nhắc sắp đến hạn: {sent['due_soon']}; nhắc quá hạn: {sent['overdue']}.")
