"""The packaged plugin works on its own: build the sdist and wheel, install the wheel into a
fresh virtualenv, and build the example site there, far from this source tree.

Steps (one module-scoped fixture each, so the slow parts run once):

1. ``python -m build`` on a copy of the packaging inputs (pyproject.toml and plugin/) in a
   temporary directory: the source tree is never written to (no build/ or egg-info churn while
   others work in it). Without ``--sdist``/``--wheel``, build makes the sdist first and the
   wheel *from the sdist*, so a file missing from the sdist breaks the wheel too.
   ``--no-isolation`` is used when this venv already has what pyproject's
   ``[build-system]`` asks for (setuptools>=69 and wheel); otherwise the build is isolated
   (pip fetches the backend, from its cache when it can).
2. Every non-Python file of the package (templates, assets, schemas, py.typed) is in both.
3. A fresh ``python -m venv`` (no pip of its own: this venv's pip installs into it with
   ``--python``), then ``pip install <wheel>`` with requirements/dev.lock as *constraints*, so
   the wheel's declared dependencies are resolved for real, at the versions we test with.
   The built-in-theme variant of the example is built at that point, with neither
   mkdocs-material nor mkdocs-macros-plugin installed; then those two are added and the
   Material variant is built. Both ``--strict``, from a copy of examples/coffee in tmp,
   with the fresh venv's interpreter.
4. Headless Chromium against the wheel-built Material site: a checklist tick survives a
   reload, a calculator recomputes, a matrix filters.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "plugin" / "guidekit"
EXAMPLE = REPO / "examples" / "coffee"
DEV_LOCK = REPO / "requirements" / "dev.lock"
STEP_TIMEOUT = 900  # seconds for one pip install or build

pytestmark = pytest.mark.slow


# --------------------------------------------------------------------------- helpers


def run(command: list[str], cwd: Path, what: str, env: dict[str, str] | None = None) -> str:
    """Run a command; on failure, fail the test with its full output."""
    started = time.monotonic()
    proc = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env if env is not None else clean_env(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=STEP_TIMEOUT,
    )
    elapsed = time.monotonic() - started
    print(f"[test_wheel] {what}: {elapsed:.1f}s")
    if proc.returncode != 0:
        pytest.fail(
            f"{what} failed (exit {proc.returncode}): {' '.join(map(str, command))}\n"
            f"--- output ---\n{proc.stdout}--- end of output ---",
            pytrace=False,
        )
    return proc.stdout


def clean_env() -> dict[str, str]:
    """This environment without anything that would make the source tree importable."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME",
                                                            "VIRTUAL_ENV", "PYTHONSTARTUP"}}
    env.update(NO_MKDOCS_2_WARNING="1", PYTHONUTF8="1", NO_COLOR="1",
               PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1")
    return env


def package_files(root: Path) -> set[str]:
    """Non-Python files of the package below ``root`` (what package-data must ship)."""
    found = set()
    for path in root.rglob("*"):
        rel = path.relative_to(root)
        if not path.is_file() or "__pycache__" in rel.parts:
            continue
        if any(part.startswith(".") for part in rel.parts) or path.suffix in {".py", ".pyc"}:
            continue
        found.add(rel.as_posix())
    return found


def can_build_without_isolation() -> bool:
    from importlib.metadata import PackageNotFoundError, version

    try:
        setuptools = tuple(int(x) for x in version("setuptools").split(".")[:2])
    except (PackageNotFoundError, ValueError):
        return False
    if setuptools < (69, 0):
        return False
    if setuptools >= (70, 1):  # bdist_wheel moved into setuptools
        return True
    try:
        version("wheel")
    except PackageNotFoundError:
        return False
    return True


def mkdocs_build(python: Path, project: Path, config: str, site: Path) -> str:
    output = run([python, "-m", "mkdocs", "build", "--strict", "-f", project / config,
                  "-d", site], cwd=project, what=f"mkdocs build {config} (wheel venv)")
    warnings = [line for line in output.splitlines()
                if line.lstrip().startswith(("WARNING", "ERROR"))]
    assert not warnings, f"{config}: warnings in a --strict build:\n" + "\n".join(warnings)
    return output


# --------------------------------------------------------------------------- fixtures


@dataclass
class Dist:
    wheel: Path
    sdist: Path
    expected: set[str]  # non-Python package files, relative to guidekit/
    isolated: bool


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Dist:
    """sdist and wheel built from a copy of pyproject.toml + plugin/ (+ README/LICENSE)."""
    root = tmp_path_factory.mktemp("wheel")
    source = root / "source"
    source.mkdir()
    shutil.copy2(REPO / "pyproject.toml", source / "pyproject.toml")
    for pattern in ("README*", "LICENSE*", "MANIFEST.in"):
        for path in REPO.glob(pattern):
            shutil.copy2(path, source / path.name)
    shutil.copytree(REPO / "plugin", source / "plugin",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info"))
    out = root / "dist"
    isolated = not can_build_without_isolation()
    command = [sys.executable, "-m", "build", "--outdir", out, source]
    if not isolated:
        command.insert(3, "--no-isolation")
    run(command, cwd=root, what="python -m build" + (" (isolated)" if isolated else ""))
    wheels, sdists = list(out.glob("*.whl")), list(out.glob("*.tar.gz"))
    assert len(wheels) == 1 and len(sdists) == 1, sorted(p.name for p in out.iterdir())
    return Dist(wheels[0], sdists[0], package_files(source / "plugin" / "guidekit"), isolated)


@dataclass
class WheelSites:
    python: Path
    guidekit_paths: list[str]  # guidekit.__path__ entries, then the module file
    material: Path
    basic: Path
    timings: dict[str, float]


@pytest.fixture(scope="module")
def wheel_sites(dist: Dist, tmp_path_factory: pytest.TempPathFactory) -> WheelSites:
    """A fresh venv with the wheel; the example built there with both configs."""
    root = tmp_path_factory.mktemp("fresh")
    venv = root / "venv"
    timings: dict[str, float] = {}
    started = time.monotonic()
    run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=root, what="venv")
    python = venv / "bin" / "python"
    pip = [sys.executable, "-m", "pip", "--python", python, "install", "-q", "-c", DEV_LOCK]
    run([*pip, dist.wheel], cwd=root, what="pip install <wheel>")
    timings["venv + wheel"] = time.monotonic() - started

    project = root / "coffee"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("site", "__pycache__"))
    # guidekit/ has no __init__.py (an implicit namespace package), so guidekit.__file__ is
    # None: locate it by guidekit.__path__ and the plugin module's file instead.
    probe = run([python, "-c", "import guidekit, guidekit.plugin; "
                 "print(*guidekit.__path__, guidekit.__file__ or guidekit.plugin.__file__, "
                 "sep='\\n')"], cwd=project, what="import guidekit")
    guidekit_paths = probe.strip().splitlines()

    # Graceful degradation: the basic variant needs nothing but the wheel and its deps.
    missing = run([python, "-c", "import importlib.util as u; "
                   "print([m for m in ('material', 'mkdocs_macros') if u.find_spec(m)])"],
                  cwd=project, what="check optional deps are absent")
    assert missing.strip().splitlines()[-1] == "[]", missing
    started = time.monotonic()
    basic = mkdocs_build(python, project, "mkdocs-basic.yml", root / "site-basic")
    timings["build basic"] = time.monotonic() - started
    del basic

    started = time.monotonic()
    run([*pip, "mkdocs-material", "mkdocs-macros-plugin"], cwd=root,
        what="pip install mkdocs-material mkdocs-macros-plugin")
    timings["material + macros"] = time.monotonic() - started
    started = time.monotonic()
    mkdocs_build(python, project, "mkdocs.yml", root / "site-material")
    timings["build material"] = time.monotonic() - started
    run([sys.executable, "-m", "pip", "--python", python, "check"], cwd=root, what="pip check")
    return WheelSites(python, guidekit_paths, root / "site-material", root / "site-basic",
                      timings)


