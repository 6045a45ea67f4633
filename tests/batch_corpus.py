"""Generated letters for the batch, store and export tests: a few templates with varied names, dates and
numbers, and broken files of the kinds an archive box holds (truncated PDFs, binary junk, empty files,
wrong encodings). Everything is made from a seed, so a run is reproducible; nothing is read from
``shared/``.
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass, field
from pathlib import Path

AUTHORITIES = [
    ("Landratsamt Erzgebirgskreis", "Referat Kreistag/Wahlen", "Paulus-Jenisius-Str. 24", "09456", "Annaberg-Buchholz"),
    ("Stadtverwaltung Musterstadt", "Hauptamt", "Markt 1", "01234", "Musterstadt"),
    ("Landratsamt Nordkreis", "Amt für Umwelt", "Schloßplatz 3", "24103", "Kiel"),
    ("Bezirksamt Mitte", "Abteilung Soziales", "Karl-Marx-Allee 31", "10178", "Berlin"),
    ("Kreisverwaltung Südheide", "Ordnungsamt", "Bahnhofstraße 12", "29221", "Celle"),
]
FIRST_NAMES = ["Ulrike", "Jens", "Sabine", "Thomas", "Petra", "Ahmet", "Jörg", "Maria", "Klaus", "Heike"]
LAST_NAMES = ["Kahl", "Schneider", "Müller", "Öztürk", "Weiß", "Becker", "Hoffmann", "Schäfer", "Krüger", "Lange"]
TOPICS = [
    ("Integration von Ausländern", "die Koordinierung der Integrationsarbeit im Landkreis"),
    ("Sanierung der Grundschule", "den Stand der Sanierung der Grundschule am Markt"),
    ("Radwegebau an der Kreisstraße", "die Planung des Radweges entlang der Kreisstraße"),
    ("Öffnungszeiten der Bibliothek", "die Öffnungszeiten der Stadtbibliothek am Samstag"),
    ("Kosten der Unterkunft", "die Angemessenheit der Kosten der Unterkunft"),
]
SIGNERS = ["F. Vogel", "Dr. Anna Lindner", "M. Brandt", "K. Hübner", "S. Wagner"]

ANSWER = """{authority} • {street} • {postal_code} {city}

{department}

{salutation} {title}
{first} {last}

ausschließlich per E-Mail

Bearbeiter/in: {handler}
Telefon: 03733 831-{extension}
E-Mail: {email}
Unsere Zeichen: {reference}
Datum: {date}

{topic}
hier: Ihre Anfrage vom {asked}

Sehr geehrte{r} {salutation} {last},

Ihre Fragen beantworte ich wie folgt:

1. Wie ist der Stand der Arbeiten für {subject}?

2. Welche Kosten sind bis zum {asked} entstanden?

Zu 1.: Die Arbeiten für {subject} sind zu {percent} Prozent abgeschlossen.

Zu 2.: Bis zum {asked} sind Kosten in Höhe von {amount} Euro entstanden.

Mit freundlichen Grüßen

{signer}
"""

NOTICE = """{authority}
{department}
{street}
{postal_code} {city}

{salutation}
{first} {last}
Lindenweg {house}
{postal_code} {city}

Aktenzeichen: {reference}
Datum: {date}

Bescheid über {topic}

Sehr geehrte{r} {salutation} {last},

auf Ihren Antrag vom {asked} ergeht folgender Bescheid: Ihrem Antrag wird im Umfang von {percent} Prozent stattgegeben. Die Entscheidung betrifft {subject}.

Rechtsbehelfsbelehrung: Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Widerspruch erhoben werden.

Mit freundlichen Grüßen
Im Auftrag

{signer}
"""

LETTER = """{authority} · {street} · {postal_code} {city}

{salutation}
{first} {last}
Gartenstraße {house}
{postal_code} {city}

Ihr Zeichen: {first_initial}{last_initial}-{house}
Unser Zeichen: {reference}
{city}, {date}

{topic}

Sehr geehrte{r} {salutation} {last},

vielen Dank für Ihr Schreiben vom {asked} zu {subject}. Wir haben Ihr Anliegen an die zuständige Stelle weitergeleitet und werden Sie über den weiteren Fortgang unterrichten.

Mit freundlichen Grüßen

