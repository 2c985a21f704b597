"""The web UI in a real browser (Playwright driving Debian's Chromium): analyze an article
and see its highlights, follow a speaker, search, open the statements map, and load an
article full of injection attempts without anything running.

Screenshots go to $SAIDWHO_SCREENSHOTS (or the test's temporary folder). Without
/usr/bin/chromium these tests skip, unless $SAIDWHO_REQUIRE_BROWSER is set (CI sets it).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("SAIDWHO_CHROMIUM", "/usr/bin/chromium")

pytestmark = [pytest.mark.model, pytest.mark.browser]

if not Path(CHROMIUM).exists() and not os.environ.get("SAIDWHO_REQUIRE_BROWSER"):
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)",
                allow_module_level=True)

TEXT = ("Mayor Elena Varga said the bridge would open in May.\n\n"
        "\u201cWe waited long enough,\u201d she told reporters. "
        "A diplomatic source said the talks had stalled.")


@pytest.fixture(scope="module")
def server(app):
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture()
def page(browser, server, tmp_path, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.dialogs = []  # type: ignore[attr-defined]
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    pg.base = server  # type: ignore[attr-defined]
    folder = Path(os.environ.get("SAIDWHO_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    pg.shot = lambda: pg.screenshot(path=folder / f"{request.node.name}.png", full_page=True)  # type: ignore[attr-defined]
    yield pg
    context.close()


def analyze(page, text: str = TEXT) -> None:
    page.goto(page.base + "/analyze")
    page.fill("#text", text)
    page.click("button[type=submit]")
    page.wait_for_selector("#article-text mark.source")


def test_analyze_shows_highlighted_spans(page):
    analyze(page)
    sources = page.locator("#article-text mark.source").all_inner_texts()
    assert any("Varga" in s for s in sources)
    assert page.locator("#article-text mark.cue").count() >= 2
    content = page.locator("#article-text mark.content[tabindex='0']").first
    content.hover()
    att = content.get_attribute("data-inner")
    linked = page.locator(f"#article-text mark.active[data-att~='{att}']")
    assert linked.count() >= 3  # source, cue and content light up together
    assert page.locator(f"#article-text mark.source.active[data-att~='{att}']").count()
    assert page.locator(f"#article-text mark.cue.active[data-att~='{att}']").count()
    # the keyboard reaches the contents too: Tab from the link above the article
    page.mouse.move(0, 0)
    page.focus("text=Analyze another")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "MARK":
            break
    assert page.evaluate("document.activeElement.classList.contains('content')")
    assert page.locator("#article-text mark.active").count() >= 3
    page.shot()


def test_click_a_speaker_and_land_on_their_page(page):
    analyze(page)
    # hovering the speaker first outlines what they said (Varga: two attributions)
    page.hover("aside.side li:has-text('Elena Varga')")
    lit = page.locator("#article-text mark.active")
    assert lit.count() >= 4 and "Varga" in " ".join(lit.all_inner_texts())
    page.click("aside.side a:has-text('Elena Varga')")
    page.wait_for_url("**/speaker?name=Elena*")
    assert page.locator("h1").inner_text().startswith("Elena Varga")
    assert page.locator("text=Outlets that quote them").count() == 1
    page.shot()


def test_search_from_the_corpus_page(page):
    page.goto(page.base + "/")
    page.fill("input[name=q]", "budget")
    page.click("form.search button")
    page.wait_for_url("**/search?**")
    rows = page.locator("table.rows tbody tr")
    assert rows.count() >= 1
    assert "budget" in rows.first.inner_text()
    page.shot()


def test_statements_map(page):
    page.goto(page.base + "/statements")
    page.click("text=compare the two sample statements")
    img = page.locator("figure.map img")
    img.wait_for()
    assert img.get_attribute("alt").startswith("World map: Signed all 11")
    assert page.evaluate("document.querySelector('figure.map img').naturalWidth") > 0
    page.shot()


def test_injection_runs_nothing(page):
    page.goto(page.base + "/article?id=evil")
    page.wait_for_selector("#article-text")
    page.locator("#article-text mark").first.hover()
    time.sleep(0.3)
    assert page.dialogs == []
    assert page.locator("#article-text img, #article-text svg, #article-text script").count() == 0
    assert "<script>alert('text')</script>" in page.locator("#article-text").inner_text()
    page.shot()
