"""The ``generate`` and ``postbuild`` commands: one plain message for bad input, no traceback."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ..data.loader import DataError
from ..i18n import StringsError
from ..kinds.registry import KindError
from .generate import generate, watched_inputs
from .postbuild import postbuild


def run_staging(args: argparse.Namespace) -> int:
    try:
        if args.command == "postbuild":
            done = postbuild(args.site, args.staging)
            print(f"guidekit: finished {done} pages of {args.site}")
            return 0
        staging = generate(args.config_file, args.out, args.theme_overrides)
        print(f"guidekit: staged {len(staging.written)} files in {args.out} "
              f"({len(staging.changed)} changed)")
        if args.watch:
            watch(args.config_file, args.out, args.theme_overrides)
        return 0
    except DataError as error:
        print(f"guidekit: {len(error.problems)} problem(s) in the data:", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
    except (StringsError, KindError, FileNotFoundError, ValueError) as error:
        print(f"guidekit: {error}", file=sys.stderr)
    return 1


def watch(config_file: Path, out: Path, theme_overrides: bool = False,
          interval: float = 0.3) -> None:
    """Regenerate whenever an input changes (polling: no dependency, and a data edit is seen
    within ``interval``). ``zensical serve`` of the staged tree then rebuilds what changed."""
    stamp = watched_inputs(config_file)
    print("guidekit: watching the data, docs and configuration (Ctrl+C stops)", flush=True)
    try:
        while True:
            time.sleep(interval)
            now = watched_inputs(config_file)
            if now == stamp:
                continue
            stamp = now
            try:
                staging = generate(config_file, out, theme_overrides)
                print(f"guidekit: regenerated ({len(staging.changed)} files changed)",
                      flush=True)
            except DataError as error:
                print("guidekit: not regenerated:\n  " + "\n  ".join(error.problems),
                      file=sys.stderr, flush=True)
    except KeyboardInterrupt:
        return
