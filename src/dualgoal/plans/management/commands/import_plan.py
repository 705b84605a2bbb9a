import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from dualgoal.geography.selectors import YEN_DUNG_CODE, unit_by_code
from dualgoal.plans.importing import plan_parse, read_plan_file


class Command(BaseCommand):
    help = "Nhập kế hoạch từ văn bản (.txt, .docx): mục, nhiệm vụ, cơ quan chủ trì/phối hợp, thời hạn."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--unit", default=YEN_DUNG_CODE, help="mã đơn vị hành chính ban hành (mặc định: 221)")
        parser.add_argument("--dry-run", action="store_true", help="chỉ đọc và kiểm tra, không lưu")
        parser.add_argument("--json", action="store_true", dest="as_json", help="in kết quả đọc dạng JSON")

    def handle(self, *args, path, unit, dry_run, as_json, **options):
        within = unit_by_code(unit)
        if within is None:
            raise CommandError(f"Không có đơn vị hành chính mã {unit}: chạy `dualgoal load_units` trước.")
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"Không tìm thấy tệp {path}")
        try:
            text = read_plan_file(file.name, file.read_bytes())
            draft = plan_parse(text=text, within=within)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        if as_json:
            keys = ["title", "number", "issuer", "issued_on", "sections", "tasks", "unresolved"]
            task_keys = ["section", "text", "lead", "support", "deadline", "deadline_text", "recurrence", "target"]
            out = {k: draft[k] for k in keys}
            out["tasks"] = [{k: t[k] for k in task_keys} for t in draft["tasks"]]
            self.stdout.write(_dumps(out))
        if dry_run:
            if not as_json:
                self.stdout.write(_summary(draft))
            return
        from dualgoal.plans.services import plan_save

        try:
            plan = plan_save(draft=draft, within=within, source_name=file.name, source_text=text)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        if not as_json:
            self.stdout.write(_summary(draft) + f"\nĐã lưu kế hoạch #{plan.pk}.")


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def _summary(draft: dict) -> str:
    lines = [
        f"Kế hoạch: {draft['title']}",
        f"Số: {draft['number'] or '—'}; ngày ban hành: {draft['issued_on'] or '—'}",
        f"{len(draft['sections'])} mục, {len(draft['tasks'])} nhiệm vụ, "
        f"{sum(1 for t in draft['tasks'] if t['deadline'])} nhiệm vụ có thời hạn.",
    ]
    if draft["unresolved"]:
        lines.append("Chưa xác định được cơ quan: " + "; ".join(draft["unresolved"]))
    return "\n".join(lines)
