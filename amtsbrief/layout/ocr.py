"""Scans through Tesseract: word boxes and confidences from ``image_to_data``, in the page model.

A PDF page without a text layer is rendered with pypdfium2 at 300 dpi first; an image file is read
with Pillow (every frame of a multi-page TIFF). Pixel boxes are scaled to points, so the zone
thresholds of born-digital PDFs hold for scans too. Tesseract's own lines are kept (it follows a
tilted line better than a box test can), but its blocks are not: it joins the two columns of a
letter's header into one line as often as not, and zone detection splits them again by their gap.
"""

from __future__ import annotations

import functools
import math
import os
import re

from amtsbrief.errors import DependencyError, InputError
from amtsbrief.layout.model import Line, Page, Word

DPI = 300
INSTALL = ("install Tesseract with German data: on Debian/Ubuntu `sudo apt-get install tesseract-ocr "
           "tesseract-ocr-deu`, on macOS `brew install tesseract tesseract-lang` (the project's "
           "scripts/setup.sh does this), and `pip install amtsbrief[ocr]`")

# Tesseract reads the section sign of German legal text as '$' (and '§§' as '$$' or 'S$'); a '$'
# before a paragraph number is never a dollar in these letters.
_SECTION = [(re.compile(r"^(\(?)(?:S\$|8\$|\$\$|§\$|\$§)$"), r"\1§§"), (re.compile(r"^(\(?)\$$"), r"\1§"),
            (re.compile(r"^(\(?)\$(?=\d)"), r"\1§")]
# ... and sometimes as '8' before a paragraph number and "Abs."/"Satz"/"Nr." ("nach 8 44a Abs. 4").
_EIGHT = re.compile(r"^\d+[a-z]?$")
_AFTER_PARAGRAPH = re.compile(r"^(?:Abs|Satz|Nr|S)\.?$")


@functools.lru_cache(maxsize=None)
def _languages() -> frozenset[str]:
    import pytesseract

    return frozenset(pytesseract.get_languages(config=""))


def ensure_tesseract(language: str) -> None:
    """Raise ``DependencyError`` saying how to install what is missing: pytesseract, Tesseract, its language."""
    try:
        import pytesseract
    except ImportError:
        raise DependencyError(None, f"OCR needs pytesseract and Pillow; {INSTALL}") from None
    try:
        available = _languages()
    except (pytesseract.TesseractNotFoundError, OSError):
        raise DependencyError(None, f"OCR needs the tesseract program, which was not found; {INSTALL}") from None
    missing = [lang for lang in language.split("+") if lang not in available]
    if missing:
        raise DependencyError(None, f"Tesseract has no language data for {', '.join(missing)}; {INSTALL}")


def tesseract_available(language: str = "deu") -> bool:
    """Whether OCR can run here (tests skip on it)."""
    try:
        ensure_tesseract(language)
    except DependencyError:
        return False
    return True


def _fix(text: str) -> str:
    for pattern, replacement in _SECTION:
        text = pattern.sub(replacement, text)
    return text


