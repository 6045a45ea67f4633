"""OParl 1.1 ``Paper`` JSON: letters as council information systems exchange Drucksachen.

OParl (the German standard API of council information systems) describes a paper with
``id``, ``type`` (``https://schema.oparl.org/1.1/Paper``), ``body``, ``name`` (title),
``reference`` (its number), ``date``, ``paperType`` ("Beantwortung einer Anfrage" …),
``mainFile`` (an embedded ``File``), ``originatorPerson`` / ``originatorOrganization`` (who wrote
it), ``underDirectionOf`` (the office in charge, Federführung), ``created`` and ``modified``.
References to persons and organisations are URLs; amtsbrief mints them under ``base_url`` from the
names, so the same authority gets the same URL in every export. A property without a value is left
out, as OParl asks, rather than written as ``null``.

Every URL comes from ``base_url`` (the server that will publish the objects); a local path never
leaves the machine. Without ``base_url`` there is nothing to point to: the paper is named by its
source's hash (``urn:sha256:…``, OParl requires an ``id``) and every URL property is left out —
``mainFile`` too, since a ``File`` without its ``accessUrl`` is no ``File``.

The export is an OParl object list: ``{"data": [...], "pagination": {...}, "links": {}}``.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
import unicodedata
from urllib.parse import quote, urlsplit
from pathlib import Path
from typing import IO, Iterable

from amtsbrief.errors import InputError
from amtsbrief.schema import Letter

PAPER_TYPE = "https://schema.oparl.org/1.1/Paper"
FILE_TYPE = "https://schema.oparl.org/1.1/File"

# paperType is free text in OParl 1.1; these are the words council systems use.
PAPER_TYPES = {
    "answer": "Beantwortung einer Anfrage",
    "inquiry": "Anfrage",
    "notice": "Bescheid",
    "letter": "Schreiben",
}


def slug(text: str) -> str:
    """A URL path segment for a name: ``"Referat Kreistag/Wahlen"`` → ``"referat-kreistag-wahlen"``.

    >>> slug("Landratsamt Erzgebirgskreis")
    'landratsamt-erzgebirgskreis'
    >>> slug("Straßenverkehrsbehörde")
    'strassenverkehrsbehoerde'
    """
    text = text.lower().replace("ß", "ss").replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "unnamed"


def _compact(mapping: dict) -> dict:
    return {key: value for key, value in mapping.items() if value not in (None, [], "")}


def _looks_like_group(name: str) -> bool:
    # An inquiry is asked by a person or by a body (CONTRACT.md, inquiry.asked_by).
    return bool(re.search(r"\b(?:Fraktion|Gruppe|Ausschuss|Partei)\b", name))


def check_base_url(base_url: str | None) -> None:
    """Refuse a base URL that is no web address: OParl objects are fetched from a server.

    >>> check_base_url("https://ris.example.org/oparl")
    >>> check_base_url("/home/me/letters")
    Traceback (most recent call last):
    ...
    amtsbrief.errors.InputError: --base-url: '/home/me/letters' is no http(s) URL
    """
    if base_url is None:
        return
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError("--base-url", f"{base_url!r} is no http(s) URL")


def _iso(value: object) -> str | None:
    # A date is an ISO string or a datetime.date, depending on the schema's version; OParl wants ISO.
    return value.isoformat() if isinstance(value, datetime.date) else value  # type: ignore[return-value]


def main_file(letter: Letter, base_url: str, now: str) -> dict:
    """The OParl ``File`` of the letter's source document, its plain text included.

    Its URLs are under ``base_url``: ``…/file/<sha256>`` names it, ``…/file/<sha256>/<file name>`` is
    where the publisher serves the document. Only the file's name is told, never where it lies here.
    """
    source = letter.source
    key = source.sha256 or "unknown"
    path = Path(source.path) if source.path else None
    size = None
    sha512 = None
    if path is not None and path.is_file():
        data = path.read_bytes()
        size, sha512 = len(data), hashlib.sha512(data).hexdigest()
    file_name = path.name if path and path.name else None
    return _compact(
        {
            "id": f"{base_url}/file/{key}",
            "type": FILE_TYPE,
            "name": letter.subject.title,
            "fileName": file_name,
            "mimeType": source.media_type,
            "date": _iso(letter.references.date),
            "size": size,
            "sha512Checksum": sha512,
            "text": source.text,
            "accessUrl": f"{base_url}/file/{key}/{quote(file_name) if file_name else 'content'}",
            "created": now,
            "modified": now,
        }
    )


def paper(letter: Letter, *, base_url: str | None = None, now: str | None = None) -> dict:
    """One letter as an OParl 1.1 ``Paper`` object; without ``base_url`` it carries no URLs (see above)."""
    now = now or datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    if not base_url:
        return _compact(
            {
                "id": f"urn:sha256:{letter.source.sha256 or 'unknown'}",
                "type": PAPER_TYPE,
                "name": letter.subject.title,
                "reference": letter.references.our_reference or letter.inquiry.reference,
                "date": _iso(letter.references.date),
                "paperType": PAPER_TYPES[letter.kind],
                "created": now,
                "modified": now,
            }
        )
    base_url = base_url.rstrip("/")
    authority = letter.sender.authority
    organization = (lambda name: f"{base_url}/organization/{slug(name)}")
    person = (lambda name: f"{base_url}/person/{slug(name)}")

    originator_person: list[str] = []
    originator_organization: list[str] = []
    if letter.kind == "inquiry" and letter.inquiry.asked_by:
        asker = letter.inquiry.asked_by
        (originator_organization if _looks_like_group(asker) else originator_person).append(
            organization(asker) if _looks_like_group(asker) else person(asker)
        )
    else:
        if authority:
            originator_organization.append(organization(authority))
        if letter.signature.name:
            originator_person.append(person(letter.signature.name))
    under_direction_of = []
    if letter.sender.department:
        # A department is an organisation inside its authority; its URL says so.
        name = f"{authority} {letter.sender.department}" if authority else letter.sender.department
        under_direction_of.append(organization(name))

    return _compact(
        {
            "id": f"{base_url}/paper/{letter.source.sha256 or 'unknown'}",
            "type": PAPER_TYPE,
            "body": f"{base_url}/body/{slug(authority)}" if authority else None,
            "name": letter.subject.title,
            "reference": letter.references.our_reference or letter.inquiry.reference,
            "date": _iso(letter.references.date),
            "paperType": PAPER_TYPES[letter.kind],
            "mainFile": main_file(letter, base_url, now),
            "originatorPerson": originator_person,
            "originatorOrganization": originator_organization,
            "underDirectionOf": under_direction_of,
            "created": now,
            "modified": now,
        }
    )


def write_oparl(
    letters: Iterable[Letter], target: str | Path | IO[str], *, base_url: str | None = None, now: str | None = None
) -> int:
    """Write ``letters`` as an OParl object list of ``Paper`` objects, one at a time; return how many."""
    check_base_url(base_url)
    if hasattr(target, "write"):
        return _write(letters, target, base_url, now)  # type: ignore[arg-type]
    with open(target, "w", encoding="utf-8") as stream:
        return _write(letters, stream, base_url, now)


def _write(letters: Iterable[Letter], out: IO[str], base_url: str | None, now: str | None) -> int:
    now = now or datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    out.write('{"data": [\n')
    count = 0
    for letter in letters:
        if count:
            out.write(",\n")
        out.write(json.dumps(paper(letter, base_url=base_url, now=now), ensure_ascii=False))
        count += 1
    # The count is known only at the end; JSON does not mind the order of keys.
    pagination = {"totalElements": count, "elementsPerPage": count, "currentPage": 1, "totalPages": 1}
    out.write(f'\n], "pagination": {json.dumps(pagination)}, "links": {{}}}}\n')
    return count
