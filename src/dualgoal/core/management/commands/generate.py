from django.core.management.base import BaseCommand, CommandError

from dualgoal.core.synth import SCALES, STEPS, synth_run


class Command(BaseCommand):
    help = (
        "Sinh dữ liệu tổng hợp có hạt giống (cùng --seed cho cùng dữ liệu) ở quy mô huyện hoặc tỉnh "
        "(tỉnh: khoảng 1,8 triệu người). Mỗi phân hệ bổ sung bước sinh dữ liệu của mình."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="district")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--only", nargs="*", help="chỉ chạy các bước này")

    def handle(self, *args, scale, seed, only, **options):
        names = {s.name for s in STEPS}
        unknown = set(only or []) - names
        if unknown:
            raise CommandError(
                f"Bước không tồn tại: {', '.join(sorted(unknown))}. Các bước: {', '.join(sorted(names))}"
            )
        synth_run(scale=scale, seed=seed, only=only, log=self.stdout.write)
