"""Stage 2, normalise: the text that every span points into (``Letter.source.text``).

Only what never changes meaning: line ends become ``\\n``, Unicode is composed (NFC), soft hyphens,
zero-width characters and byte-order marks vanish, exotic spaces become plain ones, tabs are expanded
(the columns of a Bezugszeichenzeile survive), ligatures are split and trailing blanks go. Hyphenation and
line-wrapping are undone later, per field (``amtsbrief.text.join_lines``), so offsets stay honest.

>>> normalise("Stra\\u00dfe\\r\\nu\\u0308ber\\u00ad   \\t\\nE\\ufb03zienz")
'Straße\\nüber\\nEffizienz'
"""

from __future__ import annotations

import re
import unicodedata

_DROP = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACES = {ord(c): " " for c in "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"}
_LIGATURES = {ord("ﬀ"): "ff", ord("ﬁ"): "fi", ord("ﬂ"): "fl", ord("ﬃ"): "ffi", ord("ﬄ"): "ffl", ord("ﬅ"): "st", ord("ﬆ"): "st"}
_TABLE = {**_DROP, **_SPACES, **_LIGATURES, ord("\x0c"): "\n", ord("\x0b"): "\n"}
# The lookbehind lets a match start only where a run of blanks starts: without it a long run inside a
# line (40,000 spaces before a word) is tried from each of its blanks, in quadratic time.
_TRAILING = re.compile(r"(?<![ \t])[ \t]+$", re.M)
# Any character of the table: most text has none, and one scan for them is ten times cheaper than the
# per-character dictionary look-ups of ``str.translate``.
_IN_TABLE = re.compile("[" + "".join(re.escape(chr(code)) for code in _TABLE) + "]")


def normalise(text: str) -> str:
    """The normalised form of ``text`` (see the module docstring)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    if _IN_TABLE.search(text):
        text = text.translate(_TABLE)
    if "\t" in text:
        text = "\n".join(line.expandtabs(8) for line in text.split("\n"))
    return repair_ocr(_without_trailing_blanks(text))


def normalise_quoting(text: str, quoted_from: int | None) -> tuple[str, int | None]:
    """The normalised form of an e-mail's ``text`` whose earlier, quoted messages start at ``quoted_from``
    (None: nothing quoted), and where they start in it: each part is normalised on its own, so that
    neither spills into the other."""
    if quoted_from is None:
        return normalise(text), None
    letter = normalise(text[:quoted_from])
    return letter + normalise(text[quoted_from:]), len(letter)


def _without_trailing_blanks(text: str) -> str:
    """``_TRAILING.sub("", text)``: each line without the spaces and tabs it ends in. Line by line in C,
    and not at all where no line ends in a blank: the pattern's scan tries every blank of the text."""
    if " \n" not in text and "\t\n" not in text and not text.endswith((" ", "\t")):
        return text
    return "\n".join([line.rstrip(" \t") for line in text.split("\n")])


# OCR confusions that no clean German text contains, each replaced one character for one, so offsets hold.
_OCR_REPAIRS = (
    (re.compile(r"(?<=[a-zäöüß])[1I](?=[a-zäöüß])"), "l"),           # Te1efon, freundIichen
    (re.compile(r"(?<![\w@./-])0(?=[a-zäöüß]{2})"), "O"),            # 0rdnungsamt
    (re.compile(r"(?<=\d)[Oo](?=\d)|(?<=\d[.\-/])[Oo](?=\d)|(?<=\d)[Oo](?=[.\-/]\d)|(?<=[/.\-])[Oo](?=\d{2})"), "0"),  # 91O-3317, 11.O8., S/O847
    (re.compile(r"(?<=\d)[lI](?=\d)|(?<=\d[.\-/])[lI](?=\d)|(?<![\w])[lI](?=\d[\d.]*\b)"), "1"),  # l4.3.1966
    (re.compile(r"(?<=[Ss]tra)B(?=e)"), "ß"),                         # StraBe
    # A number written with O for 0 at its start or in a run (O8:OO, O3581, 1O.O5.2O24, OO44): a run of
    # digits and O, set apart by . : / -, with a digit in it, standing free of letters.
    (re.compile(r"(?<![^\W_])(?=[\dOo.:/\-]*\d)(?=[\d.:/\-]*[Oo])(?:[\dOo]+[.:/\-])*[\dOo]+(?![^\W_])"),
     lambda match: match.group().replace("O", "0").replace("o", "0")),
)


