"""How big a name and a batch of names may be: larger input is refused before any work is done, so a
pathological name (a megabyte, ten thousand words) costs microseconds, not seconds (docs/resolve.md)."""

from __future__ import annotations

from watchkeeper.errors import WatchkeeperError

# The longest name on the 2024 UN Consolidated List has 324 characters and 45 words (a listing that strings
# its aliases together); real queries are far shorter.
MAX_NAME_CHARS = 400
MAX_NAME_WORDS = 50
MAX_BATCH_NAMES = 100_000  # rows of one CLI batch (--csv); the web API takes at most 500 names a request


class NameTooLongError(WatchkeeperError):
    """A name to match or screen is over the documented size."""


class BatchTooLargeError(WatchkeeperError):
    """A batch holds more names than one screening run takes."""


def check_name(name: str) -> str:
    """The name, if it is within MAX_NAME_CHARS characters and MAX_NAME_WORDS words; else NameTooLongError."""
    if len(name) > MAX_NAME_CHARS:
        raise NameTooLongError(
            f"a name may have at most {MAX_NAME_CHARS} characters ({len(name):,} given, "
            f"starting {name[:40]!r}): screen the name itself, not a document"
        )
    words = name.split(maxsplit=MAX_NAME_WORDS)
    if len(words) > MAX_NAME_WORDS:
        raise NameTooLongError(
            f"a name may have at most {MAX_NAME_WORDS} words (more given, starting {name[:40]!r})"
        )
    return name


def check_batch(count: int) -> int:
    """The batch size, if at most MAX_BATCH_NAMES; else BatchTooLargeError."""
    if count > MAX_BATCH_NAMES:
        raise BatchTooLargeError(
            f"a batch may hold at most {MAX_BATCH_NAMES:,} names (more given): split the file"
        )
    return count
