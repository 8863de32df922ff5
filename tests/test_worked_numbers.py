"""The calculators' defaults, as written into the built HTML by Python at build time, reproduce
the guide's worked numbers; the availability formulas reproduce every row of its table."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from guidekit.core import Site, load_site
from guidekit.kinds.calculator import KIND as CALCULATOR
from guidekit.kinds.calculator.view import default_values
from guidekit.units import parse_quantity

ROOT = Path(__file__).resolve().parents[1]


@lru_cache(maxsize=1)
def guide() -> Site:
    return load_site(ROOT / "data")


def outputs(site_dir: Path, calculator: str) -> dict[str, tuple[float, str]]:
    """(value, shown text) of each output of a calculator, read from its built page."""
    page = site_dir / "calculators" / calculator / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    root = soup.select_one(f'[data-gk="calculator"][data-gk-id="{calculator}"]')
    assert root is not None, f"no calculator {calculator} on {page}"
    return {
        out["data-gk-output"]: (float(out["data-value"]), out.get_text(strip=True))
        for out in root.select("output[data-gk-output]")
    }


def test_capacity_example(guide_site: Path) -> None:
    # 10M DAU x 20 actions -> 200M/day -> ~2,300 RPS -> ~7,000 peak -> ~15,000 design-for
    results = outputs(guide_site, "capacity")
    assert results["daily_requests"] == (200_000_000, "200M")
    assert results["avg_rps"][0] == pytest.approx(2314.81, abs=0.01)
    assert results["avg_rps"][1].startswith("2.3K")
    assert round(results["peak_rps"][0], -3) == 7000
    assert results["planning_rps"][0] == 15_000


def test_storage_example(guide_site: Path) -> None:
    # 10M users x 1KB = 10GB; 200M actions x 100 bytes = 20GB/day; 1 year: 7.3TB
    results = outputs(guide_site, "storage")
    assert results["profile_storage"] == (10e9, "10 GB")
    assert results["daily_growth"] == (20e9, "20 GB")
    assert results["retained_activity"][1] == "7.3 TB"
    # "Design for: 20TB with replication": the exact product with 3 copies is 21.9 TB.
    assert results["total_replicated"][0] == pytest.approx(20e12, rel=0.15)


def test_availability_default_is_three_nines(guide_site: Path) -> None:
    results = outputs(guide_site, "availability")
    assert results["downtime_year"][0] == pytest.approx(31_536)  # 8.76 hours
    assert results["downtime_year"][1] == "8 h 45 m 36 s"
    assert results["downtime_month"][0] == pytest.approx(2_628)  # 43.8 min


def availability_rows(site_dir: Path) -> list[tuple[float, str, str]]:
    page = site_dir / "matrices" / "availability-targets" / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    table = soup.select_one('[data-gk-id="availability-targets"] table')
    assert table is not None
    headers = [th.get_text(" ", strip=True).lower() for th in table.select("thead th")]
    rows = []
    for tr in table.select("tbody tr"):
        cells = dict(zip(headers, (c.get_text(" ", strip=True) for c in tr.select("th, td")),
                         strict=False))
        level = float(re.sub(r"[^\d.]", "", cells["level"]))
        rows.append((level, cells["downtime/year"], cells["downtime/month"]))
    return rows


def test_every_availability_row_matches_the_formulas(guide_site: Path) -> None:
    site = guide()
    calculator = site.catalog.calculators["availability"]
    compiled = CALCULATOR.result(site.checked).compiled["availability"]
    rows = availability_rows(guide_site)
    assert len(rows) == 5
    for level, per_year, per_month in rows:
        values = default_values(CALCULATOR.result(site.checked), calculator)
        values["sla"] = level
        results = compiled.evaluate(values)
        for shown, computed in ((per_year, results["downtime_year"]),
                                (per_month, results["downtime_month"])):
            expected = parse_quantity(shown.replace(" ", ""), "s")
            assert expected is not None, shown
            # The guide rounds to three significant figures.
            assert computed == pytest.approx(expected, rel=0.01), (level, shown, computed)
