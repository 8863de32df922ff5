"""Building MkDocs projects in a subprocess (the venv's own mkdocs, via sys.executable)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

BUILD_TIMEOUT = 900  # seconds


@dataclass
class BuildResult:
    """Outcome of one ``mkdocs build``: where it wrote, what it printed, how it exited."""

    site_dir: Path
    output: str  # stdout and stderr, interleaved
    returncode: int
    config_file: Path
    command: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    @property
    def base_path(self) -> str:
        """URL path the site is deployed under (from ``site_url``), e.g. ``/guide/``."""
        return site_base_path(self.config_file)

    @property
    def warnings(self) -> list[str]:
        """Lines that MkDocs logged at WARNING or ERROR level."""
        return [
            line
            for line in self.output.splitlines()
            if line.lstrip().startswith(("WARNING", "ERROR"))
        ]


_SITE_URL = re.compile(r"""^site_url:[ \t]*["']?([^"'\s#]+)""", re.MULTILINE)


def site_base_path(config_file: Path | str) -> str:
    """The path part of ``site_url`` in an mkdocs.yml (``/`` if unset), with slashes around.

    MkDocs writes root-absolute URLs under that path into ``404.html``, so link checking and
    serving must use it. Read with a regex: mkdocs.yml may hold ``!!python/name`` tags."""
    try:
        text = Path(config_file).read_text(encoding="utf-8")
    except OSError:
        return "/"
    match = _SITE_URL.search(text)
    path = urlsplit(match.group(1)).path.strip("/") if match else ""
    return f"/{path}/" if path else "/"


class BuildError(AssertionError):
    """``mkdocs build`` failed; the message carries the command and its full output."""

    def __init__(self, result: BuildResult, expectation: str = "mkdocs build failed") -> None:
        self.result = result
        super().__init__(
            f"{expectation} (exit {result.returncode}): {' '.join(result.command)}\n"
            f"--- output ---\n{result.output}--- end of output ---"
        )


def _config_file(project: Path) -> Path:
    if project.is_file():
        return project
    for name in ("mkdocs.yml", "mkdocs.yaml"):
        candidate = project / name
        if candidate.is_file():
            return candidate
    return project / "mkdocs.yml"  # let mkdocs report it missing


def run_mkdocs_build(
    project_dir: Path | str,
    site_dir: Path | str | None = None,
    strict: bool = True,
    extra_args: tuple[str, ...] = (),
    timeout: float = BUILD_TIMEOUT,
) -> BuildResult:
    """Run ``python -m mkdocs build [--strict] -f <config> -d <site_dir>`` and return the result.

    ``project_dir`` is a directory holding ``mkdocs.yml`` (or the config file itself); the
    build runs with that directory as working directory. ``site_dir`` defaults to
    ``<project_dir>/site``. Never raises for a failed build: see ``returncode``.
    """
    project = Path(project_dir).resolve()
    config = _config_file(project)
    workdir = config.parent
    site = Path(site_dir).resolve() if site_dir is not None else workdir / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site)]
    if strict:
        command.append("--strict")
    command.extend(extra_args)
    env = dict(os.environ)
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    env.setdefault("PYTHONUTF8", "1")
    env["NO_COLOR"] = "1"
    try:
        proc = subprocess.run(
            command,
            cwd=workdir,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=timeout,
        )
        output, returncode = proc.stdout, proc.returncode
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout or ""
        text = out.decode() if isinstance(out, bytes) else out
        output = f"{text}\n[timed out after {timeout}s]\n"
        returncode = -1
    return BuildResult(site, output, returncode, config, command)


def build_site(
    project_dir: Path | str,
    site_dir: Path | str | None = None,
    strict: bool = True,
    *,
    extra_args: tuple[str, ...] = (),
    timeout: float = BUILD_TIMEOUT,
) -> BuildResult:
    """Build and expect success: returns the ``BuildResult``; raises ``BuildError`` (with the
    full build output) if mkdocs exits non-zero."""
    result = run_mkdocs_build(project_dir, site_dir, strict, extra_args, timeout)
    if not result.ok:
        raise BuildError(result)
    return result


def build_site_expect_failure(
    project_dir: Path | str,
    site_dir: Path | str | None = None,
    strict: bool = True,
    *,
    extra_args: tuple[str, ...] = (),
    timeout: float = BUILD_TIMEOUT,
) -> BuildResult:
    """Build and expect failure (e.g. bad data): returns the ``BuildResult`` so the test can
    assert on ``output``; raises ``BuildError`` if the build unexpectedly succeeded."""
    result = run_mkdocs_build(project_dir, site_dir, strict, extra_args, timeout)
    if result.ok:
        raise BuildError(result, "mkdocs build was expected to fail but succeeded")
    return result
