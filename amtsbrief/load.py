"""Stage 1, load: bytes in, the letter's text out, with what we know of its source.

Text files are decoded by evidence, not by guessing: a byte-order mark decides; strict UTF-8 is tried
next; bytes in 0x80–0x9F then mean cp1252 (in latin-1 they are control characters that no letter holds),
their absence latin-1 (the two agree on every other byte). E-mails are read with the standard library:
the text/plain part, else the HTML part as text; quoted earlier messages and attachments stay out.
PDFs, images and PAGE/ALTO XML go through the layout layer (``amtsbrief.layout``).
"""

from __future__ import annotations

import email
import email.headerregistry
import email.policy
import errno
import email.utils
import hashlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from amtsbrief.config import DEFAULT_CONFIG, Deadline, ParserConfig
from amtsbrief.errors import DecodingError, EmptyInputError, InputError, LimitError, TooLargeError

TEXT = "text/plain"
EMAIL = "message/rfc822"
PDF = "application/pdf"
MSG = "application/vnd.ms-outlook"  # an Outlook .msg, read by amtsbrief.msg
PAGE_XML = "application/vnd.prima.page+xml"
ALTO_XML = "application/alto+xml"
LAID_OUT = {PDF, "image/png", "image/tiff", "image/jpeg", PAGE_XML, ALTO_XML}

_BY_SUFFIX = {
    ".txt": TEXT, ".text": TEXT, ".eml": EMAIL, ".msg": MSG, ".pdf": PDF,
    ".png": "image/png", ".tif": "image/tiff", ".tiff": "image/tiff", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
}
# Blanks beyond any layout's need: a page is about 100 characters wide, and the corpus' widest gap is
# 81. A longer run (40,000 no-break and ideographic spaces before a letter) is cut to this length, so
# that no line-level pattern downstream ever meets a run long enough to backtrack on for seconds.
MAX_BLANK_RUN = 160
MAX_BLANK_LINES = 20
# Unicode's horizontal blanks (tab, no-break, narrow, ideographic spaces …) count as spaces; line
# separators do not.
_BLANK = r"[^\S\n\r\x0b\x0c\x1c-\x1f\x85\u2028\u2029]"
_LONG_BLANKS = re.compile(rf"{_BLANK}{{{MAX_BLANK_RUN + 1},}}")
_MANY_BLANK_LINES = re.compile(rf"(?:{_BLANK}*\n){{{MAX_BLANK_LINES + 1},}}")
_MAIL_HEADER = re.compile(rb"^(?:From|To|Subject|Date|Received|Return-Path|MIME-Version|Message-ID|Content-Type|X-[\w-]+):", re.I)


@dataclass(frozen=True)
class LoadedDocument:
    """The letter's text before normalisation, and its provenance.

    ``layout`` is the laid-out document for PDF/scan/XML input (it maps text ranges to page boxes),
    ``None`` for text and e-mail. ``header_date`` is an e-mail's ``Date:`` header as ISO date: the
    contract lets ``references.date`` fall back on it when the text states no date. ``quoted_from`` is
    where an e-mail's quoted earlier message, kept after the letter, begins.
    """

    text: str
    name: str
    path: str | None
    sha256: str
    media_type: str
    extractor: str
    pages: int | None = None
    layout: Any = None
    header_date: str | None = None
    is_reply: bool = False
    quoted_from: int | None = None  # where a quoted earlier message begins in ``text`` (e-mails)
    warnings: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    attachments: tuple[Any, ...] = ()  # an e-mail's attachments (``schema.Attachment``), see amtsbrief.attachments


def tame_blank_runs(text: str) -> str:
    r"""``text`` with runs of blanks cut to ``MAX_BLANK_RUN`` spaces and of blank lines to ``MAX_BLANK_LINES``.

    >>> tame_blank_runs("a" + "\u00a0\u3000\t " * 100 + "b") == "a" + " " * MAX_BLANK_RUN + "b"
    True
    >>> tame_blank_runs("a   b\n\n\nc")
    'a   b\n\n\nc'
    """
    if _may_have_long_blanks(text):
        text = _LONG_BLANKS.sub(" " * MAX_BLANK_RUN, text)
    if _may_have_many_blank_lines(text):
        text = _MANY_BLANK_LINES.sub("\n" * MAX_BLANK_LINES, text)
    return text


# Both patterns scan every character with a Unicode category test (about 0.2 ms for a letter); the
# tests below rule a match out with string methods first, and the patterns run only where they might match.
_BLANK_CHARS = "".join(chr(code) for code in range(0x3001) if re.fullmatch(_BLANK, chr(code)))  # U+3000 is the last blank
_EXOTIC_BLANK = re.compile("[" + "".join(re.escape(char) for char in _BLANK_CHARS if char not in " \t") + "]")


