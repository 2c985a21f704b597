"""The web app through its ASGI interface: pages, the JSON API, escaping, limits, errors."""

from __future__ import annotations

import json
import re
import sqlite3
from html.parser import HTMLParser
from pathlib import Path

import pytest

from saidwho.web.app import create_app
from saidwho.web.services import WebConfig

pytestmark = pytest.mark.model

TEXT = ("Mayor Elena Varga said the bridge would open in May. "
        "\u201cWe waited long enough,\u201d she told reporters. "
        "A diplomatic source said talks had stalled.")


def marks(page: str) -> list[tuple[str, str]]:
    """(classes, text) of every highlight in a page."""
    return re.findall(r'<mark class="([^"]+)"[^>]*>([^<]*)</mark>', page)


def test_analyze_highlights_sources_cues_and_contents(client):
    page = client.post("/analyze", data={"text": TEXT}).text
    found = marks(page)
    roles = {c.split()[0] for c, _ in found}
    assert {"source", "cue", "content"} <= roles
    assert ("Elena Varga" in "".join(t for c, t in found if c.startswith("source")))
    assert any(t == "said" for c, t in found if c.startswith("cue"))
    # one colour class per speaker, and a number beside each source
    varga = re.search(r'<mark class="source (sp\d)"[^>]*data-n="(\d)"[^>]*>[^<]*Varga', page)
    assert varga is not None
    anonymous = re.search(r'<mark class="source (sp\d)"[^>]*>A diplomatic source', page)
    assert anonymous is not None and anonymous.group(1) != varga.group(1)
    # the side panel lists speakers with their types; content is focusable, JSON at hand
    assert 'href="/speaker?name=Elena%20Varga"' in page and ">anonymous<" in page
    assert 'tabindex="0"' in page and "<summary>JSON</summary>" in page


def test_analyze_api_returns_the_schema(client):
    body = client.post("/api/analyze", json={"text": TEXT, "id": "t1"}).json()
    assert body["schema"] == "saidwho/1" and body["id"] == "t1"
    speakers = {a["speaker"]["name"] for a in body["attributions"] if a["speaker"]}
    assert "Elena Varga" in speakers


def test_analyze_reads_a_french_text_in_french(client):
    text = "« Le pont rouvrira en mai », a déclaré mardi la maire, Lucie Morel."
    body = client.post("/api/analyze", json={"text": text, "id": "fr"}).json()
    assert body["lang"] == "fr"
    (att,) = body["attributions"]
    assert att["cue"][0]["text"] == "a déclaré"
    assert att["speaker"]["name"] == "Lucie Morel"


def test_upload_txt_and_html(client):
    files = {"file": ("story.txt", TEXT.encode(), "text/plain")}
    assert "Elena Varga" in client.post("/analyze", files=files).text
    html_page = (f"<html><head><title>Bridge story</title></head><body><article>"
                 f"<h1>Bridge story</h1><p>{TEXT}</p><p>{TEXT}</p></article></body></html>")
    files = {"file": ("story.html", html_page.encode(), "text/html")}
    body = client.post("/api/analyze/file", files=files).json()
    assert body["meta"]["title"] == "Bridge story" and body["attributions"]


@pytest.mark.parametrize(("name", "data", "status", "reason"), [
    ("big.txt", b"word " * 10_000, 413, "over the limit"),
    ("bin.txt", b"\x00\x01\x02" * 10, 400, "binary"),
    ("latin.txt", "caf\xe9 said".encode("latin-1"), 400, "not valid UTF-8"),
    ("table.xlsx", b"Ana said yes.", 400, "upload a .txt or .html file"),
    ("empty.txt", b"   ", 400, "empty"),
])
def test_bad_uploads_get_a_clear_error(client, name, data, status, reason):
    for url, field in (("/analyze", "file"), ("/api/analyze/file", "file")):
        response = client.post(url, files={field: (name, data, "text/plain")})
        assert response.status_code == status
        assert reason in response.text and name in response.text


