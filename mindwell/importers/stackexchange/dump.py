"""A Stack Exchange data dump, read one row at a time.

The archive.org dumps are one .7z per site holding Posts.xml, Users.xml, Comments.xml,
Votes.xml, Tags.xml, PostHistory.xml, PostLinks.xml and Badges.xml: `<posts><row Id=".."
.../></posts>`. A directory of those files, a .zip of them, or a .7z (unpacked with the
`7z` program when it is installed) is accepted. Rows are streamed with iterparse and
cleared as they are read, so a 1 GB Posts.xml never sits in memory; defusedxml refuses
DTDs with entities and external references.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import IO
from xml.etree.ElementTree import ParseError

from defusedxml.ElementTree import iterparse

from mindwell.core.errors import DomainError

FILES = (
    "Posts.xml",
    "Users.xml",
    "Comments.xml",
    "Votes.xml",
    "Tags.xml",
    "PostHistory.xml",
    "PostLinks.xml",
    "Badges.xml",
)
_SITE = re.compile(r"((?:[a-z0-9-]+\.)+(?:com|net|org))", re.IGNORECASE)


def parse_date(value: str | None) -> datetime | None:
    """The dumps' ISO times (`2014-05-13T23:58:30.457`) are UTC without a zone."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed


def parse_int(value: str | None) -> int | None:
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        return None


def parse_tags(value: str | None) -> list[str]:
    """`<a><b>` (older dumps) or `|a|b|` (newer dumps) to ['a', 'b']."""
    text = (value or "").strip()
    if not text:
        return []
    words = re.findall(r"<([^<>]+)>", text) if text.startswith("<") else text.strip("|").split("|")
    seen: list[str] = []
    for word in words:
        word = word.strip()
        if word and word not in seen:
            seen.append(word)
    return seen


class Dump:
    """Opens the dump; `rows(name)` streams the attribute dicts of one file's rows."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._zip: zipfile.ZipFile | None = None
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self._names: dict[str, str] = {}
        if not self.path.exists():
            raise DomainError(f"No such file or directory: {self.path}")
        if self.path.is_dir():
            self.root: Path | None = self.path
            self._index(p.name for p in self.path.iterdir() if p.is_file())
        elif zipfile.is_zipfile(self.path):
            self._zip = zipfile.ZipFile(self.path)
            self.root = None
            self._index(self._zip.namelist())
        elif self.path.suffix.lower() == ".7z":
            self.root = self._unpack_7z()
            self._index(p.name for p in self.root.rglob("*.xml"))
        else:
            raise DomainError(
                f"{self.path} is not a directory, a .zip or a .7z of a Stack Exchange dump."
            )
        if "posts.xml" not in self._names:
            self.close()
            raise DomainError(f"No Posts.xml in {self.path}: is this a Stack Exchange dump?")

    def _index(self, names: Iterator[str] | list[str]) -> None:
        for name in names:
            base = name.rsplit("/", 1)[-1]
            if base.lower().endswith(".xml"):
                self._names.setdefault(base.lower(), name)

    def _unpack_7z(self) -> Path:
        program = shutil.which("7z") or shutil.which("7zz") or shutil.which("7za")
        if program is None:
            raise DomainError(
                "Unpacking a .7z needs a 7z program (Debian: apt-get install 7zip or p7zip-full); "
                "or unpack the archive yourself and give the directory."
            )
        self._tmp = tempfile.TemporaryDirectory(prefix="se-dump-")
        result = subprocess.run(  # noqa: S603 - fixed program, the path is an argument
            [program, "x", "-y", f"-o{self._tmp.name}", str(self.path)],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            self.close()
            raise DomainError(f"7z could not unpack {self.path}: {result.stderr.strip()[:200]}")
        return Path(self._tmp.name)

    @property
    def site(self) -> str:
        """The site's host as the archive is named (cooking.stackexchange.com.7z), or ''."""
        match = _SITE.search(self.path.name)
        return match.group(1).lower() if match else ""

    def has(self, name: str) -> bool:
        return name.lower() in self._names

    def _open(self, name: str) -> IO[bytes]:
        stored = self._names[name.lower()]
        if self._zip is not None:
            return self._zip.open(stored)
        root = self.root or self.path
        found = root / stored
        if not found.exists():
            found = next(root.rglob(stored))
        return found.open("rb")

    def rows(self, name: str) -> Iterator[dict[str, str]]:
        if not self.has(name):
            return
        with self._open(name) as handle:
            try:
                root = None
                for event, element in iterparse(handle, events=("start", "end")):
                    if root is None:
                        root = element  # the file's element; rows hang under it
                    elif event == "end" and element.tag == "row":
                        yield dict(element.attrib)
                        root.clear()  # drop the rows read so far
            except ParseError as exc:
                raise DomainError(f"{name} is not well-formed XML: {exc}") from exc

    def count(self, name: str) -> int:
        return sum(1 for _ in self.rows(name))

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()
            self._zip = None
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None
