"""Worker lists from the Excel and CSV files enterprises really send: the pure reading core (no models, no database)."""

from .reader import ReadResult, RowError, WorkerListError, WorkerRow, read_worker_list, stream_worker_list

__all__ = ["ReadResult", "RowError", "WorkerListError", "WorkerRow", "read_worker_list", "stream_worker_list"]