def test_requests_over_the_limit_are_refused_before_reading(client):
    response = client.post("/api/analyze", content=b"x" * 200_000,
                           headers={"content-type": "application/json"})
    assert response.status_code == 413 and "upload too large" in response.json()["error"]


class Tags(HTMLParser):
    """Every element and attribute of a page, as a browser would parse them."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_injection_is_escaped_everywhere(client, injection):
    pages = [client.get("/article?id=evil").text, client.get("/search?q=harmless").text,
             client.get("/speaker?name=Ana%20Ruiz").text, client.get("/").text,
             client.post("/analyze", data={"text": " ".join(injection) + " Ana said."}).text]
    evil = client.get("/api/article?id=evil").json()
    assert evil["meta"]["outlet"].startswith("<b>Evil</b>")  # stored as written
    pages.append(client.get("/outlet", params={"name": evil["meta"]["outlet"]}).text)
    for page in pages:
        tags = Tags(page).tags
        # the app's own script only, no element the article brought, no event handler
        assert [a.get("src") for t, a in tags if t == "script"] == ["/static/app.js"]
        assert not {t for t, _ in tags} & {"img", "svg", "b", "iframe", "object"}
        assert not [n for _, a in tags for n in a if n.startswith("on")]
        assert not [v for _, a in tags for v in a.values() if v and "javascript:" in v]
    article = pages[0]
    assert "&lt;script&gt;alert(&#39;text&#39;)&lt;/script&gt;" in article
    assert "&lt;img src=x onerror=alert(&#39;img&#39;)&gt;" in article
    assert "{{ 7*7 }}" in article  # text, never a template


def test_security_headers_and_local_assets(client):
    response = client.get("/analyze")
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "unsafe-inline" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    page = response.text
    for url in re.findall(r'(?:src|href)="([^"]+)"', page):
        assert url.startswith(("/", "#")), url  # nothing from another host
    assert client.get("/static/app.css").status_code == 200
    assert client.get("/static/app.js").status_code == 200


def test_search_filters_and_errors(client):
    rows = client.get("/api/search", params={"q": "bridge"}).json()
    assert rows and all("bridge" in (r["content"] + (r["speaker"] or "")).lower() for r in rows)
    rows = client.get("/api/search", params={"speaker": "Varga", "outlet": "Harbour Post"}).json()
    assert {r["outlet"] for r in rows} == {"Harbour Post"}
    assert {r["speaker"] for r in rows} == {"Elena Varga"}
    rows = client.get("/api/search", params={"since": "2026-04-01", "until": "2026-04-30"}).json()
    assert rows and {r["date"] for r in rows} == {"2026-04-10"}
    page = client.get("/search", params={"q": "bridge", "kind": "direct"}).text
    assert "result" in page and 'name="q" value="bridge"' in page
    # what a person types is words: quotation marks, apostrophes and operators included
    assert client.get("/search", params={"q": '"unbalanced'}).status_code == 200
    assert client.get("/api/search", params={"q": "teacher's"}).status_code == 200
    bad = client.get("/search", params={"q": '"unbalanced', "fts": "1"})
    assert bad.status_code == 422 and "bad search" in bad.text
    bogus = client.get("/api/search", params={"since": "bogus"})
    assert bogus.status_code == 422 and "not a date" in bogus.json()["error"]
    assert client.get("/api/search", params={"limit": 0}).status_code == 422


def test_speaker_and_outlet_pages(client):
    data = client.get("/api/speaker", params={"name": "Elena Varga"}).json()
    assert data["attributions"] >= 2
    assert {o["outlet"] for o in data["outlets"]} == {"Alder Gazette", "Harbour Post"}
    assert {m["month"] for m in data["by_month"]} == {"2026-03", "2026-04"}
    alongside = {s["speaker"] for s in data["alongside"]}
    assert any("Brandt" in s for s in alongside) and "Elena Varga" not in alongside
    page = client.get("/speaker", params={"name": "Elena Varga"}).text
    assert "Alder Gazette" in page and "Brandt" in page
    outlet = client.get("/api/outlet", params={"name": "Alder Gazette"}).json()
    assert outlet["articles"] == 1 and 0 < outlet["anonymous_share"] < 1
    assert outlet["kinds"]["direct"] >= 1 and outlet["kinds"]["indirect"] >= 1
    assert "Whom it quotes most" in client.get("/outlet?name=Alder%20Gazette").text
    listing = client.get("/speakers", params={"top": 2}).text
    assert listing.count('<a href="/speaker?name=') == 2 and "anonymous sources" in listing
    assert client.get("/article?id=nope").status_code == 404
    assert client.get("/api/article?id=nope").json()["error"] == "article 'nope': not in the store"


def test_statements_compare_and_map(client):
    page = client.get("/statements?sample=1&against=un").text
    assert "Chile (CHL)" in page  # names beside codes in the table of who
    assert "Joined" in page and "Silent members" in page
    assert "data:image/svg+xml;base64," in page and 'alt="World map:' in page
    data = client.get("/api/statements/sample").json()
    assert data["joined"] == ["CIV", "FIN", "MEX"] and data["left"] == ["IRL"]
    files = [("files", ("a.txt", b"Joint statement\n\nSigned by Chile, Peru and Ghana.\n",
                        "text/plain")),
             ("files", ("b.txt", b"Joint statement\n\nSigned by Chile, Peru and Kenya.\n",
                        "text/plain"))]
    body = client.post("/api/statements/compare", files=files).json()
    assert body["joined"] == ["KEN"] and body["left"] == ["GHA"]
    bad = client.post("/statements", files=[("files", ("x.txt", b"No list here.", "text/plain"))])
    assert bad.status_code == 400 and "x.txt: no list of signatory states found" in bad.text
    assert client.get("/api/statements/sample?against=nato").status_code == 400
    # what the stored articles report, beside the documents
    reported = client.get("/api/memberships").json()
    assert [(m["relation"], m["doc_id"], [s["iso3"] for s in m["members"]])
            for m in reported] == [("drafted", "bridge-2", ["CHL", "PER"]),
                                   ("signed", "bridge-2", ["GHA"])]
    assert "Reported in the news" in page and "Peru (PER)" in page


def test_openapi_documents_every_api_route(client):
    from saidwho.web import api

    schema = client.get("/openapi.json").json()
    api_routes = {r.path for r in api.router.routes}
    assert api_routes <= set(schema["paths"]) and len(api_routes) >= 10
    page = client.get("/docs").text
    for path in api_routes:
        assert path in page
    assert all(p.startswith("/api") or p == "/openapi.json" for p in schema["paths"])


def test_the_store_is_opened_read_only(store_path):
    from saidwho.web.services import StoreReader

    with StoreReader(store_path).store().conn as conn, pytest.raises(
            sqlite3.OperationalError, match="readonly"):
        conn.execute("DELETE FROM articles")


def test_without_a_store_the_corpus_pages_say_what_to_do(tmp_path, nlp):
    from fastapi.testclient import TestClient

    app = create_app(WebConfig(Path(tmp_path / "none.db"), lambda: nlp))
    with TestClient(app) as client:
        response = client.get("/")
        assert response.status_code == 503 and "saidwho ingest" in response.text
        assert client.get("/analyze").status_code == 200
        assert not (tmp_path / "none.db").exists()


def test_articles_with_the_same_document_id_stay_apart(tmp_path, nlp):
    from fastapi.testclient import TestClient

    from saidwho.store.database import open_store
    from saidwho.store.writer import ingest

    for folder, name in (("a", "Ana Ruiz"), ("b", "Kofi Adu")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "index.txt").write_text(f"{name} said the ferry was late.\n",
                                                     encoding="utf-8")
    conn = open_store(tmp_path / "s.db")
    ingest(conn, nlp, [str(tmp_path / "a"), str(tmp_path / "b")])
    conn.close()
    app = create_app(WebConfig(tmp_path / "s.db", lambda: nlp))
    with TestClient(app) as client:
        rows = client.get("/api/search", params={"q": "ferry"}).json()
        assert sorted(r["doc_id"] for r in rows) == ["index", "index"]
        for row in rows:
            page = client.get("/article", params={"n": row["article"]}).text
            assert row["speaker"] in page
            other = ({"Ana Ruiz", "Kofi Adu"} - {row["speaker"]}).pop()
            assert other not in page
        assert client.get("/api/article").status_code == 404


def test_analyze_lists_who_drafted_and_signed(client):
    text = ("A group of 60 states demanded that the court be allowed to work. The statement "
            "was drafted by Belgium, Senegal and Slovenia and also signed by states including "
            "Germany, France and Canada.")
    page = client.post("/analyze", data={"text": text}).text
    section = page[page.index("Who drafted, signed, joined"):page.index("<h2>Attributions")]
    assert "<strong>drafted</strong> (The statement)" in section
    assert "Belgium" in section and ">SVN<" in section and "partial list: states" in section


def test_a_loopback_server_answers_loopback_names_only(store_path, nlp):
    """Against DNS rebinding: a page on another site cannot read a local server."""
    from fastapi.testclient import TestClient

    from saidwho.web.services import LOOPBACK_HOSTS

    app = create_app(WebConfig(store_path, lambda: nlp, allowed_hosts=LOOPBACK_HOSTS))
    with TestClient(app, base_url="http://127.0.0.1:8000") as client:
        assert client.get("/api/stats").status_code == 200
        assert client.get("/api/stats", headers={"host": "localhost:8000"}).status_code == 200
        assert client.get("/api/stats", headers={"host": "evil.example"}).status_code == 400


def test_pasted_text_over_the_limit_and_unknown_pages(nlp):
    from fastapi.testclient import TestClient

    app = create_app(WebConfig(None, lambda: nlp, max_upload=1_100_000))
    with TestClient(app) as client:
        # a form field over a megabyte reaches the analyzer's own check, with its message
        response = client.post("/analyze", files={"text": (None, "word " * 230_000)})
        assert response.status_code == 413
        assert "pasted text: 1,150,000 bytes is over the limit of 1,100,000 bytes" in (
            response.text)
        missing = client.get("/no/such/page")
        assert missing.status_code == 404 and "<h1>Error 404</h1>" in missing.text
        assert client.get("/api/no/such").json() == {"error": "Not Found"}


def test_an_unexpected_error_is_a_page_not_a_traceback():
    from fastapi.testclient import TestClient

    def broken():
        raise RuntimeError("no pipeline")

    app = create_app(WebConfig(None, broken))
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.post("/analyze", data={"text": "Ana said it rained."})
        assert response.status_code == 500
        assert "internal error (RuntimeError)" in response.text and "<h1>" in response.text
        assert "Traceback" not in response.text


def test_a_bug_is_a_logged_500_not_a_404_or_a_bad_search(store_path, nlp, monkeypatch, caplog):
    """Only the web's own errors carry a status; a LookupError or a SQLite error raised
    by a fault in the code is answered 500 and logged, not taken for the user's fault."""
    import sqlite3

    from fastapi.testclient import TestClient

    from saidwho.store.store import Store

    def lookup_bug(self, *args, **kwargs):
        raise LookupError("a dict key that should have been there")

    def sqlite_bug(self, *args, **kwargs):
        raise sqlite3.OperationalError("no such table: atributions")

    app = create_app(WebConfig(store_path, lambda: nlp))
    with TestClient(app, raise_server_exceptions=False) as client:
        monkeypatch.setattr(Store, "speaker_profile", lookup_bug)
        assert client.get("/api/speaker", params={"name": "Ana"}).status_code == 500
        monkeypatch.setattr(Store, "outlets", sqlite_bug)
        assert client.get("/api/outlets").status_code == 500
        assert "GET /api/outlets failed" in caplog.text
        # a full-text query the index refuses is still the user's: 400 with the reason
        bad = client.get("/api/search", params={"q": '"unbalanced', "fts": "1"})
        assert bad.status_code == 422 and "unterminated string" in bad.json()["error"]