def _may_have_long_blanks(text: str) -> bool:
    """False only where ``_LONG_BLANKS`` cannot match: no run of more than ``MAX_BLANK_RUN`` blanks."""
    if len(text) <= MAX_BLANK_RUN:
        return False
    if _EXOTIC_BLANK.search(text):
        return True  # let the pattern decide
    return " " * (MAX_BLANK_RUN + 1) in text.replace("\t", " ")


def _may_have_many_blank_lines(text: str) -> bool:
    """False only where ``_MANY_BLANK_LINES`` cannot match: no run of more than ``MAX_BLANK_LINES`` lines of
    blanks, each ended by a line break."""
    if text.count("\n") <= MAX_BLANK_LINES:
        return False
    run = 0
    for line in text.split("\n")[:-1]:  # the last piece has no line break after it
        if line.strip(_BLANK_CHARS):
            run = 0
        else:
            run += 1
            if run > MAX_BLANK_LINES:
                return True
    return False


def load_path(path: str | Path, config: ParserConfig = DEFAULT_CONFIG) -> LoadedDocument:
    """Read a file from disk; ``-`` is not handled here (the CLI reads standard input itself).

    A missing file raises ``FileNotFoundError`` and a directory ``IsADirectoryError``, as Python's own
    ``open`` does; a file that cannot be read for another reason an ``InputError``.
    """
    path = Path(path)
    name = str(path)
    try:
        size = path.stat().st_size
        if size > config.max_bytes:
            raise TooLargeError(name, f"{size} bytes is more than the limit of {config.max_bytes}")
        data = path.read_bytes()
    except IsADirectoryError:
        raise IsADirectoryError(errno.EISDIR, "is a directory, not a file", name) from None
    except FileNotFoundError:
        raise FileNotFoundError(errno.ENOENT, "no such file", name) from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as error:
        raise InputError(name, f"cannot be read ({error.strerror or error})") from None
    return load_bytes(data, name=name, path=name, config=config)


def load_bytes(data: bytes, name: str = "<bytes>", path: str | None = None,
               config: ParserConfig = DEFAULT_CONFIG) -> LoadedDocument:
    """Decode ``data`` by its kind (detected from content, then from the name's suffix)."""
    if len(data) > config.max_bytes:
        raise TooLargeError(name, f"{len(data)} bytes is more than the limit of {config.max_bytes}")
    if not data.strip():
        raise EmptyInputError(name, "the input is empty")
    sha256 = hashlib.sha256(data).hexdigest()
    media_type = detect_media_type(data, name)
    if media_type in LAID_OUT:
        return _load_laid_out(data, name, path, sha256, media_type, config)
    if media_type == EMAIL:
        return _load_email(data, name, path, sha256, config)
    if media_type == MSG:
        from amtsbrief.msg import load_msg

        return load_msg(data, name, path, sha256, config)
    text = tame_blank_runs(decode_text(data, name))
    return LoadedDocument(text=text, name=name, path=path, sha256=sha256, media_type=TEXT, extractor="text")


def load_text(text: str, name: str = "<text>") -> LoadedDocument:
    """Wrap a Python string (already decoded) as a document."""
    if not isinstance(text, str):
        raise InputError(name, f"expected text (str), got {type(text).__name__}")
    if not text.strip():
        raise EmptyInputError(name, "the text is empty")
    sha256 = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return LoadedDocument(text=tame_blank_runs(text), name=name, path=None, sha256=sha256, media_type=TEXT, extractor="text")


def detect_media_type(data: bytes, name: str) -> str:
    """The input's kind from its first bytes, falling back on the file name's suffix."""
    head = data[:2048].lstrip()
    if head.startswith(b"%PDF"):
        return PDF
    if head.startswith(b"\x89PNG"):
        return "image/png"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "image/tiff"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):  # an OLE compound file: Outlook's .msg
        return MSG
    if head.startswith(b"<") and b"<?xml" in head[:100] or head.startswith(b"<PcGts") or head.startswith(b"<alto"):
        lowered = head.lower()
        if b"pcgts" in lowered or b"primaresearch.org/page" in lowered:
            return PAGE_XML
        if b"<alto" in lowered or b"alto" in lowered and b"loc.gov" in lowered:
            return ALTO_XML
    suffix = Path(name).suffix.lower()
    if suffix == ".xml":
        return PAGE_XML if b"pcgts" in data[:4096].lower() else ALTO_XML
    if suffix in _BY_SUFFIX and _BY_SUFFIX[suffix] != TEXT:
        return _BY_SUFFIX[suffix]
    first_lines = data.lstrip()[:4096].splitlines()[:3]
    if first_lines and all(_MAIL_HEADER.match(line) or line[:1] in (b" ", b"\t") for line in first_lines):
        return EMAIL
    return TEXT


