"""NMEA 0183 framing of AIS sentences, vectorised over a whole buffer of lines.

A batch of bytes becomes arrays of sentence fields without a Python loop per line: line, ``!``, ``*`` and
comma positions are found with NumPy over the buffer and mapped to lines with ``searchsorted``; the checksum
is an XOR prefix scan. NMEA 4.0 tag blocks (``\\s:rx,c:1700000000*hh\\``) and receiver timestamps after the
checksum (``...*hh,1700000000``) give the time. Only multi-sentence messages take a per-message path
(they are rare).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np

_HEX = np.full(256, -1, dtype=np.int16)
for _i, _c in enumerate(b"0123456789ABCDEF"):
    _HEX[_c] = _i
for _i, _c in enumerate(b"abcdef"):
    _HEX[_c] = 10 + _i

_BANG, _STAR, _COMMA, _BACKSLASH, _NL, _CR = 33, 42, 44, 92, 10, 13
_TIME_WIDTH = 14  # digits read for an epoch time: 10 for seconds, 13 for milliseconds
PADDING = bytes(96)
_TAG_FIELDS = 6  # s, c, g, n, d, t: the NMEA 4.0 tag-block parameters


@dataclass
class Framed:
    """Sentences of one batch that passed framing, as columns; payloads are (start, length) into ``buf``."""

    buf: np.ndarray
    line: np.ndarray
    payload_start: np.ndarray
    payload_len: np.ndarray
    fill: np.ndarray
    ts: np.ndarray  # epoch seconds, -1 when the sentence carries no time
    counts: Counter[str] = field(default_factory=Counter)


def _first_at_or_after(positions: np.ndarray, starts: np.ndarray, limits: np.ndarray) -> np.ndarray:
    """For each line, the first position >= start and < limit, or -1."""
    k = np.searchsorted(positions, starts)
    padded = np.append(positions, np.iinfo(np.int64).max)
    found = padded[k]
    return np.where(found < limits, found, -1)


def _last_before(positions: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """For each line, the last position in [start, end), or -1."""
    k = np.searchsorted(positions, ends) - 1
    padded = np.append(positions, -1)
    found = np.where(k >= 0, padded[np.maximum(k, 0)], -1)
    return np.where(found >= starts, found, -1)


def windows(values: np.ndarray, width: int) -> np.ndarray:
    """Every run of ``width`` consecutive values, as a view: ``windows(a, w)[i]`` is ``a[i:i + w]``."""
    if len(values) < width:
        values = np.concatenate((values, np.zeros(width - len(values), dtype=values.dtype)))
    return np.lib.stride_tricks.sliding_window_view(values, width)


def _epoch_at(buf: np.ndarray, at: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Epoch seconds written as digits starting at ``at`` (10 digits, or 13 for milliseconds); -1 if none.

    A line's digits always end at a non-digit (``*``, ``\\``, the line end), so ``ends`` only bounds odd rows.
    """
    if len(at) == 0:
        return np.zeros(0, dtype=np.int64)
    # Column-major copy of the windows, then Horner's rule column by column until no row has digits left.
    digits = np.asfortranarray(windows(buf, _TIME_WIDTH)[at]) - np.uint8(48)
    value = np.zeros(len(at), dtype=np.int64)
    run = np.zeros(len(at), dtype=np.int64)
    alive = np.ones(len(at), dtype=bool)
    for col in range(_TIME_WIDTH):
        alive &= digits[:, col] <= 9
        if not alive.any():
            break
        value = np.where(alive, value * 10 + digits[:, col], value)
        run += alive
    value = np.where(run >= 12, value // 1000, value)
    return np.where((run >= 9) & (run <= 13) & (run <= ends - at), value, -1)


def _tag_field(
    buf: np.ndarray, comma_all: np.ndarray, start: np.ndarray, star: np.ndarray, key: int
) -> np.ndarray:
    """Where ``key:`` starts in a tag block (``\\k:v,k:v*hh``): first field or after a comma, else -1."""
    found = np.where((buf[start + 1] == key) & (buf[start + 2] == 58), start + 1, -1)
    k = np.searchsorted(comma_all, start)
    for _ in range(_TAG_FIELDS):
        todo = np.flatnonzero(found < 0)
        if not len(todo) or not len(comma_all):
            break
        comma = comma_all[np.minimum(k[todo], len(comma_all) - 1)]
        inside = (k[todo] < len(comma_all)) & (comma < star[todo])
        hit = inside & (buf[comma + 1] == key) & (buf[comma + 2] == 58)
        found[todo[hit]] = comma[hit] + 1
        k[todo] += 1
    return found


class _Scan:
    """Positions of one byte value in the buffer, found on first use and kept."""

    def __init__(self, buf: np.ndarray) -> None:
        self.buf = buf
        self.found: dict[int, np.ndarray] = {}

    def __call__(self, byte: int) -> np.ndarray:
        if byte not in self.found:
            self.found[byte] = np.flatnonzero(self.buf == byte)
        return self.found[byte]


def _commas(
    buf: np.ndarray, scan: _Scan, bang: np.ndarray, star: np.ndarray, keep: np.ndarray, counts: Counter[str]
) -> tuple[np.ndarray, np.ndarray]:
    """The six field commas of each kept sentence (rows of ``keep``, in order) and the updated ``keep``.

    "!AIVDM,c,n,s,ch,payload,f*hh" has exactly six commas between "!" and "*"; another count is refused.
    """
    comma_all = scan(_COMMA)
    c0 = np.searchsorted(comma_all, bang)
    wrong = keep & (np.searchsorted(comma_all, star) - c0 != 6)
    counts["wrong_field_count"] += int(wrong.sum())
    keep = keep & ~wrong
    rows = np.flatnonzero(keep)
    if not len(rows):
        return np.zeros((0, 6), dtype=np.int64), keep
    return np.asfortranarray(windows(comma_all, 6)[c0[rows]]), keep


def _xor_spans(buf: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """XOR of ``buf[lo:hi]`` for each span (``lo < hi``), in one ``reduceat`` over the buffer."""
    if len(lo) == 0:
        return np.zeros(0, dtype=np.int16)
    idx = np.empty(2 * len(lo), dtype=np.int64)
    idx[0::2], idx[1::2] = lo, hi
    return np.bitwise_xor.reduceat(buf, idx)[0::2].astype(np.int16)


def frame(data: bytes, first_line: int = 1) -> Framed:
    """Split ``data`` into AIS sentences: check framing and checksums, read times; count what was refused."""
    counts: Counter[str] = Counter()
    # Zero bytes after the last line let fixed-width windows start anywhere in a line (see ``windows``).
    buf = np.frombuffer(data + (b"" if data.endswith(b"\n") else b"\n") + PADDING, dtype=np.uint8)
    scan = _Scan(buf)
    nl = scan(_NL)
    starts = np.concatenate(([0], nl[:-1] + 1)).astype(np.int64)
    ends = nl.astype(np.int64)
    ends = np.where((ends > starts) & (buf[np.maximum(ends - 1, 0)] == _CR), ends - 1, ends)
    lines = np.arange(first_line, first_line + len(starts), dtype=np.int64)
    blank = ends <= starts
    keep = ~blank

    bang = _first_at_or_after(scan(_BANG), starts, ends)
    no_start = keep & (bang < 0)
    dollar = no_start & (buf[starts] == ord("$"))  # another NMEA sentence ("$GPGGA,..."), not AIS
    counts["not_ais"] += int(dollar.sum())
    counts["not_a_sentence"] += int((no_start & ~dollar).sum())
    keep &= ~no_start

    # Usually the line ends with the checksum ("*hh"); otherwise the last "*" of the line.
    star = np.where((ends - 3 > starts) & (buf[np.maximum(ends - 3, 0)] == _STAR), ends - 3, -1)
    other = np.flatnonzero(keep & (star < 0))
    if len(other):
        star[other] = _last_before(scan(_STAR), starts[other], ends[other])
    no_star = keep & ((star <= bang) | (star + 2 >= ends))
    counts["no_checksum"] += int(no_star.sum())
    keep &= ~no_star

    computed = np.full(len(starts), -2, dtype=np.int16)
    rows = np.flatnonzero(keep)
    computed[rows] = _xor_spans(buf, bang[rows] + 1, star[rows])
    safe_star = np.maximum(star, 0)
    given = (
        _HEX[buf[np.minimum(safe_star + 1, len(buf) - 1)]] * 16
        + _HEX[buf[np.minimum(safe_star + 2, len(buf) - 1)]]
    )
    bad_sum = keep & (computed != given)
    counts["bad_checksum"] += int(bad_sum.sum())
    keep &= ~bad_sum

    # NMEA 4.0 tag block before the sentence: its own checksum, and c: the UNIX time.
    tagged = keep & (buf[starts] == _BACKSLASH)
    ts = np.full(len(starts), -1, dtype=np.int64)
    if tagged.any():
        t_start, t_bang = starts[tagged], bang[tagged]
        # Usually "...*hh\\!AIVDM"; otherwise the first "*" of the tag block.
        t_star = np.where((buf[t_bang - 4] == _STAR) & (buf[t_bang - 1] == _BACKSLASH), t_bang - 4, -1)
        other = np.flatnonzero(t_star < 0)
        if len(other):
            t_star[other] = _first_at_or_after(scan(_STAR), t_start[other], t_bang[other])
        ok = t_star > t_start + 1
        t_sum = np.full(len(t_start), -2, dtype=np.int16)
        t_sum[ok] = _xor_spans(buf, t_start[ok] + 1, t_star[ok])
        t_given = _HEX[buf[np.maximum(t_star + 1, 0)]] * 16 + _HEX[buf[np.maximum(t_star + 2, 0)]]
        ok &= t_sum == t_given
        bad_tag = np.zeros(len(starts), dtype=bool)
        bad_tag[np.flatnonzero(tagged)[~ok]] = True
        counts["bad_checksum"] += int(bad_tag.sum())
        keep &= ~bad_tag
        # Usually "c:" is the last field (ten digits before "*"); otherwise look field by field.
        c_at = t_star - 12
        before = buf[np.maximum(c_at - 1, 0)]
        fast = (c_at > t_start) & (buf[c_at] == ord("c")) & (buf[c_at + 1] == 58)
        c_at = np.where(fast & ((before == _COMMA) | (before == _BACKSLASH)), c_at, -1)
        other = np.flatnonzero(c_at < 0)
        if len(other):
            c_at[other] = _tag_field(buf, scan(_COMMA), t_start[other], t_star[other], ord("c"))
        has_c = ok & (c_at >= 0)
        rows = np.flatnonzero(tagged)[has_c]
        ts[rows] = _epoch_at(buf, c_at[has_c] + 2, t_star[has_c])
    # A receiver time after the checksum: "*hh,1700000000" or "*hh 1700000000".
    trailing = keep & (ts < 0) & (star + 4 < ends)
    if trailing.any():
        rows = np.flatnonzero(trailing)
        sep = buf[star[rows] + 3]
        rows = rows[(sep == _COMMA) | (sep == 32) | (sep == 9) | (sep == 59)]
        ts[rows] = _epoch_at(buf, star[rows] + 4, ends[rows])

    talker_ok = np.zeros(len(starts), dtype=bool)
    probe = keep & (bang + 6 < ends)
    p = bang[probe]
    last = buf[p + 5]
    talker_ok[probe] = (buf[p + 3] == ord("V")) & (buf[p + 4] == ord("D")) & ((last == 77) | (last == 79))
    not_ais = keep & ~talker_ok
    counts["not_ais"] += int(not_ais.sum())
    keep &= talker_ok

    commas, keep = _commas(buf, scan, bang, star, keep, counts)
    rows = np.flatnonzero(keep)
    widths = np.diff(commas, axis=1) - 1
    count_c, num_c = buf[commas[:, 0] + 1], buf[commas[:, 1] + 1]
    seq_c, chan_c = buf[commas[:, 2] + 1], buf[commas[:, 3] + 1]
    fill_c = buf[commas[:, 5] + 1]
    digit = lambda c: (c >= 48) & (c <= 57)  # noqa: E731
    fields_ok = (
        (widths[:, 0] == 1) & digit(count_c) & (widths[:, 1] == 1) & digit(num_c) & (widths[:, 2] <= 1)
    )
    fields_ok &= (widths[:, 2] == 0) | digit(seq_c)
    fields_ok &= (star[rows] - commas[:, 5] == 2) & (fill_c >= 48) & (fill_c <= 53)
    frag_count = count_c.astype(np.int64) - 48
    frag_num = num_c.astype(np.int64) - 48
    fields_ok &= (frag_count >= 1) & (frag_num >= 1) & (frag_num <= frag_count)
    counts["bad_field"] += int((~fields_ok).sum())
    empty = fields_ok & (widths[:, 4] == 0)
    counts["empty_payload"] += int(empty.sum())
    fields_ok &= ~empty

    payload_start = commas[:, 4] + 1
    payload_len = widths[:, 4]
    fill = fill_c.astype(np.int64) - 48
    seq = np.where(widths[:, 2] == 0, -1, seq_c.astype(np.int64) - 48)
    chan = np.where(widths[:, 3] == 0, 0, chan_c.astype(np.int64))
    single = fields_ok & (frag_count == 1)
    framed = Framed(
        buf=buf,
        line=lines[rows[single]],
        payload_start=payload_start[single],
        payload_len=payload_len[single],
        fill=fill[single],
        ts=ts[rows[single]],
        counts=counts,
    )
    multi = np.flatnonzero(fields_ok & (frag_count > 1))
    if len(multi):
        _assemble(
            framed,
            multi,
            lines[rows],
            ts[rows],
            frag_count,
            frag_num,
            seq,
            chan,
            payload_start,
            payload_len,
            fill,
        )
    return framed


def _assemble(
    framed: Framed,
    multi: np.ndarray,
    row_line: np.ndarray,
    row_ts: np.ndarray,
    frag_count: np.ndarray,
    frag_num: np.ndarray,
    seq: np.ndarray,
    chan: np.ndarray,
    payload_start: np.ndarray,
    payload_len: np.ndarray,
    fill: np.ndarray,
) -> None:
    """Join multi-sentence messages by (count, sequence id, channel), in line order; count truncated ones."""
    buf = framed.buf
    pending: dict[tuple[int, int, int], list[int]] = {}
    done: list[tuple[int, bytes, int, int]] = []
    for i in multi.tolist():
        key = (int(frag_count[i]), int(seq[i]), int(chan[i]))
        parts = pending.get(key)
        if frag_num[i] == 1:
            if parts is not None:
                framed.counts["truncated_multipart"] += 1
            pending[key] = [i]
            parts = pending[key]
        elif parts is None or frag_num[parts[-1]] != frag_num[i] - 1:
            framed.counts["truncated_multipart"] += 1
            continue
        else:
            parts.append(i)
        if len(parts) == key[0]:
            del pending[key]
            payload = b"".join(
                buf[payload_start[j] : payload_start[j] + payload_len[j]].tobytes() for j in parts
            )
            times = [int(row_ts[j]) for j in parts if row_ts[j] >= 0]
            done.append((int(row_line[parts[0]]), payload, int(fill[parts[-1]]), times[0] if times else -1))
    framed.counts["truncated_multipart"] += len(pending)
    if not done:
        return
    # Assembled payloads are appended after the batch's bytes so every payload is (start, length) into buf.
    extra = b"".join(p for _, p, _, _ in done)
    offsets = np.cumsum([0] + [len(p) for _, p, _, _ in done])[:-1] + len(buf)
    framed.buf = np.concatenate((buf, np.frombuffer(extra + PADDING, dtype=np.uint8)))
    framed.line = np.concatenate((framed.line, [line for line, *_ in done]))
    framed.payload_start = np.concatenate((framed.payload_start, offsets))
    framed.payload_len = np.concatenate((framed.payload_len, [len(p) for _, p, _, _ in done]))
    framed.fill = np.concatenate((framed.fill, [f for _, _, f, _ in done]))
    framed.ts = np.concatenate((framed.ts, [t for *_, t in done]))