def test_analyze_links_only_speakers_the_store_knows(client):
    text = TEXT + " Kofi Mensah-Adu said the river had risen."
    page = client.post("/analyze", data={"text": text}).text
    assert 'href="/speaker?name=Elena%20Varga"' in page  # in the store: a page to go to
    assert "Kofi Mensah-Adu" in page and 'href="/speaker?name=Kofi' not in page


def test_api_root_favicon_and_map_colours(client):
    root = client.get("/api", follow_redirects=False)
    assert root.status_code in (302, 307) and root.headers["location"] == "/docs"
    assert client.get("/api", follow_redirects=True).status_code == 200
    assert 'rel="icon"' in client.get("/analyze").text
    assert client.get("/static/favicon.svg").status_code == 200
    import colorsys

    from saidwho.statements.worldmap import layer_colour

    def hue(colour: str) -> float:
        r, g, b = (int(colour[k:k + 2], 16) / 255 for k in (1, 3, 5))
        return colorsys.rgb_to_hsv(r, g, b)[0] * 360

    # the layers of a comparison differ in hue, not only in shade (two blues were hard to
    # tell apart); silent members are grey
    hues = [hue(layer_colour(label)) for label in ("Signed all", "Joined", "Left")]
    assert all(abs(a - b) % 360 > 30 for k, a in enumerate(hues) for b in hues[k + 1:])
    assert layer_colour("Silent members (icc)") == "#999999"


