"""What the analyst points Watchkeeper at: paths (files, directories, archives) and URLs, as raw inputs."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from watchkeeper.config import Settings
from watchkeeper.errors import UnsafeInputError, WatchkeeperError
from watchkeeper.sources.document import SourceError
from watchkeeper.sources.http import FetchLimits, fetch
from watchkeeper.sources.reader import MAX_BYTES, Item, read_bytes


@dataclass
class RawInput:
    """The bytes of one input and where they came from, before any parsing."""

    locator: str
    kind: str  # file | url | feed
    data: bytes
    charset: str | None = None
    url: str | None = None
    feed_id: str | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    def read(self) -> list[Item]:
        """The documents in these bytes (several for an archive), or the errors that stopped them."""
        try:
            items = read_bytes(self.data, self.locator, self.kind, charset=self.charset, url=self.url)
        except WatchkeeperError as exc:
            return [exc]
        except Exception as exc:  # a parser fault on one input is that input's error, not the batch's
            return [SourceError(self.locator, f"could not be read ({type(exc).__name__}: {exc})")]
        for item in items:
            if not isinstance(item, WatchkeeperError):
                item.feed_id = self.feed_id
        return items


def is_url(target: str) -> bool:
    return target.lower().startswith(("http://", "https://"))


def expand_targets(targets: Iterable[str]) -> list[str | WatchkeeperError]:
    """Paths and URLs, directories replaced by their files (recursive, hidden ones skipped, sorted)."""
    expanded: list[str | WatchkeeperError] = []
    for target in targets:
        if is_url(target):
            expanded.append(target)
            continue
        path = Path(target)
        if path.is_dir():
            expanded.extend(
                str(p)
                for p in sorted(path.rglob("*"))
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.is_file():
            expanded.append(str(path))
        else:
            expanded.append(SourceError(target, "no such file, directory or http(s) URL"))
    return expanded


def load_input(target: str, settings: Settings, limits: FetchLimits | None = None) -> RawInput:
    """The bytes of a path or URL, within the size limit."""
    limits = limits or FetchLimits(max_bytes=MAX_BYTES)
    if is_url(target):
        fetched = fetch(target, allow_private=settings.allow_private_urls, limits=limits)
        charset = None
        content_type = fetched.headers.get("content-type", "")
        if "charset=" in content_type:
            charset = content_type.split("charset=", 1)[1].split(";", 1)[0].strip().strip('"') or None
        return RawInput(target, "url", fetched.content, charset=charset, url=fetched.final_url)
    path = Path(target)
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise UnsafeInputError(path, f"{size} bytes exceeds the limit of {limits.max_bytes} bytes")
        return RawInput(str(path), "file", path.read_bytes())
    except OSError as exc:
        raise WatchkeeperError(f"{path}: cannot read: {exc.strerror}") from exc
