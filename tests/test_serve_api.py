"""The HTTP service answers as the command line does: same JSON, same limits, errors as 4xx by their code."""

from __future__ import annotations

import io
import json
import random
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the service needs the serve extra: pip install 'amtsbrief[serve]'")
from fastapi.testclient import TestClient  # noqa: E402

from amtsbrief.api import parse_file  # noqa: E402
from amtsbrief.serve.app import Settings, create_app  # noqa: E402
from amtsbrief.store import Store  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
PDFS = REPO / "tests" / "pdfs"
TEST_LETTERS = sorted(path for path in (REPO / "corpus" / "test").iterdir() if path.suffix in (".txt", ".eml"))
STORED_PDF = PDFS / "din-letter-scrambled.pdf"
STORED = len(TEST_LETTERS) + 1


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    """A store of the corpus's test letters, as `amtsbrief batch` would fill it."""
    path = tmp_path_factory.mktemp("serve") / "archive.sqlite"
    with Store(path) as store:
        for letter_path in [*TEST_LETTERS, STORED_PDF]:
            store.add(parse_file(letter_path))
    return path


@pytest.fixture(scope="module")
def client(store_path):
    with TestClient(create_app(Settings(db=str(store_path), jobs=1))) as client:
        yield client


@pytest.fixture(scope="module")
def small_client(tmp_path_factory):
    """A service that accepts uploads of at most 2000 bytes."""
    path = tmp_path_factory.mktemp("small") / "archive.sqlite"
    with TestClient(create_app(Settings(db=str(path), jobs=1, max_bytes=2000))) as client:
        yield client


def cli_json(paths: list[Path]) -> list[str]:
    """What `amtsbrief parse FILE --format json` prints for each file, one process per call."""
    names = [str(path.relative_to(REPO)) for path in paths]
    printed = subprocess.run([sys.executable, "-m", "amtsbrief.cli", "parse", *names, "--format", "json"], cwd=REPO,
                             capture_output=True, text=True, check=True).stdout
    return [json.dumps(letter, ensure_ascii=False, indent=2) + "\n" for letter in json.loads(printed)]


def test_parse_returns_exactly_what_the_command_line_prints_for_every_test_letter(client):
    expected = cli_json(TEST_LETTERS)
    for path, printed in zip(TEST_LETTERS, expected, strict=True):
        name = str(path.relative_to(REPO))
        response = client.post("/parse", files={"file": (name, path.read_bytes())})
        assert response.status_code == 200, (name, response.text)
        assert response.headers["content-type"].startswith("application/json")
        assert response.text == printed, name


def test_parse_takes_a_raw_body_named_by_query(client):
    path = TEST_LETTERS[0]
    response = client.post("/parse", params={"filename": "brief.txt"}, content=path.read_bytes(),
                           headers={"content-type": "text/plain"})
    assert response.status_code == 200
    expected = parse_file(path).model_dump(mode="json")
    expected["source"]["path"] = "brief.txt"
    assert response.json() == expected


def test_parse_formats_jsonl_and_summary_as_the_command_line(client):
    from amtsbrief.commands.parse import summary

    path = TEST_LETTERS[1]
    letter = parse_file(path)
    jsonl = client.post("/parse", params={"format": "jsonl", "filename": str(path)}, content=path.read_bytes())
    assert jsonl.text == letter.model_dump_json() + "\n"
    printed = client.post("/parse", params={"format": "summary"}, files={"file": (str(path), path.read_bytes())})
    assert printed.text == summary(letter, str(path)) + "\n"


def test_an_upload_over_the_limit_gets_413(small_client):
    big = ("Sehr geehrte Damen und Herren,\n" * 200).encode()
    assert len(big) > 2000
    multipart = small_client.post("/parse", files={"file": ("big.txt", big)})
    assert multipart.status_code == 413
    assert multipart.json()["code"] == "too-large"
    raw = small_client.post("/parse", content=big)
    assert raw.status_code == 413


def test_an_upload_over_the_limit_without_a_length_gets_413(small_client):
    def chunks():  # chunked transfer: no Content-Length to refuse it by
        for _ in range(100):
            yield b"x" * 100

    assert small_client.post("/parse", content=chunks()).status_code == 413


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.txt", b"\0" * 5_000_000)
    return buffer.getvalue()


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims ``width`` × ``height`` pixels: a decompression bomb's header (Pillow refuses by it)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(width + 1))) + chunk(b"IEND", b"")