def test_every_api_response_is_typed_in_openapi(client):
    """Each /api route documents its response as a model (issue 14: every response was an
    untyped object), and the document routes use the saidwho/1 schema."""
    schema = client.get("/openapi.json").json()
    untyped = []
    for path, methods in schema["paths"].items():
        for method, op in methods.items():
            body = op["responses"]["200"]["content"]["application/json"]["schema"]
            refs = json.dumps(body)
            if "$ref" not in refs:
                untyped.append(f"{method.upper()} {path}")
    assert untyped == []
    assert "saidwho_1" in json.dumps(schema["components"]["schemas"]) or \
        "saidwho/1" in json.dumps(schema["components"]["schemas"])


def test_hostile_requests_get_their_own_answers_not_a_500(store_path, nlp):
    from fastapi.testclient import TestClient

    app = create_app(WebConfig(store_path, lambda: nlp, max_upload=20_000))
    with TestClient(app, raise_server_exceptions=False) as client:
        for path in ("/api/article", "/article"):
            assert client.get(path, params={"n": 2**63}).status_code == 422
        # JSON's \\u escapes can carry half of a UTF-16 pair that no UTF-8 text holds
        for body in ('{"text": "Ana said \\ud800 no."}',
                     '{"text": "Ana said no.", "id": "\\udc00"}'):
            response = client.post("/api/analyze", content=body,
                                   headers={"content-type": "application/json"})
            assert response.status_code == 400 and "lone surrogate" in response.text

        def chunks():  # no Content-Length: the size is known only by reading
            for _ in range(200):
                yield b"x" * 1000

        response = client.post("/analyze", content=chunks(),
                               headers={"content-type": "application/x-www-form-urlencoded"})
        assert response.status_code == 413 and "upload too large" in response.text


def test_a_limit_in_other_digits_falls_back_to_the_default(client):
    """"²" passes str.isdigit but not int(): the page used to answer 500."""
    for limit in ("²", "٣", "x"):
        assert client.get("/search", params={"q": "bridge", "limit": limit}).status_code == 200
