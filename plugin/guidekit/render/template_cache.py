"""Compiled guidekit templates kept between the builds of one process (``mkdocs serve``).

Each build that reloads a site's data makes a new Jinja environment, which would compile every
template again. Jinja's bytecode cache keys a template by its name and file and checks a
checksum of its source before using the stored code, so an edited template (a site's own
override included) is compiled afresh: the cache is never stale. Compiled code depends on the
environment's options (trim_blocks...): only environments made alike (the Renderer's) share it.
"""

from __future__ import annotations

import jinja2
from jinja2.bccache import Bucket


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Bytecode by template key, in memory, for every environment of the process."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # ignored by Jinja if the checksum differs

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._code.clear()


TEMPLATES = MemoryBytecodeCache()
