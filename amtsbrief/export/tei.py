"""TEI XML in the Correspondence Metadata Interchange Format (CMIF), and the letters' texts in TEI.

CMIF (TEI Correspondence SIG; what correspSearch harvests) is a TEI file whose header describes the
collection and lists one ``correspDesc`` per letter under ``profileDesc``; its ``text`` is an empty
``body`` (one empty ``p``). What the CMIF schema (``cmi-customization.rng``) asks for:

- ``fileDesc/titleStmt`` with ``title`` and at least one ``editor`` (a name, optionally an ``email``);
- ``publicationStmt`` with ``publisher``, ``idno type="url"`` (where the file is published), ``date
  when`` (xsd:dateTime) and ``availability/licence`` with a ``target`` URL — the licence of the
  *metadata*; it is the publisher's choice (:data:`LICENCES`), CC0 unless told otherwise;
- ``sourceDesc/bibl type="online"`` with an ``xml:id`` that stays the same when the file is written
  again (derived from the file's URL);
- ``correspDesc/@ref`` naming the letter; a ``correspAction type="sent"`` and one
  ``type="received"``, each holding only ``persName`` or ``orgName`` (``"Unknown"`` when nobody is
  known: CMIF makes the name mandatory), ``placeName`` and ``date when="YYYY-MM-DD"`` where known.

For an Amtsbrief the sender is the authority (``orgName``), the addressee a person (``persName``) or a
body (``orgName``). The ``tei-text`` form (``texts=True``) is plain TEI, not CMIF: the same header, and
per letter a ``div type="letter"`` with ``head``, ``opener`` (``dateline``, ``salute``), the body's
paragraphs, and ``closer`` (``salute``, ``signed``).

The file is written in one pass with flat memory: the ``correspDesc`` entries go straight to the
output, the letter texts to a spooled temporary file that is appended after the header.
"""

from __future__ import annotations

import datetime
import re
import shutil
import tempfile
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterable

from amtsbrief.errors import InputError
from amtsbrief.schema import Letter

TEI_NAMESPACE = "http://www.tei-c.org/ns/1.0"
XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"

# Licences a CMIF file's metadata is commonly published under (correspSearch takes CC0 and CC BY), by
# SPDX id: (URL, sentence for the licence element). Any other licence is given by its URL.
LICENCES = {
    "CC0-1.0": ("https://creativecommons.org/publicdomain/zero/1.0/",
                "This file is dedicated to the public domain under CC0 1.0."),
    "CC-BY-4.0": ("https://creativecommons.org/licenses/by/4.0/",
                  "This file is licensed under the terms of the Creative Commons License CC BY 4.0."),
}
# Metadata (who wrote to whom, when) is facts; CC0 lets archives and correspSearch reuse it freely.
DEFAULT_LICENCE = "CC0-1.0"


@dataclass(frozen=True)
class CmifMetadata:
    """What the TEI header says about the collection; CMIF requires each of these."""

    title: str = "Amtsbriefe"
    publisher: str = "amtsbrief"
    url: str = "urn:amtsbrief:cmif"  # where this file is published: CMIF's identifier of the file
    editor: str | None = None  # who answers for the file; CMIF requires one: the publisher when not given
    editor_email: str | None = None
    licence: str = DEFAULT_LICENCE  # an SPDX id of LICENCES, or a licence's URL
    licence_text: str | None = None  # the sentence in the licence element; LICENCES has one for its ids
    bibl: str = "Amtsbriefe, read by amtsbrief"
    base_url: str | None = None  # letters get @ref base_url/letter/<sha256>; without it urn:sha256:<sha256>

    def licence_target(self) -> tuple[str, str]:
        """The licence as (URL, sentence).

        >>> CmifMetadata(licence="CC-BY-4.0").licence_target()[0]
        'https://creativecommons.org/licenses/by/4.0/'
        >>> CmifMetadata(licence="https://example.org/terms", licence_text="Ask first.").licence_target()
        ('https://example.org/terms', 'Ask first.')
        >>> CmifMetadata(licence="MIT").licence_target()
        Traceback (most recent call last):
        ...
        amtsbrief.errors.InputError: unknown licence 'MIT': give a URL or one of CC0-1.0, CC-BY-4.0
        """
        if self.licence in LICENCES:
            url, text = LICENCES[self.licence]
            return url, self.licence_text or text
        if re.match(r"https?://\S+$", self.licence):
            return self.licence, self.licence_text or f"This file is licensed under the terms of {self.licence}."
        raise InputError(None, f"unknown licence {self.licence!r}: give a URL or one of {', '.join(LICENCES)}")

    def bibl_id(self) -> str:
        """The ``xml:id`` of the ``bibl``: a UUID from the file's URL, so it stays when the file is rewritten.

        CMIF asks for a static UUID; an XML id must begin with a letter, hence the prefix.
        """
        return f"cmif-{uuid.uuid5(uuid.NAMESPACE_URL, self.url)}"