# One pass over the text: the alternatives above, each a named group, each with its replacement. Every
# repair replaces a digit, O, o, l, I or B: the look-ahead in front lets the scan pass any other character
# at once, instead of trying six alternatives and their look-behinds there (five times faster).
_OCR_ANY = re.compile("(?=[\\dOolIB])(?:" + "|".join(f"(?P<r{number}>{pattern.pattern})"
                                                     for number, (pattern, _) in enumerate(_OCR_REPAIRS)) + ")")
# Every repair above needs one of these pairs somewhere in the text: ``[a-zäöüß][1I][a-zäöüß]``,
# ``0[a-zäöüß]``, ``\d[OoIl]``, ``[OoIl]\d``, ``[Ss]traBe``. Each is searched from its rarest character
# (a look-behind checks what stands before it), as a scan that tries a lower-case letter at every
# position costs ten times more than one that skips to the next ``1``, ``I`` or digit.
_OCR_SUSPECTS = tuple(re.compile(pattern) for pattern in (
    r"[1I](?<=[a-zäöüß][1I])(?=[a-zäöüß])", r"0[a-zäöüß]", r"\d(?:[OoIl]|(?<=[OoIl]\d))", r"traBe(?<=[Ss]traBe)"))
_OCR_REPLACEMENT = {f"r{number}": replacement for number, (_, replacement) in enumerate(_OCR_REPAIRS)}


def repair_ocr(text: str) -> str:
    """Undo OCR confusions that cannot be meant (``Te1efon``, ``0rdnungsamt``, ``11.O8.2021``, ``StraBe``).

    >>> repair_ocr("Te1efon 0234 91O-3317, 0rdnungsamt, StraBe 5, am l4.3.1966")
    'Telefon 0234 910-3317, Ordnungsamt, Straße 5, am 14.3.1966'
    >>> repair_ocr("am 1O.O5.2O24 von O8:OO bis 12:3O Uhr, Telefon O3581 663-2714, Mo-Fr, O-Ton, Oder")
    'am 10.05.2024 von 08:00 bis 12:30 Uhr, Telefon 03581 663-2714, Mo-Fr, O-Ton, Oder'
    """
    if not any(suspect.search(text) for suspect in _OCR_SUSPECTS):  # most text has none: cheap scans decide
        return text
    return _OCR_ANY.sub(_replace_confusion, text)


def _replace_confusion(match: re.Match[str]) -> str:
    replacement = _OCR_REPLACEMENT[match.lastgroup or ""]
    return replacement if isinstance(replacement, str) else replacement(match)


# Blanks that vanish where they end a line: spaces (exotic ones become spaces first), tabs (expanded to
# spaces first) and the characters that are dropped anyway.
_BLANK = "[ \t" + "".join(map(chr, _SPACES)) + "".join(map(chr, _DROP)) + "]"
# Everything that changes in NFC text, found in one scan: a run of trailing blanks (whole runs only, by
# the look-behind, so a wide gap inside a line is tried once), a line end, a character of the table.
_CHANGES = re.compile(rf"(?P<trailing>(?<!{_BLANK}){_BLANK}+(?=[\r\n\x0b\x0c]|\Z))|\r\n?|["
                      + "".join(re.escape(chr(code)) for code in _TABLE) + "]")


# A blank at the end of a line or of the text (what ``_CHANGES`` calls trailing), searched from the line end.
_ENDS_IN_BLANK = re.compile(rf"{_BLANK}(?:\n|\Z)")


