"""The Content-Security-Policy: hashes of exactly the inline scripts a browser runs, and the
``_headers`` file that carries the policy, next to a site's own rules."""

from __future__ import annotations

import base64
import hashlib
import random
import re
from pathlib import Path

from guidekit import csp


def sha(text: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"


def test_inline_scripts_that_run_are_hashed_and_nothing_else() -> None:
    pages = [
        '<script>var a=1;</script><script src="x.js"></script>'
        '<script id="__config" type="application/json">{"a": 1}</script>',
        '<script type="module">\nimport x from "./x.js"\n</script><SCRIPT>var a=1;</SCRIPT>',
    ]
    assert csp.inline_script_hashes(pages) == sorted(
        [sha("var a=1;"), sha('\nimport x from "./x.js"\n')])


# What the scan of a page's scripts must find (one regex: slower on a large site).
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.DOTALL | re.IGNORECASE)


def test_the_script_scan_finds_what_the_regex_finds() -> None:
    odd = ["<script>a</script>", "<script src=x>", "<script>a</SCRIPT >b</script>",
           "<scripts>x</script>", "<script\n>a</script\t\n>", "<script>a</script x>b</script>",
           "<script>a<script>b</script>", "</script><script>", "<script a='>'>b</script>"]
    pieces = ["<script", "<SCRIPT", ">", "</script", "</Script", " ", "\n", "a", "=", "'",
              '"', "src", "type=module", "s", "<"]
    rng = random.Random(24)
    randoms = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 25)))
               for _ in range(20_000)]
    for html in odd + randoms:
        assert list(csp.scripts_in(html)) == _SCRIPT.findall(html), html


def test_the_policy_is_strict_and_styles_are_inline_only_for_mermaid() -> None:
    strict = csp.policy(["'sha256-x'"])
    assert strict == ("default-src 'self'; script-src 'self' 'sha256-x'; style-src 'self'; "
                      "img-src 'self' data:; object-src 'none'; base-uri 'self'; "
                      "frame-ancestors 'none'")
    assert "style-src 'self' 'unsafe-inline';" in csp.policy([], inline_styles=True)
    assert "unsafe-eval" not in strict


def test_the_headers_file_keeps_the_sites_own_rules() -> None:
    assert csp.headers_file("P") == "/*\n  Content-Security-Policy: P\n"
    own = "/assets/*\n  Cache-Control: max-age=31536000\n"
    assert csp.headers_file("P", own) == own + "\n/*\n  Content-Security-Policy: P\n"
    assert csp.headers_file("P", "/*\n  content-security-policy: default-src *\n") is None


def test_a_built_site_s_scripts_are_read_from_every_html_file(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "index.html").write_text("<script>one()</script>", encoding="utf-8")
    (tmp_path / "a" / "b" / "index.html").write_text("<script>twö()</script><script>one()</script>",
                                                     encoding="utf-8")
    (tmp_path / "a" / "notes.txt").write_text("<script>not_a_page()</script>", encoding="utf-8")
    assert csp.site_script_hashes(tmp_path) == sorted([sha("one()"), sha("twö()")])