def _element(tag: str, text: str | None = None, **attributes: str | None) -> ET.Element:
    # ``xml_id`` stands for xml:id, which ElementTree writes from the XML namespace's Clark name.
    names = {"xml_id": f"{{{XML_NAMESPACE}}}id"}
    element = ET.Element(tag, {names.get(key, key): value for key, value in attributes.items() if value is not None})
    element.text = text
    return element


def _child(parent: ET.Element, tag: str, text: str | None = None, **attributes: str | None) -> ET.Element:
    element = _element(tag, text, **attributes)
    parent.append(element)
    return element


def letter_ref(letter: Letter, metadata: CmifMetadata) -> str:
    """The URI a letter is known by in the CMIF file."""
    key = letter.source.sha256 or "unknown"
    return f"{metadata.base_url.rstrip('/')}/letter/{key}" if metadata.base_url else f"urn:sha256:{key}"


def _xml_id(letter: Letter, position: int) -> str:
    return f"letter-{letter.source.sha256[:16]}" if letter.source.sha256 else f"letter-{position}"


def corresp_desc(letter: Letter, metadata: CmifMetadata = CmifMetadata()) -> ET.Element:
    """The CMIF ``correspDesc`` of one letter."""
    desc = _element("correspDesc", ref=letter_ref(letter, metadata))

    sent = _child(desc, "correspAction", type="sent")
    if letter.sender.authority:
        _child(sent, "orgName", letter.sender.authority)
    elif letter.signature.name:
        _child(sent, "persName", letter.signature.name)
    else:
        _child(sent, "persName", "Unknown")
    if letter.sender.address.city:
        _child(sent, "placeName", letter.sender.address.city)
    if letter.references.date:
        _child(sent, "date", when=_iso(letter.references.date))

    received = _child(desc, "correspAction", type="received")
    recipient = letter.recipient
    if recipient.name:
        _child(received, "persName", recipient.name)
    elif recipient.organization:
        _child(received, "orgName", recipient.organization)
    else:
        _child(received, "persName", "Unknown")
    if recipient.address and recipient.address.city:
        _child(received, "placeName", recipient.address.city)
    return desc


def _iso(value: object) -> str:
    # A date is an ISO string or a datetime.date, depending on the schema's version; TEI wants ISO.
    return value.isoformat() if isinstance(value, datetime.date) else str(value)


def _as_written(letter: Letter, path: str) -> str | None:
    # The span gives the date as the letter prints it ("07.09.2015"); the ISO form goes in @when.
    span = letter.spans.get(path)
    if span and letter.source.text:
        return letter.source.text[span[0] : span[1]] or None
    return None