def normalise_with_origin(text: str) -> tuple[str, list[int]]:
    """``normalise(text)`` and, for each of its characters, the offset it came from in ``text``.

    Laid-out input needs the map: its page boxes are keyed by offsets into the raw text. The text is
    copied and the map filled run by run between the few places that change (``_CHANGES``), not
    character by character.

    >>> normalise_with_origin("a\\r\\nb\\u00adc")
    ('a\\nbc', [0, 2, 3, 5])
    """
    if not unicodedata.is_normalized("NFC", text):
        return _with_origin_by_character(text)
    if "\r" not in text and not _IN_TABLE.search(text) and not _ENDS_IN_BLANK.search(text):
        # Nothing changes (a PDF's text layer, written by ``layout.serialize``): each character maps to itself.
        origin = list(range(len(text)))
        if "\t" in text:
            text, origin = _expand_tabs(text, origin)
        return repair_ocr(text), origin
    parts: list[str] = []
    origin: list[int] = []
    done = 0
    for change in _CHANGES.finditer(text):
        start, end = change.span()
        if start > done:
            parts.append(text[done:start])
            origin.extend(range(done, start))
        found = change.group()
        if change.lastgroup == "trailing":
            pass  # left out
        elif found[0] == "\r":
            parts.append("\n")
            origin.append(end - 1)  # "\r\n" is its "\n"
        else:
            replacement = _TABLE[ord(found)] or ""
            parts.append(replacement)
            origin.extend([start] * len(replacement))
        done = end
    parts.append(text[done:])
    origin.extend(range(done, len(text)))
    result = "".join(parts)
    if "\t" in result:
        result, origin = _expand_tabs(result, origin)
    return repair_ocr(result), origin


def _expand_tabs(text: str, origin: list[int]) -> tuple[str, list[int]]:
    """Tabs to spaces up to the next multiple of 8 in their line (as ``str.expandtabs``), each space
    mapped to its tab."""
    parts: list[str] = []
    expanded: list[int] = []
    position = 0
    for line in text.split("\n"):
        if position:
            parts.append("\n")
            expanded.append(origin[position - 1])
        if "\t" not in line:
            parts.append(line)
            expanded.extend(origin[position:position + len(line)])
            position += len(line) + 1
            continue
        column = 0
        for number, piece in enumerate(line.split("\t")):
            if number:
                pad = 8 - column % 8
                parts.append(" " * pad)
                expanded.extend([origin[position]] * pad)
                position += 1
                column += pad
            parts.append(piece)
            expanded.extend(origin[position:position + len(piece)])
            position += len(piece)
            column += len(piece)
        position += 1
    return "".join(parts), expanded


def _with_origin_by_character(text: str) -> tuple[str, list[int]]:
    """:func:`normalise_with_origin` one character at a time: the way for text that NFC changes, where a
    character may be composed with the marks that follow it."""
    out: list[str] = []
    origin: list[int] = []
    index = 0
    length = len(text)
    while index < length:
        char = text[index]
        if char == "\r":
            out.append("\n")
            origin.append(index + 1 if index + 1 < length and text[index + 1] == "\n" else index)
            index += 2 if index + 1 < length and text[index + 1] == "\n" else 1
            continue
        # Compose a character with what follows it as long as composing changes it (combining
        # marks, and the class-0 pairs NFC also joins, such as Hangul jamo).
        end = index + 1
        while end < length and text[end] not in "\r\n" and (
                unicodedata.combining(text[end])
                or unicodedata.normalize("NFC", text[index:end + 1]) != unicodedata.normalize("NFC", text[index:end]) + text[end]):
            end += 1
        piece = unicodedata.normalize("NFC", text[index:end]).translate(_TABLE)
        for produced in piece:
            out.append(produced)
            origin.append(index)
        index = end
    # Tabs and trailing blanks, per line, keeping the map in step.
    lines_out: list[str] = []
    lines_origin: list[int] = []
    start = 0
    joined = "".join(out)
    for line in joined.split("\n"):
        line_origin = origin[start:start + len(line)]
        expanded: list[str] = []
        expanded_origin: list[int] = []
        for char, source in zip(line, line_origin):
            if char == "\t":
                pad = 8 - len(expanded) % 8
                expanded.extend(" " * pad)
                expanded_origin.extend([source] * pad)
            else:
                expanded.append(char)
                expanded_origin.append(source)
        while expanded and expanded[-1] == " ":
            expanded.pop()
            expanded_origin.pop()
        lines_out.append("".join(expanded))
        lines_origin.extend(expanded_origin)
        newline_at = start + len(line)
        if newline_at < len(origin):
            lines_origin.append(origin[newline_at])
        start = newline_at + 1
    return repair_ocr("\n".join(lines_out)), lines_origin
