"""Reading a worker list in a child process while the caller writes what has been read.

An import is two kinds of work of about the same size: reading and checking the file (python-calamine and this
package's normalisation: Python) and writing the rows (the database). Within one process they cannot overlap — the
reading is Python code that holds the interpreter lock — but on two cores they can: `background_parts` forks a child
that runs `stream_worker_list` and sends each part (20,000 rows of the sheet) through a pipe as plain tuples, while
the caller writes the parts already received. The child also folds each name into its search forms (`names`), the
one piece of the writer's own work that needs no database. The child touches no database connection and leaves with
os._exit (multiprocessing's fork start), so the parent's connections are untouched.

Where fork is not available (or a daemon process may not have children), the parts are read in-process, one after
the other: the same parts, the same result, only slower.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import multiprocessing
import traceback
from collections.abc import Iterator

from dualgoal.core.text import name_search_forms

from .reader import PART_ROWS, ReadResult, RowError, stream_worker_list, worker_row
from .sources import WorkerListError

__all__ = ["background_parts", "can_fork"]


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


@contextlib.contextmanager
def background_parts(
    data: bytes, filename: str, *, as_of: dt.date, part_rows: int = PART_ROWS, in_process: bool = False
) -> Iterator[Iterator[ReadResult]]:
    """The parts of `stream_worker_list(data, filename, keep_raw=False)`, read by a child process (or in this one,
    with `in_process` or without fork). Iterating raises WorkerListError as the reading would."""
    if in_process or not can_fork():
        yield stream_worker_list(data, filename, as_of=as_of, keep_raw=False, part_rows=part_rows)
        return
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_read_and_send, args=(sender, data, filename, as_of, part_rows), daemon=True)
    try:
        child.start()
    except (AssertionError, OSError):  # a daemonic process may not have children; no more processes
        receiver.close()
        sender.close()
        yield stream_worker_list(data, filename, as_of=as_of, keep_raw=False, part_rows=part_rows)
        return
    sender.close()
    try:
        yield _received(receiver)
    finally:
        receiver.close()
        if child.is_alive():
            child.terminate()
        child.join()


def _read_and_send(sender, data: bytes, filename: str, as_of: dt.date, part_rows: int) -> None:
    """In the child: every part, then how the reading ended (a parent that stopped listening is no error here)."""
    forms: dict[str, tuple[str, list[str]]] = {}  # by name, over the whole file (names repeat across parts)
    try:
        for part in stream_worker_list(data, filename, as_of=as_of, keep_raw=False, part_rows=part_rows):
            sender.send(("part", _pack(part, forms)))
    except WorkerListError as exc:
        ending = ("refused", str(exc))
    except BaseException:  # whatever it is, the parent raises it
        ending = ("crashed", traceback.format_exc())
    else:
        ending = ("end", None)
    with contextlib.suppress(OSError):
        sender.send(ending)
    sender.close()


def _received(receiver) -> Iterator[ReadResult]:
    while True:
        try:
            kind, payload = receiver.recv()
        except EOFError:
            raise RuntimeError("the process reading the worker list ended without finishing") from None
        if kind == "part":
            yield _unpack(payload)
        elif kind == "end":
            return
        elif kind == "refused":
            raise WorkerListError(payload)
        else:
            raise RuntimeError(f"reading the worker list failed:\n{payload}")


# Plain tuples cross the pipe about ten times faster than dataclasses; dates travel as ordinals.


def _pack(part: ReadResult, forms: dict[str, tuple[str, list[str]]]) -> tuple:
    names = {}
    for r in part.rows:
        name = r.full_name
        if name not in names:
            found = forms.get(name)
            if found is None:
                found = forms[name] = name_search_forms(name)
            names[name] = found
    rows = [
        (
            r.row,
            r.full_name,
            r.id_number,
            r.birth_date.toordinal() if r.birth_date is not None else None,
            r.birth_year,
            r.sex,
            r.phone,
            r.address,
            r.department,
            r.position,
        )
        for r in part.rows
    ]
    errors = [(e.row, e.column, e.message) for e in part.errors]
    head = (part.header_row, part.columns, part.data_rows, part.duplicates, part.sheet, part.sheet_rows)
    return head, rows, errors, names


def _unpack(payload: tuple) -> ReadResult:
    (header_row, columns, data_rows, duplicates, sheet, sheet_rows), packed, packed_errors, names = payload
    dates: dict = {None: None}
    rows = []
    append = rows.append
    for row, full_name, id_number, ordinal, birth_year, sex, phone, address, department, position in packed:
        birth_date = dates.get(ordinal, dates)
        if birth_date is dates:
            birth_date = dates[ordinal] = dt.date.fromordinal(ordinal)
        worker = worker_row(
            row, full_name, id_number, birth_date, birth_year, sex, phone, address, department, position, {}
        )
        append(worker)
    errors = [RowError(*e) for e in packed_errors]
    return ReadResult(rows, errors, header_row, columns, data_rows, duplicates, sheet, sheet_rows, names)
