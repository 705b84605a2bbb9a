from django.core.management.base import BaseCommand

from dualgoal.core.demo import DEMO_PASSWORD, DEMO_USERS


class Command(BaseCommand):
    help = "In danh sách tài khoản demo."

    def handle(self, *args, **options):
        self.stdout.write(f"Tài khoản demo (mật khẩu chung: {DEMO_PASSWORD}):")
        for user in DEMO_USERS:
            self.stdout.write(f"  {user.username:<10} {user.role:<17} {user.full_name}")
