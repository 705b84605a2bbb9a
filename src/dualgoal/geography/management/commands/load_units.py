from pathlib import Path

from django.core.management.base import BaseCommand

from dualgoal.geography.services import FIXTURE, units_load


class Command(BaseCommand):
    help = "Nạp cây đơn vị hành chính từ tệp fixture (mặc định: Bắc Giang 2021). Chạy lại không thay đổi gì."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(FIXTURE))

    def handle(self, *args, path: str, **options):
        created, updated = units_load(path=Path(path))
        self.stdout.write(f"Đơn vị hành chính: {created} mới, {updated} cập nhật.")