def decode_text(data: bytes, name: str) -> str:
    """Decode a text file: BOM, strict UTF-8, then cp1252 or latin-1 by the bytes that tell them apart."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as error:
                raise DecodingError(name, f"starts with a {codec} byte-order mark but is not {codec} ({error.reason})") from None
    _reject_binary(data, name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    high_controls = set(data) & set(range(0x80, 0xA0))
    if high_controls:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            # 0x81, 0x8D, 0x8F, 0x90, 0x9D are undefined in cp1252: not a Windows text then.
            return _decode_detected(data, name)
    return data.decode("latin-1")


def _reject_binary(data: bytes, name: str) -> None:
    sample = data[:8192]
    if b"\x00" in sample:
        raise DecodingError(name, "binary data (NUL bytes), not a text file")
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13))
    if controls > max(8, len(sample) // 100):
        raise DecodingError(name, "binary data (control bytes), not a text file")


def _decode_detected(data: bytes, name: str) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise DecodingError(name, "the text is in no encoding that could be recognised")
    return str(best)


# --- e-mail ---------------------------------------------------------------------------------------

_QUOTE_MARKER = re.compile(
    r"^\s*(?:-{3,}\s*(?:Ursprüngliche Nachricht|Original Message|Originalnachricht|Weitergeleitete Nachricht|Forwarded message)\s*-{3,}"
    r"|_{3,}\s*(?:ursprüngliche Nachricht|original message)\s*_{3,}"
    r"|Am .{4,80}schrieb .{1,80}:"
    r"|On .{4,80}wrote:)\s*$",
    re.I,
)
# Outlook's reply header without a marker line above it: "Von: …" directly followed by "Gesendet: …".
_HEADER_FROM = re.compile(r"^\s*(?:Von|From)\s*:\s*\S", re.I)
_HEADER_SENT = re.compile(r"^\s*(?:Gesendet|Sent|Datum|Date)\s*:\s*\S", re.I)
_QUOTED_HEADER = re.compile(r"^\s*(?:Von|From|Gesendet|Sent|Datum|Date|An|To|Cc|Kopie|Betreff|Betr\.|Subject)\s*:", re.I)


# The headers the loader reads. The others (To, Cc, Received …) are never looked at, and the email
# package's header parser takes quadratic time and memory on thousands of RFC 2047 encoded-words
# (=?utf-8?q?…?=): 2,000 of them took 11 s, more took gigabytes. So the message is parsed with only
# these headers, each cut to ``MAX_HEADER_CHARS``.
_KEPT_HEADERS = frozenset({b"date", b"subject", b"in-reply-to", b"references", b"content-type",
                           b"content-transfer-encoding", b"content-disposition", b"mime-version"})
MAX_HEADER_CHARS = 2000
# A letter's e-mail has a few parts; thousands (or as deeply nested) are a MIME bomb.
MAX_MIME_PARTS = 1000


def _trim_headers(data: bytes) -> bytes:
    """The message with only the headers in ``_KEPT_HEADERS`` of its top level, each at most
    ``MAX_HEADER_CHARS`` long (cut at a blank, so an encoded-word is not split where avoidable)."""
    head_end = -1
    for separator in (b"\r\n\r\n", b"\n\n"):
        found = data.find(separator)
        if found != -1 and (head_end == -1 or found < head_end):
            head_end = found
    if head_end == -1:
        head, body = data, b""
    else:
        head, body = data[:head_end], data[head_end:]
    kept: list[bytes] = []
    current: list[bytes] = []

    def flush() -> None:
        if current and current[0].split(b":", 1)[0].strip().lower() in _KEPT_HEADERS:
            value = b"".join(current)
            if len(value) > MAX_HEADER_CHARS:
                cut = value.rfind(b" ", 0, MAX_HEADER_CHARS)
                value = value[:cut if cut > 0 else MAX_HEADER_CHARS]
            kept.append(value.rstrip(b"\r\n"))
        current.clear()

    for line in head.splitlines(keepends=True):
        if line[:1] in (b" ", b"\t") and current:
            current.append(line)
        else:
            flush()
            current.append(line)
    flush()
    return b"\n".join(kept) + body


class _HeadersOfOneMessage(email.headerregistry.HeaderRegistry):
    """The header factory of one e-mail: each header parsed once, each header class made once.

    The standard library parses a header again on every look-up and makes a new class for it each time
    (``HeaderRegistry.__getitem__``); reading one message asks for its ``Content-Type`` a dozen times,
    which cost several milliseconds a letter. A header is the same object for the same name and value,
    so the message reads exactly as with ``email.policy.default``.
    """

    _classes: dict[str, type] = {}  # by lower-case name; the classes depend on the name alone

    def __init__(self) -> None:
        super().__init__()
        self._parsed: dict[tuple[str, str], Any] = {}

    def __getitem__(self, name: str) -> type:
        key = name.lower()
        made = self._classes.get(key)
        if made is None:
            made = self._classes[key] = super().__getitem__(name)
        return made

    def __call__(self, name: str, value: str) -> Any:
        key = (name, value)
        header = self._parsed.get(key)
        if header is None:
            header = self._parsed[key] = self[name](name, value)
        return header


def _load_email(data: bytes, name: str, path: str | None, sha256: str,
                config: ParserConfig = DEFAULT_CONFIG) -> LoadedDocument:
    parts = data.count(b"\n--") + data.startswith(b"--")
    if parts > MAX_MIME_PARTS:
        raise LimitError(name, "parts", f"the e-mail has {parts} MIME boundaries, more than the limit of {MAX_MIME_PARTS}")
    try:
        policy = email.policy.default.clone(header_factory=_HeadersOfOneMessage())  # one message's headers
        message = email.message_from_bytes(_trim_headers(data), policy=policy)
        part = message.get_body(preferencelist=("plain", "html"))
    except RecursionError:
        raise LimitError(name, "parts", "the e-mail's MIME parts are nested too deeply") from None
    except Exception as error:  # the email package raises many kinds on broken MIME
        raise DecodingError(name, f"the e-mail cannot be read ({error})") from None
    if part is None:
        raise EmptyInputError(name, "the e-mail has no text or HTML part")
    try:
        content = part.get_content()
    except (LookupError, UnicodeDecodeError):
        payload = part.get_payload(decode=True) or b""
        content = payload.decode("latin-1")
    if isinstance(content, bytes):
        content = decode_text(content, name)
    content = _undo_mojibake(content)
    if part.get_content_type() == "text/html" or _HTML_SOURCE.match(content):
        content = html_to_text(content)  # a text/plain part that is HTML source is read as HTML
    text, quoted_from = letter_and_quote(content, name, "the e-mail's text is empty")
    header_date = None
    try:
        parsed = email.utils.parsedate_to_datetime(str(message["Date"])) if message["Date"] else None
        header_date = parsed.date().isoformat() if parsed else None
    except (TypeError, ValueError, IndexError, OverflowError):
        header_date = None
    try:
        subject = str(message["Subject"] or "")
        is_reply = bool(message["In-Reply-To"] or message["References"])
    except Exception:  # noqa: BLE001 - why: a header the email package cannot parse only costs the hint
        subject, is_reply = "", False
    is_reply = is_reply or is_reply_subject(subject)
    from amtsbrief.attachments import email_attachments, read_attachments

    attachments, warnings = read_attachments(email_attachments(message), letter_name=name, config=config)
    return LoadedDocument(text=text, name=name, path=path, sha256=sha256, media_type=EMAIL,
                          extractor="email", header_date=header_date, is_reply=is_reply, quoted_from=quoted_from,
                          warnings=tuple(warnings), attachments=tuple(attachments))


def letter_and_quote(body: str, name: str, empty: str) -> tuple[str, int | None]:
    """A message's text with its quoted earlier message set apart after it, and where that begins.

    The quoted message stays in the source text, after the letter: it fills no field, but its numbered
    questions are the questions when the answers refer to them (CONTRACT.md). An empty letter raises
    ``EmptyInputError`` with the message ``empty``.
    """
    text, quoted = split_quoted_messages(tame_blank_runs(body))
    if not text.strip():
        raise EmptyInputError(name, empty)
    if not quoted.strip():
        return text, None
    return f"{text}\n\n{quoted}", len(text) + 2


def is_reply_subject(subject: str) -> bool:
    """Whether a subject line starts with a reply or forward prefix (``AW:``, ``RE:``, ``WG:`` …)."""
    return bool(re.match(r"\s*(?:AW|RE|Re|WG|Fwd|FW|Antwort)\s*:", subject))


_HTML_SOURCE = re.compile(r"^\s*<(?:!DOCTYPE|html|body|p|div|br|table)\b[^>]*>", re.I)
_MOJIBAKE = re.compile(r"Ã[\x80-\xbf¡-¿]|â€")


def _undo_mojibake(text: str) -> str:
    """UTF-8 that was declared (and so decoded) as Latin-1/Windows-1252: re-decoded only where it proves
    itself, i.e. where the text shows the tell-tale pairs and its bytes are valid UTF-8."""
    if not _MOJIBAKE.search(text):
        return text
    for codec in ("latin-1", "cp1252"):
        try:
            return text.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return text


def strip_quoted_messages(text: str) -> str:
    """Leave out quoted earlier messages: ``>`` lines and a quoted block below a marker line.

    A signature block that follows the quote unquoted (after a ``-- `` line) still belongs to the
    letter; an unquoted forwarded message after a marker does not.

    >>> strip_quoted_messages("Danke.\\n\\n-----Ursprüngliche Nachricht-----\\nVon: x\\nBetreff: y\\n\\nAlte Frage?")
    'Danke.'
    >>> strip_quoted_messages("Ja.\\n> Frage?\\n-- \\nAmt X")
    'Ja.\\n-- \\nAmt X'
    """
    return split_quoted_messages(text)[0]


def split_quoted_messages(text: str) -> tuple[str, str]:
    """The letter without its quoted earlier messages, and those messages (see :func:`strip_quoted_messages`).

    >>> split_quoted_messages("Zu 1: Ja.\\n\\nAm 3.5. schrieb A:\\n> 1. Gibt es X?")
    ('Zu 1: Ja.', 'Am 3.5. schrieb A:\\n> 1. Gibt es X?')
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept: list[str] = []
    quoted: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if _QUOTE_MARKER.match(line) or index + 1 < len(lines) and (
                re.match(r"^\s*_{10,}\s*$", line) and _QUOTED_HEADER.match(lines[index + 1])  # Outlook's rule above the quoted header
                or _HEADER_FROM.match(line) and _HEADER_SENT.match(lines[index + 1])):  # its header without the rule
            first_quoted = index
            index += 1
            while index < len(lines) and not lines[index].strip():
                index += 1
            while index < len(lines) and (_QUOTED_HEADER.match(lines[index]) or lines[index].startswith(("\t", "    "))
                                          and index > 0 and _QUOTED_HEADER.match(lines[index - 1])):
                index += 1
            while index < len(lines) and (not lines[index].strip() or lines[index].lstrip().startswith(">")):
                index += 1
            # What follows unquoted is either the sender's signature ("-- ") or the old message itself.
            if index < len(lines) and lines[index].rstrip() in ("--", "-- "):
                quoted.extend(lines[first_quoted:index])
                continue
            quoted.extend(lines[first_quoted:])
            break
        if line.lstrip().startswith(">"):
            quoted.append(line)
            index += 1
            continue
        kept.append(line)
        index += 1
    while kept and not kept[-1].strip():
        kept.pop()
    while quoted and not quoted[-1].strip():
        quoted.pop()
    return "\n".join(kept), "\n".join(quoted)