def _skew(lines: list[list[tuple[float, float, float, float]]]) -> float:
    """The page's tilt (radians) from the slope of Tesseract's long lines, word bottoms against x."""
    slopes = []
    for boxes in lines:
        if len(boxes) < 4:
            continue
        xs = [(b[0] + b[2]) / 2 for b in boxes]
        ys = [b[3] for b in boxes]
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        sxx = sum((x - mx) ** 2 for x in xs)
        if sxx < 200.0 ** 2:
            continue
        slopes.append(sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx)
    if len(slopes) < 3:
        return 0.0
    slopes.sort()
    return math.atan(slopes[len(slopes) // 2])


def ocr_image(image, number: int, language: str = "deu", dpi: float | None = None) -> Page:
    """OCR one image into a page of words with boxes (points) and confidences (0–1)."""
    ensure_tesseract(language)
    import pytesseract

    # Tesseract's OpenMP threads fight each other on small machines (4 s a page alone, 16 s with
    # threads on two cores); parallelism belongs to the batch layer, one page per process.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    if dpi is None:
        info = image.info.get("dpi") or (DPI, DPI)
        dpi = float(info[0]) if info and info[0] and float(info[0]) > 50 else DPI
    if dpi < 250:  # Tesseract reads small type far better at 300 dpi than at 150
        factor = DPI / dpi
        image = image.resize((round(image.width * factor), round(image.height * factor)))
        dpi = DPI
    if image.mode not in ("L", "RGB"):
        image = image.convert("RGB")
    try:
        data = pytesseract.image_to_data(image, lang=language, config="--psm 3",
                                         output_type=pytesseract.Output.DICT)
    except pytesseract.TesseractError as error:
        raise InputError(None, f"Tesseract could not read page {number}: {error.message.strip()}") from None
    scale = 72.0 / dpi
    grouped: dict[tuple[int, int, int], list[tuple[str, float, tuple[float, float, float, float]]]] = {}
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        box = (data["left"][i] * scale, data["top"][i] * scale,
               (data["left"][i] + data["width"][i]) * scale, (data["top"][i] + data["height"][i]) * scale)
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        grouped.setdefault(key, []).append((_fix(text), conf / 100.0, box))
    width, height = image.width * scale, image.height * scale
    heights = sorted(b[3] - b[1] for words in grouped.values() for _, _, b in words)
    typical = heights[len(heights) // 2] if heights else 0.0
    for key, words in list(grouped.items()):
        # Tesseract reads stamps, QR codes and logos as "words": far taller than type, or no
        # confidence at all and no letters to speak of. Leave them out.
        kept = [w for w in words
                if not (w[2][3] - w[2][1] > 2.2 * typical or (w[1] < 0.2 and not re.search(r"\w{4}", w[0])))]
        for i in range(len(kept) - 2):
            if kept[i][0] == "8" and _EIGHT.match(kept[i + 1][0]) and _AFTER_PARAGRAPH.match(kept[i + 2][0]):
                kept[i] = ("§",) + kept[i][1:]
        grouped[key] = kept
    grouped = {k: v for k, v in grouped.items() if v}
    angle = _skew([[b for _, _, b in words] for words in grouped.values()])
    tan = math.tan(angle)
    lines = []
    for words in grouped.values():
        out = []
        for text, conf, (x0, top, x1, bottom) in words:
            # undo the tilt by shearing each word back to the page's horizontal; small angles only
            dy = ((x0 + x1) / 2 - width / 2) * tan
            out.append(Word(text, x0, top - dy, x1, bottom - dy, confidence=conf))
        # Beside a picture Tesseract sometimes strings words of several printed lines into one of
        # its lines; such a line is regrouped by geometry.
        span = max(w.bottom for w in out) - min(w.top for w in out)
        if span > 1.8 * typical:
            from amtsbrief.layout.zones import rows_from_words

            lines.extend(rows_from_words(tuple(out)))
        else:
            lines.append(Line(tuple(out)))
    all_words = tuple(w for line in lines for w in line.words)
    return Page(number=number, width=width, height=height, words=all_words, lines=tuple(lines))


def open_image(data: bytes, name: str) -> list:
    """Every frame of an image file as a PIL image; an ``InputError`` when it cannot be read."""
    import io

    try:
        from PIL import Image, UnidentifiedImageError
    except ImportError:
        raise DependencyError(name, f"reading images needs Pillow; {INSTALL}") from None
    try:
        image = Image.open(io.BytesIO(data))
        frames = []
        for index in range(getattr(image, "n_frames", 1)):
            image.seek(index)
            frame = image.copy()
            frame.info.setdefault("dpi", image.info.get("dpi"))
            frames.append(frame)
    except (UnidentifiedImageError, OSError, ValueError, EOFError) as error:
        raise InputError(name, f"the image cannot be read ({error})") from None
    if not frames:
        raise InputError(name, "the image has no frames")
    return frames