# A one-page PDF of 200 × 200 inches with nothing on it: OCR would render it at 60,000 pixels a side.
HUGE_PAGE_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj "
                 b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 14400 14400]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF")

HOSTILE = {
    "bomb.png": _png_header_only(30_000, 30_000),
    "truncated.tif": b"II*\x00\x08\x00\x00\x00" + bytes(50),
    "random.txt": bytes(random.Random(1).choices(range(32, 256), k=5000)),
    "deep.xml": b'<?xml version="1.0"?><PcGts xmlns="http://schema.primaresearch.org/PAGE/gc/pagecontent/2019-07-15">'
                + b"<a>" * 50_000 + b"</a>" * 50_000 + b"</PcGts>",
    "nested.eml": b"From: a@b.de\nContent-Type: multipart/mixed; boundary=x\n\n"
                  + b"--x\nContent-Type: multipart/mixed; boundary=x\n\n" * 2000,
    "empty.txt": b"",
    "blank.txt": b" \n\t\n",
    "nul.txt": b"Sehr geehrte\0Damen" * 10,
    "elf.bin": b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 8,
    "bomb.zip": _zip_bomb(),
    "truncated.pdf": (PDFS / "truncated.pdf").read_bytes(),
    "encrypted.pdf": (PDFS / "encrypted.pdf").read_bytes(),
    "no-pages.pdf": (PDFS / "no-pages.pdf").read_bytes(),
    "garbage.pdf": b"%PDF-1.7\n" + b"\xff\x00obj<<>>" * 500,
    "garbage.png": b"\x89PNG\r\n\x1a\n" + b"\x00IHDR" + b"\xff" * 300,
    "laughs.xml": b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
                  b'<PcGts xmlns="http://schema.primaresearch.org/PAGE/gc/pagecontent/2019-07-15">&lol2;</PcGts>',
    "external.xml": b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><alto>&x;</alto>',
    "markup.eml": b"From: a@b.de\nSubject: x\nContent-Type: text/html\n\n<html><body><p>x</p></body></html>",
    "short.txt": b"Hallo",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_files_get_a_4xx_never_a_500(client, name):
    response = client.post("/parse", files={"file": (name, HOSTILE[name])})
    assert 400 <= response.status_code < 500, (name, response.status_code, response.text)
    assert response.json()["code"], response.text


def test_binary_that_is_no_letter_type_gets_415(client):
    response = client.post("/parse", files={"file": ("elf.bin", HOSTILE["elf.bin"])})
    assert response.status_code == 415
    assert response.json()["code"] == "decoding"


def test_a_pdf_page_too_large_to_render_gets_413(client):
    response = client.post("/parse", files={"file": ("huge-page.pdf", HUGE_PAGE_PDF)})
    assert response.status_code == 413, response.text
    assert response.json()["code"] == "limit-pixels"


def test_an_image_of_too_many_pixels_gets_413(client):
    response = client.post("/parse", files={"file": ("bomb.png", HOSTILE["bomb.png"])})
    assert response.status_code == 413
    assert response.json()["code"] == "limit-pixels"


def test_text_that_is_no_letter_gets_422(client):
    response = client.post("/parse", files={"file": ("empty.txt", b"  ")})
    assert response.status_code == 422


def test_a_broken_multipart_form_gets_a_4xx(client):
    response = client.post("/parse", content=b"--xyz\r\nContent-Disposition: form-data\r\n\r\n",
                           headers={"content-type": "multipart/form-data; boundary=xyz"})
    assert 400 <= response.status_code < 500


def test_letters_lists_the_store_with_the_filters_of_search(client):
    listed = client.get("/letters", params={"limit": 0}).json()
    assert listed["count"] == STORED
    answers = client.get("/letters", params={"kind": "answer", "limit": 0}).json()["letters"]
    assert answers and all(hit["kind"] == "answer" for hit in answers)
    dated = client.get("/letters", params={"since": "2015-01-01", "until": "2019-12-31", "limit": 0}).json()["letters"]
    assert dated and all("2015-01-01" <= hit["date"] <= "2019-12-31" for hit in dated)
    sender = listed["letters"][0]["sender"] or ""
    if sender:
        by_sender = client.get("/letters", params={"sender": sender[:6], "limit": 0}).json()["letters"]
        assert all(sender[:6].lower() in (hit["sender"] or "").lower() or hit["sender"] is None for hit in by_sender)
    assert client.get("/letters", params={"kind": "memo"}).status_code == 422


def test_one_letter_by_its_source_hash(client):
    hit = client.get("/letters", params={"limit": 1}).json()["letters"][0]
    letter = client.get(f"/letters/{hit['sha256']}").json()
    assert letter["source"]["sha256"] == hit["sha256"]
    assert client.get("/letters/" + "0" * 64).status_code == 404


def test_search_finds_words_in_subject_questions_and_answers(client):
    letter = parse_file(next(path for path in TEST_LETTERS if parse_file(path).subject.title))
    word = max(letter.subject.title.split(), key=len)
    found = client.get("/search", params={"q": word}).json()
    assert letter.source.sha256 in [hit["sha256"] for hit in found["letters"]]
    assert found["letters"][0]["snippet"] is not None
    assert client.get("/search").status_code == 422  # q is required


def test_pages_of_an_uploaded_pdf_are_drawn_as_show_draws_them(client):
    data = (PDFS / "din-letter-natural.pdf").read_bytes()
    letter = client.post("/parse", files={"file": ("din.pdf", data)}).json()
    page = client.get(f"/letters/{letter['source']['sha256']}/pages/1.png")
    assert page.status_code == 200 and page.headers["content-type"] == "image/png"
    from PIL import Image

    from amtsbrief.commands.show import DPI

    assert DPI == 100  # the page's script places boxes at this scale (app.js DPI)
    image = Image.open(io.BytesIO(page.content))
    assert image.width == round(595 * DPI / 72) or image.width > 700
    beyond = client.get(f"/letters/{letter['source']['sha256']}/pages/{letter['source']['pages'] + 1}.png")
    assert beyond.status_code == 404


def test_pages_of_a_stored_pdf_are_drawn_from_its_file(client):
    sha256 = parse_file(STORED_PDF).source.sha256
    page = client.get(f"/letters/{sha256}/pages/1.png", params={"fields": "false"})
    assert page.status_code == 200 and page.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert client.get(f"/letters/{sha256}/pages/1.png").content != page.content  # fields drawn too


def test_a_text_letter_has_no_page_image(client):
    hit = next(hit for hit in client.get("/letters", params={"limit": 0}).json()["letters"] if hit["path"].endswith(".txt"))
    assert client.get(f"/letters/{hit['sha256']}/pages/1.png").status_code == 404


def test_research_figures_over_the_store_and_a_selection(client):
    everything = client.get("/research").json()
    assert everything["letters"] == STORED
    assert set(everything) >= {"latency", "per_month", "who_asks_whom", "questions_per_inquiry"}
    answers = client.get("/research", params={"kind": "answer"}).json()
    assert answers["letters"] < everything["letters"]
    for chart in ("latency", "months"):
        drawn = client.get(f"/research/{chart}.png", params={"kind": "answer"})
        assert drawn.status_code == 200 and drawn.content[:8] == b"\x89PNG\r\n\x1a\n"


def test_export_link_gives_the_selection_as_csv(client):
    exported = client.get("/export", params={"format": "csv", "kind": "answer"})
    assert exported.status_code == 200
    assert "attachment" in exported.headers["content-disposition"]
    answers = client.get("/letters", params={"kind": "answer", "limit": 0}).json()["count"]
    assert len(exported.text.strip().splitlines()) >= answers + 1


def test_health_docs_and_the_page(client):
    health = client.get("/healthz").json()
    assert health["status"] == "ok" and health["letters"] == STORED
    docs = client.get("/docs")
    assert docs.status_code == 200 and "cdn" not in docs.text  # Swagger UI's files are served here
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200
    assert "/parse" in client.get("/openapi.json").json()["paths"]
    page = client.get("/")
    assert page.status_code == 200 and "amtsbrief" in page.text
    assert client.get("/static/app.js").status_code == 200


def test_the_page_loads_nothing_from_elsewhere():
    from amtsbrief.serve.app import static_dir

    for path in static_dir().iterdir():
        text = path.read_text(encoding="utf-8")
        assert "http://" not in text and "https://" not in text and "//cdn" not in text, path.name


def test_parse_can_add_the_letter_to_the_store(small_client):
    text = ("Landratsamt Muster\n\nBetreff: Radweg an der Kreisstraße\n\nSehr geehrte Frau Beispiel,\n\n"
            "der Radweg wird im Mai gebaut.\n\nMit freundlichen Grüßen\n\nA. Muster").encode()
    letter = small_client.post("/parse", params={"store": "true"}, files={"file": ("radweg.txt", text)}).json()
    stored = small_client.get(f"/letters/{letter['source']['sha256']}")
    assert stored.status_code == 200 and stored.json() == letter
