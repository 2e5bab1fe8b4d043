"""Privacy: every page type requests nothing from any other host, and runs only its own code."""

from __future__ import annotations

import re
import shutil
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from handbook.web.privacy import external_resources, harden, policy
from tests.browser import PAGE_TYPES
from tests.conftest import ROOTS


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_page_requests_only_its_own_site(browser, server, kind):
    page = browser.new_page()
    requests: list[str] = []
    problems: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(server + PAGE_TYPES[kind], wait_until="networkidle")
    page.close()
    own = urlsplit(server).netloc
    foreign = [url for url in requests if not url.startswith("data:") and urlsplit(url).netloc != own]
    assert requests, "the page loaded something"
    assert foreign == []
    assert [problem for problem in problems if "Content Security Policy" in problem or "Refused" in problem] == []
    assert problems == [], "no script errors"


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_every_page_carries_a_content_security_policy_before_any_script(site, kind):
    html = (site / PAGE_TYPES[kind].split("?")[0]).read_text(encoding="utf-8")
    head = BeautifulSoup(html, "html.parser").head
    first = head.find(["meta", "script", "link", "style"], attrs={"http-equiv": True}) or head.find("meta")
    csp = head.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert csp is not None
    assert csp["content"].startswith("default-src 'self'; script-src 'self'")
    assert all(tag.sourceline > csp.sourceline for tag in head.find_all(["script", "style", "link"]))
    assert first is not None


def test_every_external_link_on_the_site_has_noopener_noreferrer(site):
    hosts = set()
    for page in site.rglob("*.html"):
        for link in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select('a[href^="http"]'):
            assert {"noopener", "noreferrer"} <= set(link.get("rel", [])), (page, link)
            hosts.add(link["href"].split("/")[2])
    assert {"doi.org", "github.com"} <= hosts, "sources link their DOI; articles link their source file"


def test_harden_adds_policy_hashes_and_rel():
    html = (
        "<html><head><script>var a = 1;</script><style>p{color:red}</style></head>"
        '<body><p style="margin:0">x</p><a class="reference external" href="https://example.org/">out</a>'
        '<a href="../index.html">in</a></body></html>'
    )
    hardened = harden(html)
    assert hardened.index("Content-Security-Policy") < hardened.index("<script>")
    assert "script-src 'self' 'sha256-" in policy(html)
    assert '<a rel="noopener noreferrer" class="reference external" href="https://example.org/">' in hardened
    assert '<a href="../index.html">' in hardened
    assert harden(hardened) == hardened, "hardening twice changes nothing"


def test_inline_script_hash_matches_what_browsers_compute():
    # The SHA-256 of "alert(1)" in base64, as given by the CSP specification's examples.
    assert re.search(r"'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF\+pI='", policy("<script>alert(1)</script>"))


def test_resources_from_other_hosts_are_found():
    html = '<script src="https://cdn.example/x.js"></script><img src="//tracker.example/p.gif"><link href="a.css">'
    assert external_resources(html) == ["https://cdn.example/x.js", "//tracker.example/p.gif"]


def test_math_would_load_mathjax_from_a_cdn_so_it_fails_the_build(make_app, sphinx_test_tempdir):
    srcdir = sphinx_test_tempdir / "math"
    shutil.copytree(ROOTS / "test-valid", srcdir, dirs_exist_ok=True)
    article = srcdir / "conditions/sciatica.md"
    article.write_text(article.read_text().replace("It often gets better by itself.", "It is {math}`x^2` bad."))
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert re.search(
        r"conditions/sciatica\.html: expected every resource from this site, got one from another host: https://cdn",
        app.warning.getvalue(),
    )
    assert app.statuscode == 1
