"""Property tests: hostile structures built by hypothesis end in a ``Letter`` or an ``AmtsbriefError``.

Never another exception, never a crash. On CI (the ``ci`` profile of ``conftest.py``) the examples are
drawn deterministically; ``benchmarks/fuzz.py`` runs the same strategies with many more examples.
"""

from __future__ import annotations

import zlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import amtsbrief
from amtsbrief.config import ParserConfig
from amtsbrief.errors import AmtsbriefError

import fuzz_builders as build

# Small limits keep every example fast: a bomb is refused at a megabyte as at a gigabyte.
CONFIG = ParserConfig(max_decompressed=2 * 1024 * 1024, max_pages=10, max_pixels=4_000_000, time_budget=20)
FUZZ = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def outcome(data: bytes, name: str):
    """Parse ``data``; a Letter or an AmtsbriefError are fine outcomes, anything else fails the test."""
    try:
        return amtsbrief.parse_bytes(data, CONFIG, name=name)
    except AmtsbriefError as error:
        assert error.code and name in str(error)
        return error


# -- strategies -------------------------------------------------------------------------------------

numbers = st.one_of(st.integers(-10**9, 10**9).map(str), st.floats(allow_nan=True, allow_infinity=True).map(str),
                    st.sampled_from(["", "abc", "1e400", "-0", "0x10", "1,5", " 3 "]))
pdf_streams = st.one_of(
    st.binary(max_size=300).map(lambda raw: (b"", raw)),
    st.binary(max_size=300).map(lambda raw: (b"/Filter /FlateDecode", raw)),  # not Flate at all
    st.integers(1, 3).map(lambda times: (b"/Filter [" + b"/FlateDecode " * times + b"]", build.deflated_zeros(4 * 1024 * 1024, times))),
    st.text(max_size=200).map(lambda text: (b"/Filter /FlateDecode", zlib.compress(f"BT ({text}) Tj ET".encode("utf-8", "replace")))),
)


@st.composite
def pdfs(draw) -> bytes:
    """A PDF built object by object: lying counts, loops, odd boxes, hostile streams, cut anywhere."""
    filters, content = draw(pdf_streams)
    box = [draw(numbers) for _ in range(4)]
    count = draw(st.sampled_from([b"1", b"0", b"-1", b"1000000000", b"abc"]))
    kids = draw(st.sampled_from([b"[3 0 R]", b"[2 0 R]", b"[3 0 R 3 0 R]", b"[]", b"3 0 R"]))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids " + kids + b" /Count " + count + b" >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [" + " ".join(box).encode() + b"] /Contents 4 0 R >>",
        build.stream(filters, content),
    ]
    data = build.pdf(objects, xref=draw(st.booleans()))
    cut = draw(st.integers(0, len(data)))
    return data if draw(st.booleans()) else data[:cut]


@st.composite
def mime_trees(draw) -> bytes:
    """Messages with nested parts, odd charsets and encodings, encoded-word floods, broken boundaries."""
    leaf_charset = draw(st.sampled_from(["utf-8", "latin-1", "x-unknown", "utf-16", ""]))
    encoding = draw(st.sampled_from(["7bit", "base64", "quoted-printable", "x-bogus"]))
    body = draw(st.sampled_from([build.LETTER, "", "=?utf-8?q?x?=", "%%%%"])) + draw(st.text(max_size=100))
    inner = f"Content-Type: text/plain; charset={leaf_charset}\nContent-Transfer-Encoding: {encoding}\n\n{body}\n"
    for level in range(draw(st.integers(0, 30))):
        boundary = draw(st.sampled_from([f"b{level}", "", "b", '"', "b" * 100]))
        inner = f'Content-Type: multipart/{draw(st.sampled_from(["mixed", "alternative", "related"]))}; boundary="{boundary}"\n\n--{boundary}\n{inner}' \
                + ("" if draw(st.booleans()) else f"--{boundary}--\n")
    subject = build.encoded_words(draw(st.integers(0, 3000)))
    return ("From: a@example.org\nSubject: " + subject + "\nMIME-Version: 1.0\n" + inner).encode("utf-8", "surrogatepass")


@st.composite
def page_xmls(draw) -> bytes:
    point = st.tuples(numbers, numbers).map(lambda xy: f"{xy[0]},{xy[1]}")
    lines = draw(st.lists(st.tuples(st.lists(point, max_size=5).map(" ".join), st.sampled_from(build.LETTER.splitlines())), max_size=20))
    return build.page_xml(lines, width=draw(numbers), height=draw(numbers))


@st.composite
def alto_xmls(draw) -> bytes:
    words = draw(st.lists(st.tuples(st.sampled_from(build.LETTER.split()), numbers, numbers, numbers, numbers, numbers), max_size=40))
    return build.alto_xml(words)


# ReDoS-shaped text: long runs of what patterns repeat (blanks of every kind, dots, dashes, digits,
# letters, separators) placed before, inside and after the lines of a letter.
runs = st.tuples(st.sampled_from([build.UNICODE_BLANKS, " ", "\t", ".", "-", "1 ", "a", "A. ", ": ", "/", "\n \n", "_", "•"]),
                 st.integers(1000, 20000)).map(lambda pair: (pair[0] * (pair[1] // len(pair[0]) + 1))[:pair[1]])


@st.composite
def redos_texts(draw) -> str:
    lines = build.LETTER.splitlines()
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(lines) - 1))
        run = draw(runs)
        lines[at] = draw(st.sampled_from([run + lines[at], lines[at] + run, lines[at][:3] + run + lines[at][3:]]))
    return "\n".join(lines)


# -- properties ---------------------------------------------------------------------------------------


@FUZZ
@given(pdfs())
def test_hostile_fuzz_pdf_objects_and_streams(data):
    outcome(data, "fuzz.pdf")


@FUZZ
@given(mime_trees())
def test_hostile_fuzz_mime_trees(data):
    outcome(data, "fuzz.eml")


@FUZZ
@given(page_xmls())
def test_hostile_fuzz_page_xml(data):
    outcome(data, "fuzz.xml")


@FUZZ
@given(alto_xmls())
def test_hostile_fuzz_alto_xml(data):
    outcome(data, "fuzz-alto.xml")


@FUZZ
@given(redos_texts())
def test_hostile_fuzz_redos_shaped_text(text):
    outcome(text.encode("utf-8"), "fuzz.txt")


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from(["x.txt", "x.eml", "x.pdf", "x.png", "x.tif", "x.jpg", "x.xml"]))
def test_hostile_fuzz_random_bytes_under_every_suffix(data, name):
    outcome(data, name)