{signer}
"""

TEMPLATES = (ANSWER, NOTICE, LETTER)


def letter_text(number: int) -> str:
    """The text of generated letter ``number``; different numbers give different letters."""
    rng = random.Random(number)
    authority, department, street, postal_code, city = rng.choice(AUTHORITIES)
    topic, subject = rng.choice(TOPICS)
    female = rng.random() < 0.5
    last = rng.choice(LAST_NAMES)
    first = rng.choice(FIRST_NAMES)
    year = rng.randint(1995, 2024)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    asked_day = max(1, day - rng.randint(1, 20))
    return TEMPLATES[number % len(TEMPLATES)].format(
        authority=authority,
        department=department,
        street=street,
        postal_code=postal_code,
        city=city,
        topic=topic,
        subject=subject,
        salutation="Frau" if female else "Herr",
        r="" if female else "r",
        title=rng.choice(["Kreisrätin" if female else "Kreisrat", "Stadträtin" if female else "Stadtrat"]),
        first=first,
        last=last,
        first_initial=first[0],
        last_initial=last[0],
        handler=f"{'Frau' if rng.random() < 0.5 else 'Herr'} {rng.choice(LAST_NAMES)}",
        extension=rng.randint(1000, 1999),
        email=f"{rng.choice(LAST_NAMES).lower().replace('ü', 'ue').replace('ä', 'ae').replace('ö', 'oe').replace('ß', 'ss')}@example.de",
        # The serial number makes every letter's bytes, and so its hash, unique.
        reference=f"{rng.randint(10, 99)}.{rng.randint(10, 99)}/{year % 100:02d}-{number:05d}",
        date=f"{day:02d}.{month:02d}.{year}",
        asked=f"{asked_day:02d}.{month:02d}.{year}",
        house=rng.randint(1, 120),
        percent=rng.randint(5, 95),
        amount=f"{rng.randint(1, 900)}.{rng.randint(100, 999)}",
        signer=rng.choice(SIGNERS),
    )


# Broken kinds, each with the error codes a parser may fairly give for it.
BROKEN_KINDS = {
    "truncated-pdf": {"input", "decoding", "not-a-letter", "empty"},
    "binary-junk": {"decoding", "input"},
    "empty": {"empty"},
    "utf16-without-bom": {"decoding"},
    "bom-but-not-utf8": {"decoding"},
}


def broken_file(kind: str, number: int) -> tuple[str, bytes]:
    """(suffix, bytes) of a broken file of ``kind``; ``number`` varies the bytes."""
    rng = random.Random(-number - 1)
    if kind == "truncated-pdf":
        whole = (
            b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] "
            b"/Count 1 >>\nendobj\n3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>\n"
            b"endobj\n4 0 obj\n<< /Length 60 >>\nstream\nBT /F1 12 Tf 72 770 Td (Landratsamt " + str(number).encode()
            + b") Tj ET\nendstream\nendobj\n"
        )
        return ".pdf", whole[: rng.randint(40, len(whole) - 20)]
    if kind == "binary-junk":
        return ".txt", bytes([0]) + rng.randbytes(rng.randint(200, 4000))
    if kind == "empty":
        return ".txt", b""
    if kind == "utf16-without-bom":
        return ".txt", letter_text(number).encode("utf-16-le")
    if kind == "bom-but-not-utf8":
        return ".txt", b"\xef\xbb\xbf" + letter_text(number).encode("cp1252")
    raise ValueError(kind)


@dataclass
class Corpus:
    """A folder of generated files: which are good letters, which broken (and how)."""

    folder: Path
    good: list[Path] = field(default_factory=list)
    broken: dict[Path, str] = field(default_factory=dict)


def write_corpus(folder: Path, count: int, *, broken_share: float = 0.02, seed: int = 0) -> Corpus:
    """Write ``count`` files to ``folder`` (in sub-folders of 500, as boxes are), ``broken_share`` of them broken.

    Good letters are UTF-8 mostly and Windows-1252 sometimes (both are readable letters).
    """
    corpus = Corpus(folder)
    broken_count = round(count * broken_share)
    kinds = list(BROKEN_KINDS)
    rng = random.Random(seed)
    broken_numbers = set(rng.sample(range(count), broken_count))
    for number in range(count):
        box = folder / f"box-{number // 500:02d}"
        box.mkdir(parents=True, exist_ok=True)
        serial = number + seed * 1_000_000
        if number in broken_numbers:
            kind = kinds[len(corpus.broken) % len(kinds)]
            suffix, data = broken_file(kind, serial)
            path = box / f"broken-{serial:06d}-{kind}{suffix}"
            corpus.broken[path] = kind
        else:
            text = letter_text(serial)
            data = text.encode("cp1252") if serial % 10 == 7 else text.encode("utf-8")
            path = box / f"letter-{serial:06d}.txt"
            corpus.good.append(path)
        path.write_bytes(data)
    return corpus


def crashing_parse_file(path, config=None):
    """``amtsbrief.parse_file``, except that a file named ``*worker-crash*`` kills the worker process
    outright, as a segfault in a PDF library would."""
    if "worker-crash" in os.path.basename(str(path)):
        os._exit(70)
    import amtsbrief

    return amtsbrief.parse_file(path, config)


def hostile_parse_file(path, config=None):
    """``amtsbrief.parse_file``, except that a file named ``*hang*`` never ends, ``*abort*`` aborts
    the process (as PDFium does on a stream bomb) and ``*hog*`` takes memory until none is left."""
    base = os.path.basename(str(path))
    if "hang" in base:
        import time

        time.sleep(3600)
    if "abort" in base:
        os.abort()
    if "hog" in base:
        hoard = []
        while True:
            hoard.append(bytearray(50 * 1024 * 1024))
    import amtsbrief

    return amtsbrief.parse_file(path, config)