class _HTMLText(HTMLParser):
    """Text of an HTML mail part: block elements become line breaks, scripts and styles vanish."""

    _BLOCK = {"p", "div", "br", "tr", "td", "th", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote", "hr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("script", "style", "head", "title"):
            self._skip += 1
        elif tag in self._BLOCK:
            self.parts.append("\n\n" if tag == "p" else "\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head", "title"):
            self._skip = max(0, self._skip - 1)
        elif tag in self._BLOCK and tag != "br":
            self.parts.append("\n\n" if tag == "p" else "\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(re.sub(r"[ \t\r\n]+", " ", data))


def html_to_text(html: str) -> str:
    """Plain text of an HTML body, one block per line.

    >>> html_to_text("<p>Sehr geehrte Frau A,</p><p>Text<br>weiter</p>")
    'Sehr geehrte Frau A,\\n\\nText\\nweiter'
    """
    parser = _HTMLText()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


# --- laid-out documents -----------------------------------------------------------------------------


def _load_laid_out(data: bytes, name: str, path: str | None, sha256: str, media_type: str,
                   config: ParserConfig) -> LoadedDocument:
    from amtsbrief.layout import read_layout

    document = read_layout(data, media_type=media_type, name=name, backend=config.backend,
                           ocr_language=config.ocr_language, config=config,
                           deadline=Deadline(name, config.time_budget))
    return LoadedDocument(text=document.text, name=name, path=path, sha256=sha256, media_type=media_type,
                          extractor=document.extractor, pages=document.pages, layout=document,
                          warnings=tuple(document.warnings))
