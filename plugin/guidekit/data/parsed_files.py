"""Parsed data files kept between the builds of one process (``mkdocs serve``).

A rebuild re-parses only the files whose stamp (modification and change times in ns, size,
inode) changed;
the others come back from the cache. Parsing YAML is most of the cost of loading a site's data
(the guide's ~150 files: ~85 ms to parse, ~3 ms to restore), and a serve rebuild after one edit
needs only the edited file read again.

Never stale, never shared:
- the stamp is taken *before* the file is read, so a write during the read changes the stamp
  and the next build reads the file again;
- the change time (ctime) is in the stamp: every write and every ``touch`` moves it, and no
  program can set it back (an editor or ``git checkout`` may set the modification time back);
- a file changed within the last ``RACY_SECONDS`` is parsed again on every build until it is
  older: file systems keep times in ticks of a few milliseconds, so two writes of the same size
  in one tick leave the same stamp (git calls these "racily clean" entries);
- each caller gets its own copy (unpickled from the stored bytes), so nothing a build does to
  the data it was handed reaches the next build.
"""

from __future__ import annotations

import os
import pickle
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

RACY_SECONDS = 2.0
MAX_FILES = 20_000  # past this many, start again (a process that builds many sites: tests)

Stamp = tuple[int, int, int, int]  # (st_mtime_ns, st_ctime_ns, st_size, st_ino)


def file_stamp(path: Path) -> Stamp:
    stat = os.stat(path)
    return (stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size, stat.st_ino)


class ParsedFiles:
    """The results of ``parse(path)`` by path, reused while the file's stamp is unchanged.

    ``parse`` must be a pure function of the file's content; what it raises is not cached (a
    broken file is read again on the next build, after its author fixed it)."""

    def __init__(self, parse: Callable[[Path], Any]) -> None:
        self._parse = parse
        self._entries: dict[Path, tuple[Stamp, bytes]] = {}
        self.parsed = 0  # files read so far (tests check that an unchanged file is not)

    def get(self, path: Path, parse: Callable[[Path], Any] | None = None) -> Any:
        """The parsed file; on a miss, ``parse`` (the same result by another road, such as
        the disk cache of disk_cache.py) parses it when given, else the constructor's."""
        key = Path(os.path.abspath(path))  # no symlink walk: the stamp follows links anyway
        stamp = file_stamp(key)
        entry = self._entries.get(key)
        if entry is not None and entry[0] == stamp:
            return pickle.loads(entry[1])
        self._entries.pop(key, None)
        value = (parse or self._parse)(path)
        self.parsed += 1
        if time.time_ns() - max(stamp[0], stamp[1]) > RACY_SECONDS * 1e9:
            if len(self._entries) >= MAX_FILES:
                self._entries.clear()
            self._entries[key] = (stamp, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        return value

    def clear(self) -> None:
        self._entries.clear()
