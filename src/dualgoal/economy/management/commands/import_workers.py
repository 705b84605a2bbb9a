"""`dualgoal import_workers PATH --enterprise TAXCODE [--dry-run] [--json]`: import a worker list from the shell."""

import json
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = (
        "Nhập danh sách người lao động của doanh nghiệp từ tệp Excel/CSV: đối chiếu số CCCD với sổ dân cư, tạo người "
        "mới, cập nhật bộ phận; mọi dòng lỗi được in ra kèm số dòng, cột và lý do."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--enterprise", required=True, help="mã số thuế của doanh nghiệp")
        parser.add_argument("--dry-run", action="store_true", help="chỉ đọc và kiểm tra, không lưu gì")
        parser.add_argument(
            "--json",
            action="store_true",
            dest="as_json",
            help='in {"rows", "imported", "errors"}: rows = số dòng dữ liệu; imported = số dòng được (hoặc, khi '
            "chạy thử, sẽ được) nhập",
        )

    def handle(self, *args, path, enterprise, dry_run, as_json, **options):
        with translation.override(settings.LANGUAGE_CODE):
            outcome = self._import(path, enterprise, dry_run)
            if as_json:
                self.stdout.write(json.dumps(outcome.as_json(), ensure_ascii=False, indent=2))
            else:
                self.stdout.write(_summary(outcome))

    def _import(self, path: str, tax_code: str, dry_run: bool):
        from dualgoal.economy.models import Enterprise
        from dualgoal.economy.services import normalise_tax_code
        from dualgoal.economy.workers import WorkerListError, workers_import

        try:
            code = normalise_tax_code(tax_code)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        enterprise = Enterprise.objects.filter(tax_code=code).first()
        if enterprise is None:
            raise CommandError(_("No enterprise has tax code %(code)s.") % {"code": code})
        file = Path(path)
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(
                _("Cannot read the file %(path)s: %(reason)s.") % {"path": path, "reason": exc.strerror}
            ) from exc
        try:
            return workers_import(enterprise=enterprise, data=data, filename=file.name, dry_run=dry_run)
        except WorkerListError as exc:
            raise CommandError(str(exc)) from exc


def _summary(outcome) -> str:
    head = _("Dry run — nothing was saved.") if outcome.dry_run else _("Import finished.")
    lines = [
        head,
        _(
            "%(rows)s data rows; %(imported)s imported (%(matched)s persons already registered, %(created)s new); "
            "%(bad)s rows with errors (%(dups)s duplicated in the file, %(conflicts)s in conflict with the registry)."
        )
        % {
            "rows": outcome.rows,
            "imported": outcome.imported,
            "matched": outcome.matched_existing,
            "created": outcome.created_persons,
            "bad": outcome.error_rows,
            "dups": outcome.duplicates_in_file,
            "conflicts": outcome.registry_conflicts,
        },
    ]
    lines += [f"  {_('Row')} {e['row']} · {e['column']}: {e['message']}" for e in outcome.errors]
    return "\n".join(lines)