# --------------------------------------------------------------------------- the artifacts


def test_wheel_ships_every_package_file(dist: Dist) -> None:
    with zipfile.ZipFile(dist.wheel) as archive:
        names = archive.namelist()
    shipped = {n[len("guidekit/"):] for n in names if n.startswith("guidekit/")}
    missing = sorted(dist.expected - shipped)
    assert not missing, f"not in {dist.wheel.name}: {missing}"
    for pattern in (r"templates/guidekit/[^/]+\.html", r"templates/guidekit/[^/]+\.md",
                    r"assets/js/[^/]+\.js", r"assets/css/[^/]+\.css",
                    r"kinds/[^/]+/[^/]+\.html", r"kinds/[^/]+/[^/]+\.js",
                    r"kinds/[^/]+/[^/]+\.css", r"assets/formula-runtime\.js", r"py\.typed"):
        assert any(re.fullmatch(pattern, n) for n in shipped), f"no {pattern} in the wheel"
    if (PACKAGE / "schemas").is_dir():
        assert any(re.fullmatch(r"schemas/[^/]+\.json", n) for n in shipped)
    for module in ("plugin.py", "macros.py", "config.py", "formulas.py", "data/models.py",
                   "markdown.py", "standalone.py", "__main__.py"):
        assert module in shipped, module
    dist_info = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    with zipfile.ZipFile(dist.wheel) as archive:
        entry_points = archive.read(dist_info).decode()
        metadata = archive.read(dist_info.replace("entry_points.txt", "METADATA")).decode()
    assert re.search(r"\[mkdocs\.plugins\]\s*\nguidekit = guidekit\.plugin:GuidekitPlugin",
                     entry_points), entry_points
    assert re.search(r"\[properdocs\.plugins\]\s*\nguidekit = guidekit\.plugin:GuidekitPlugin",
                     entry_points), entry_points
    assert "Name: mkdocs-guidekit" in metadata
    for requirement in ("mkdocs", "pydantic", "PyYAML", "Jinja2", "Markdown"):
        assert re.search(rf"^Requires-Dist: {requirement}\b", metadata, re.M), requirement


