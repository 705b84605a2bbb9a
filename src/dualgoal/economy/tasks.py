"""Background tasks of the economy module (django-tasks): run by `dualgoal db_worker`, or in-process in the
embedded default — which still writes the progress as it goes."""

from __future__ import annotations

import logging

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from .choices import ImportStatus
from .models import WorkerImport

logger = logging.getLogger(__name__)


def _progress_connection():
    """A second connection of the task's own for the progress, or None.

    The import writes in one transaction; progress written inside it would show only at its end, so the bar that the
    status page polls would jump from 1 to 100. On PostgreSQL the progress goes through a connection of its own, in
    autocommit, and the page sees each part as it is written. Not on SQLite, which has one writer at a time — the
    import — and not when the task runs inside a transaction (the record would not be visible to another connection
    yet): there the progress is written with the import and shows at its end."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return None
    return connections.create_connection(DEFAULT_DB_ALIAS)


@task()
def import_workers_task(import_id: int) -> dict:
    """Run `workers_import` for one WorkerImport, recording status, progress and the outcome on the record."""
    from .workers import WorkerListError, workers_import

    record = WorkerImport.objects.select_related("enterprise", "created_by").get(pk=import_id)
    rows = WorkerImport.objects.filter(pk=import_id)
    rows.update(status=ImportStatus.RUNNING, progress=1, updated_at=timezone.now())
    shown = {"percent": 1}
    side = _progress_connection()

    def progress(percent: int) -> None:
        percent = max(0, min(int(percent), 100))
        if percent > shown["percent"]:
            shown["percent"] = percent
            if side is None:
                rows.update(progress=percent, updated_at=timezone.now())
                return
            with side.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {WorkerImport._meta.db_table} SET progress = %s, updated_at = %s WHERE id = %s",
                    [percent, timezone.now(), import_id],
                )

    try:
        with record.file.open("rb") as handle:
            data = handle.read()
        outcome = workers_import(
            enterprise=record.enterprise,
            data=data,
            filename=record.filename,
            dry_run=record.dry_run,
            user=record.created_by,
            progress=progress,
        )
    except WorkerListError as exc:
        rows.update(
            status=ImportStatus.FAILED,
            progress=100,
            errors=[{"row": None, "column": "", "message": str(exc)}],
            updated_at=timezone.now(),
        )
        return {"status": ImportStatus.FAILED, "rows": 0, "imported": 0, "errors": 1}
    except Exception:
        logger.exception("worker import %s failed", import_id)
        rows.update(
            status=ImportStatus.FAILED,
            progress=100,
            errors=[{"row": None, "column": "", "message": _("The import failed unexpectedly: nothing was saved.")}],
            updated_at=timezone.now(),
        )
        raise
    finally:
        if side is not None:
            side.close()
    rows.update(
        status=ImportStatus.DONE,
        progress=100,
        rows=outcome.rows,
        imported=outcome.imported,
        errors=outcome.errors,
        updated_at=timezone.now(),
    )
    return {
        "status": ImportStatus.DONE,
        "rows": outcome.rows,
        "imported": outcome.imported,
        "errors": len(outcome.errors),
    }
