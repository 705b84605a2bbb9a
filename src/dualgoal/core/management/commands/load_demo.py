from django.core.management.base import BaseCommand

from dualgoal.core.demo import demo_load


class Command(BaseCommand):
    help = "Nạp dữ liệu demo (huyện Yên Dũng, 06/2021). Chạy lại không thay đổi gì."

    def handle(self, *args, **options):
        demo_load(log=self.stdout.write)
        self.stdout.write(self.style.SUCCESS("Đã nạp dữ liệu demo."))