def letter_div(letter: Letter, xml_id: str, ref: str | None = None) -> ET.Element:
    """The text of one letter as a TEI ``div type="letter"``; ``ref`` links it to its ``correspDesc``."""
    div = _element("div", type="letter", xml_id=xml_id, corresp=ref)
    if letter.subject.title:
        _child(div, "head", letter.subject.title)
    if letter.subject.regarding:
        _child(div, "head", letter.subject.regarding, type="sub")

    if letter.references.date or letter.salutation:
        opener = _child(div, "opener")
        if letter.references.date:
            dateline = _child(opener, "dateline")
            if letter.sender.address.city:
                place = _child(dateline, "placeName", letter.sender.address.city)
                place.tail = ", "
            _child(dateline, "date", _as_written(letter, "references.date") or _iso(letter.references.date),
                   when=_iso(letter.references.date))
        if letter.salutation:
            _child(opener, "salute", letter.salutation)

    paragraphs = [part.strip() for part in (letter.body or "").split("\n\n") if part.strip()]
    for paragraph in paragraphs or [""]:
        _child(div, "p", paragraph or None)

    signature = letter.signature
    if letter.closing or signature.name:
        closer = _child(div, "closer")
        if letter.closing:
            _child(closer, "salute", letter.closing)
        if signature.name:
            signed = " ".join(part for part in (signature.on_behalf, signature.name) if part)
            _child(closer, "signed", signed + (f", {signature.role}" if signature.role else ""))
    return div


def _header_start(metadata: CmifMetadata, now: str) -> ET.Element:
    header = _element("teiHeader")
    file_desc = _child(header, "fileDesc")
    title_stmt = _child(file_desc, "titleStmt")
    _child(title_stmt, "title", metadata.title)
    editor = _child(title_stmt, "editor", metadata.editor or metadata.publisher)
    if metadata.editor_email:
        _child(editor, "email", metadata.editor_email)
    publication = _child(file_desc, "publicationStmt")
    _child(publication, "publisher", metadata.publisher)
    _child(publication, "idno", metadata.url, type="url")
    _child(publication, "date", when=now)
    availability = _child(publication, "availability")
    licence_url, licence_text = metadata.licence_target()
    _child(availability, "licence", licence_text, target=licence_url)
    source_desc = _child(file_desc, "sourceDesc")
    _child(source_desc, "bibl", metadata.bibl, type="online", xml_id=metadata.bibl_id())
    return header


def _serialised(element: ET.Element, level: int) -> str:
    ET.indent(element, space="  ", level=level)
    return "  " * level + ET.tostring(element, encoding="unicode") + "\n"


def write_tei(
    letters: Iterable[Letter],
    target: str | Path | IO[str],
    metadata: CmifMetadata = CmifMetadata(),
    *,
    now: str | None = None,
    texts: bool = False,
) -> int:
    """Write ``letters`` as one CMIF file (``texts=True``: TEI with the letters' texts); return how many."""
    now = now or datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    metadata.licence_target()  # an unknown licence fails before anything is written
    if hasattr(target, "write"):
        return _write(letters, target, metadata, now, texts)  # type: ignore[arg-type]
    with open(target, "w", encoding="utf-8") as stream:
        return _write(letters, stream, metadata, now, texts)


def write_tei_texts(letters: Iterable[Letter], target: str | Path | IO[str], metadata: CmifMetadata = CmifMetadata(),
                    *, now: str | None = None) -> int:
    """Write ``letters`` as TEI with each letter's text (the ``tei-text`` format); return how many."""
    return write_tei(letters, target, metadata, now=now, texts=True)


def _write(letters: Iterable[Letter], out: IO[str], metadata: CmifMetadata, now: str, texts_too: bool) -> int:
    header = _serialised(_header_start(metadata, now), 1)
    # The header is complete but for profileDesc: open it by cutting the closing tag.
    closing = "  </teiHeader>\n"
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(f'<TEI xmlns="{TEI_NAMESPACE}">\n')
    out.write(header[: -len(closing)] + "    <profileDesc>\n")
    count = 0
    with tempfile.SpooledTemporaryFile(max_size=8 << 20, mode="w+", encoding="utf-8") as texts:
        for position, letter in enumerate(letters):
            xml_id = _xml_id(letter, position)
            out.write(_serialised(corresp_desc(letter, metadata), 3))
            if texts_too:
                texts.write(_serialised(letter_div(letter, xml_id, letter_ref(letter, metadata)), 3))
            count += 1
        out.write("    </profileDesc>\n  </teiHeader>\n  <text>\n    <body>\n")
        if count == 0 or not texts_too:
            out.write("      <p/>\n")  # CMIF's body is one empty paragraph; TEI's may not be empty
        texts.seek(0)
        shutil.copyfileobj(texts, out)
    out.write("    </body>\n  </text>\n</TEI>\n")
    return count