def test_sdist_ships_every_package_file(dist: Dist) -> None:
    with tarfile.open(dist.sdist) as archive:
        names = archive.getnames()
    top = names[0].split("/")[0]
    prefix = f"{top}/plugin/guidekit/"
    shipped = {n[len(prefix):] for n in names if n.startswith(prefix)}
    missing = sorted(dist.expected - shipped)
    assert not missing, f"not in {dist.sdist.name}: {missing}"
    assert f"{top}/pyproject.toml" in names
    assert "py.typed" in shipped and "assets/formula-runtime.js" in shipped


def test_wheel_installs_and_builds_the_example(wheel_sites: WheelSites, dist: Dist) -> None:
    venv = wheel_sites.python.parent.parent
    for location in wheel_sites.guidekit_paths:
        resolved = Path(location).resolve()
        assert resolved.is_relative_to(venv.resolve()), (
            f"guidekit imported from {location}, not from the fresh venv {venv}"
        )
        assert not resolved.is_relative_to(REPO), location
    for site in (wheel_sites.material, wheel_sites.basic):
        for page in ("brewing/index.html", "methods/pour-over/index.html",
                     "equipment/burr-grinder/index.html", "checklists/morning-brew/index.html",
                     "assets/guidekit/guidekit.js", "assets/guidekit/guidekit-formulas.js"):
            assert (site / page).is_file(), f"{site.name}: {page} missing"
    macros_page = (wheel_sites.material / "macros/index.html").read_text(encoding="utf-8")
    assert 'data-gk="calculator"' in macros_page and "{{" not in macros_page
    assert not (wheel_sites.basic / "macros").exists()
    print(f"[test_wheel] wheel {dist.wheel.name}: {dist.wheel.stat().st_size} bytes, "
          f"sdist {dist.sdist.stat().st_size} bytes, isolated build: {dist.isolated}, "
          f"timings: { {k: round(v, 1) for k, v in wheel_sites.timings.items()} }")


