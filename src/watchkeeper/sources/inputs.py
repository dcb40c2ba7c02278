"""What the analyst points Watchkeeper at: paths (files, directories, archives) and URLs, as raw inputs."""

from __future__ import annotations

import hashlib
import os
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


def printable(path: Path | str) -> str:
    """A path as text that can be printed and stored: bytes that are not UTF-8 shown as \\xNN escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _folder_files(folder: Path) -> list[str | WatchkeeperError]:
    """The files of a folder (recursive, hidden ones skipped, sorted); no symlink is followed out of it."""
    root = folder.resolve()
    found: list[str | WatchkeeperError] = []
    for path in sorted(folder.rglob("*")):
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        if path.is_symlink():
            try:
                target = path.resolve()
            except (OSError, RuntimeError):  # a loop of links
                found.append(SourceError(printable(path), "a symlink that cannot be resolved: not followed"))
                continue
            if not target.is_relative_to(root):
                found.append(SourceError(printable(path), "a symlink to outside the folder: not followed"))
                continue
        if path.is_file():
            found.append(_file_name(path))
    return found


def _file_name(path: Path) -> str | WatchkeeperError:
    """The path as a locator, or one error line when its name is not UTF-8 (it could not be stored)."""
    name = str(path)
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return SourceError(printable(path), "the file name is not valid UTF-8: rename the file")
    return name


def expand_targets(targets: Iterable[str]) -> list[str | WatchkeeperError]:
    """Paths and URLs, directories replaced by their files (see ``_folder_files``)."""
    expanded: list[str | WatchkeeperError] = []
    for target in targets:
        if is_url(target):
            expanded.append(target)
            continue
        path = Path(target)
        if path.is_dir():
            expanded.extend(_folder_files(path))
        elif path.is_file():
            expanded.append(_file_name(path))
        else:
            expanded.append(SourceError(printable(target), "no such file, directory or http(s) URL"))
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
