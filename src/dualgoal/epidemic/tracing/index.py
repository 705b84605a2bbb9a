"""Array helpers: radix argsort, CSR key indexes with a sorted overflow, range gathers, deduplication."""

from __future__ import annotations

import numpy as np

_EMPTY = np.zeros(0, dtype=np.int64)


def radix_argsort(keys: np.ndarray, n_keys: int) -> np.ndarray:
    """Stable argsort of keys in ``0..n_keys-1`` with at most two 16-bit passes of numpy's radix sort.

    numpy's stable sort is a radix sort for 16-bit integers, about 5x faster than a comparison sort on
    10 million int32 keys; two passes (low bits, then high bits) cover keys below 2**32.
    """
    bits = max(1, int(n_keys - 1).bit_length())
    if bits <= 16:
        return np.argsort(keys.astype(np.uint16), kind="stable")
    if bits > 32:
        return np.argsort(keys, kind="stable")
    low_bits = bits - bits // 2
    order = np.argsort((keys & ((1 << low_bits) - 1)).astype(np.uint16), kind="stable")
    high = (keys[order] >> low_bits).astype(np.uint16)
    return order[np.argsort(high, kind="stable")]


def gather_ranges(starts: np.ndarray, stops: np.ndarray) -> np.ndarray:
    """Concatenation of ``arange(starts[i], stops[i])`` for all ``i``, without a Python loop."""
    lengths = stops - starts
    total = int(lengths.sum())
    if total == 0:
        return _EMPTY
    ends = np.cumsum(lengths)
    return np.arange(total, dtype=np.int64) - np.repeat(ends - lengths - starts, lengths)


def unique_small(values: np.ndarray, buffer: np.ndarray) -> np.ndarray:
    """Distinct values of ``values`` (all in ``0..buffer.size-1``), in O(len) using a scratch ``buffer``.

    The buffer needs no reset: every slot that is read was written by this call.
    """
    if values.size <= 1:
        return values
    positions = np.arange(values.size, dtype=buffer.dtype)
    buffer[values] = positions
    return values[buffer[values] == positions]


def first_of_each(values: np.ndarray, buffer: np.ndarray) -> np.ndarray:
    """Boolean mask keeping exactly one (arbitrary) row per distinct value."""
    positions = np.arange(values.size, dtype=buffer.dtype)
    buffer[values] = positions
    return buffer[values] == positions


class KeyIndex:
    """Ids grouped by an integer key (a person or a group): a CSR built once plus a sorted overflow.

    ``lookup(keys)`` returns the ids of all the given (distinct) keys. New pairs go to the overflow (kept
    sorted by key with ``np.insert``) until the owner rebuilds the index.
    """

    def __init__(self, n_keys: int, keys: np.ndarray, ids: np.ndarray) -> None:
        self.n_keys = int(n_keys)
        order = radix_argsort(keys, self.n_keys) if keys.size else _EMPTY
        self.ids = ids[order] if keys.size else ids
        self.ptr = np.zeros(self.n_keys + 1, dtype=np.int64)
        if keys.size:
            np.cumsum(np.bincount(keys, minlength=self.n_keys), out=self.ptr[1:])
        self.overflow_keys = _EMPTY
        self.overflow_ids = np.zeros(0, dtype=ids.dtype)

    @property
    def overflow_size(self) -> int:
        """Number of pairs added since the CSR was built."""
        return int(self.overflow_keys.size)

    def add(self, keys: np.ndarray, ids: np.ndarray) -> None:
        """Add ``(key, id)`` pairs to the sorted overflow (one linear merge)."""
        order = np.argsort(keys, kind="stable")
        keys, ids = keys[order], ids[order]
        at = np.searchsorted(self.overflow_keys, keys, side="right")
        self.overflow_keys = np.insert(self.overflow_keys, at, keys)
        self.overflow_ids = np.insert(self.overflow_ids, at, ids)

    def lookup(self, keys: np.ndarray) -> np.ndarray:
        """Ids of the given distinct keys (keys beyond the built range only look in the overflow)."""
        if keys.size == 0:
            return _EMPTY
        built = keys[keys < self.n_keys]
        found = self.ids[gather_ranges(self.ptr[built], self.ptr[built + 1])]
        if self.overflow_keys.size == 0:
            return found
        lo = np.searchsorted(self.overflow_keys, keys, side="left")
        hi = np.searchsorted(self.overflow_keys, keys, side="right")
        extra = self.overflow_ids[gather_ranges(lo, hi)]
        return np.concatenate((found, extra)) if extra.size else found