def test_new_site_from_the_wheel_builds_strict_with_both_themes(
    wheel_sites: WheelSites, tmp_path: Path
) -> None:
    """``python -m guidekit new`` in the fresh venv: the starter site builds --strict with
    Material, then again with MkDocs' built-in theme; its YAML names the installed schema."""
    python = wheel_sites.python
    usage = run([python, "-m", "guidekit", "--help"], cwd=tmp_path, what="guidekit --help")
    for command in ("new", "schema", "assets"):
        assert re.search(rf"^\s+{command}\s+\S", usage, re.M), usage
    assert "for a site built without the plugin" in usage, usage  # not cut short
    schema = Path(run([python, "-m", "guidekit", "schema"], cwd=tmp_path,
                      what="guidekit schema").strip())
    assert schema.is_file() and schema.resolve().is_relative_to(
        python.parent.parent.resolve()), schema
    for theme in ("material", "mkdocs"):
        project = tmp_path / theme
        run([python, "-m", "guidekit", "new", project, "--theme", theme], cwd=tmp_path,
            what=f"guidekit new --theme {theme}")
        config = (project / "mkdocs.yml").read_text(encoding="utf-8")
        assert f"name: {theme}" in config
        assert ("font: false" in config) == (theme == "material")
        assert (project / "README.md").is_file()
        for data_file in sorted((project / "data").glob("*.yml")):
            first = data_file.read_text(encoding="utf-8").splitlines()[0]
            assert first == f"# yaml-language-server: $schema={schema.as_posix()}", first
        mkdocs_build(python, project, "mkdocs.yml", project / "site")
        site = project / "site"
        for page in ("plants/pothos/index.html", "checklists/repotting/index.html",
                     "calculators/pot-volume/index.html", "matrices/plant-care/index.html",
                     "decisions/choose-plant/index.html", "care/index.html"):
            assert (site / page).is_file(), f"{theme}: {page} missing"
        care = (site / "care/index.html").read_text(encoding="utf-8")
        for kind in ("calculator", "checklist", "decision"):
            assert f'data-gk="{kind}"' in care, (theme, kind)
        # A matrix in a chapter is a plain table linking to its page, where the tool lives.
        assert 'data-gk="matrix"' not in care and 'id="table-plant-care"' in care, theme
        assert 'class="gk-table__page" href="../matrices/plant-care/"' in care, theme
        matrix = (site / "matrices/plant-care/index.html").read_text(encoding="utf-8")
        assert 'data-gk="matrix"' in matrix, theme
        home = (site / "index.html").read_text(encoding="utf-8")
        assert 'class="gk-autolink" href="plants/pothos/"' in home, "names not auto-linked"
    again = subprocess.run([str(python), "-m", "guidekit", "new", str(tmp_path / "mkdocs")],
                           capture_output=True, text=True, env=clean_env(), check=False)
    assert again.returncode == 1 and "already has" in again.stderr  # never overwrites


# --------------------------------------------------------------------------- in the browser


@pytest.fixture
def material_url(wheel_sites: WheelSites, serve_dir: Callable[[Path], str]) -> str:
    return serve_dir(wheel_sites.material)


def ready(page: Any, kind: str) -> Any:
    """The widget root once guidekit's script has started it."""
    root = page.locator(f'[data-gk="{kind}"]').first
    page.wait_for_selector(f'[data-gk="{kind}"][data-gk-ready]', state="attached")
    return root


@pytest.mark.browser
def test_checklist_tick_survives_reload(page: Any, context: Any, material_url: str) -> None:
    from playwright.sync_api import expect

    url = material_url + "checklists/morning-brew/"
    page.goto(url)
    ready(page, "checklist")
    box = page.locator('input[data-gk-check="grind"]')
    expect(box).not_to_be_checked()
    box.check()
    expect(page.locator("[data-gk-progress-text]").first).to_contain_text("1 of 7")
    page.reload()
    ready(page, "checklist")
    expect(page.locator('input[data-gk-check="grind"]')).to_be_checked()
    # A new navigation (no form-state restore by the browser) must show it too.
    other = context.new_page()
    other.goto(url)
    ready(other, "checklist")
    expect(other.locator('input[data-gk-check="grind"]')).to_be_checked()
    expect(other.locator('input[data-gk-check="bloom"]')).not_to_be_checked()


@pytest.mark.browser
def test_calculator_recomputes(page: Any, material_url: str) -> None:
    from playwright.sync_api import expect

    page.goto(material_url + "calculators/brew-ratio/")
    ready(page, "calculator")
    water = page.locator('output[data-gk-output="water"]')
    expect(water).to_have_text("288 ml")
    page.locator('[data-gk-input="coffee"]').fill("20")
    expect(water).to_have_text("320 ml")  # 20 g at 1:16
    page.locator('[data-gk-input="strength"]').select_option(index=0)
    expect(water).to_have_text("300 ml")  # 20 g at 1:15
    page.locator('[data-gk-input="mugs"]').fill("200, 200, 200")
    expect(page.locator('output[data-gk-output="mugs_total"]')).to_have_text("600 ml")


@pytest.mark.browser
def test_matrix_filter_changes_row_count(page: Any, material_url: str) -> None:
    page.goto(material_url + "matrices/brew-methods/")
    ready(page, "matrix")
    rows = page.locator("tbody tr[data-gk-row]:visible")
    assert rows.count() == 6
    page.locator("[data-gk-filter]").fill("cold")
    page.wait_for_function(
        "() => [...document.querySelectorAll('tbody tr[data-gk-row]')]"
        ".filter(r => r.offsetParent !== null).length < 6"
    )
    visible = [r.get_attribute("data-gk-row") for r in rows.all()]
    assert visible == ["cold-brew"], visible
