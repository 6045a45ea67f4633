"""TEI XML in the Correspondence Metadata Interchange Format (CMIF), with each letter's text.

CMIF (TEI Correspondence SIG; what correspSearch harvests) is a TEI file whose header describes the
collection and lists one ``correspDesc`` per letter under ``profileDesc``:

- ``fileDesc/titleStmt/title`` (and ``editor``), ``publicationStmt`` with ``publisher``,
  ``idno type="url"``, ``date when`` (xsd:dateTime) and the CC-BY 4.0 ``availability/licence``,
  ``sourceDesc/bibl type="online"``;
- ``correspDesc/@ref`` naming the letter; a ``correspAction type="sent"`` and one
  ``type="received"``, each holding only ``persName`` or ``orgName`` (``"Unknown"`` when nobody is
  known: CMIF makes the name mandatory), ``placeName`` and ``date when="YYYY-MM-DD"`` where known.

For an Amtsbrief the sender is the authority (``orgName``), the addressee a person (``persName``) or a
body (``orgName``). The text part adds per letter a ``div type="letter"`` with ``head``,
``opener`` (``dateline``, ``salute``), the body's paragraphs, and ``closer`` (``salute``, ``signed``).

The file is written in one pass with flat memory: the ``correspDesc`` entries go straight to the
output, the letter texts to a spooled temporary file that is appended after the header.
"""

from __future__ import annotations

import datetime
import shutil
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterable

from amtsbrief.schema import Letter

TEI_NAMESPACE = "http://www.tei-c.org/ns/1.0"
XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"
CMIF_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
CMIF_LICENCE_TEXT = "This file is licensed under the terms of the Creative Commons License CC-BY 4.0"


@dataclass(frozen=True)
class CmifMetadata:
    """What the TEI header says about the collection; CMIF requires each of these."""

    title: str = "Amtsbriefe"
    publisher: str = "amtsbrief"
    url: str = "urn:amtsbrief:cmif"  # where this file is published: CMIF's identifier of the file
    editor: str | None = None
    editor_email: str | None = None
    bibl: str = "Amtsbriefe, read by amtsbrief"
    base_url: str | None = None  # letters get @ref base_url/letter/<sha256>; without it urn:sha256:<sha256>


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
        _child(sent, "date", when=letter.references.date.isoformat())

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
            _child(dateline, "date", _as_written(letter, "references.date") or letter.references.date.isoformat(),
                   when=letter.references.date.isoformat())
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
    if metadata.editor:
        editor = _child(title_stmt, "editor", metadata.editor)
        if metadata.editor_email:
            _child(editor, "email", metadata.editor_email)
    publication = _child(file_desc, "publicationStmt")
    _child(publication, "publisher", metadata.publisher)
    _child(publication, "idno", metadata.url, type="url")
    _child(publication, "date", when=now)
    availability = _child(publication, "availability")
    _child(availability, "licence", CMIF_LICENCE_TEXT, target=CMIF_LICENCE_URL)
    source_desc = _child(file_desc, "sourceDesc")
    _child(source_desc, "bibl", metadata.bibl, type="online")
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
) -> int:
    """Write ``letters`` as one CMIF/TEI file; return how many letters it holds."""
    now = now or datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    if hasattr(target, "write"):
        return _write(letters, target, metadata, now)  # type: ignore[arg-type]
    with open(target, "w", encoding="utf-8") as stream:
        return _write(letters, stream, metadata, now)


def _write(letters: Iterable[Letter], out: IO[str], metadata: CmifMetadata, now: str) -> int:
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
            texts.write(_serialised(letter_div(letter, xml_id, letter_ref(letter, metadata)), 3))
            count += 1
        out.write("    </profileDesc>\n  </teiHeader>\n  <text>\n    <body>\n")
        if count == 0:
            out.write("      <p/>\n")  # TEI's body may not be empty
        texts.seek(0)
        shutil.copyfileobj(texts, out)
    out.write("    </body>\n  </text>\n</TEI>\n")
    return count
