"""Scans through Tesseract: word boxes and confidences (Tesseract's TSV table), in the page model.

Tesseract is reached through its API (tesserocr, built by ``scripts/setup.sh`` against the system's
own library, so it reads exactly as the ``tesseract`` command does) with the model loaded once per
process and kept; where the binding is missing, through the command (pytesseract), which starts a
process and loads the model for every page and every re-read line.

A PDF page without a text layer is rendered with pypdfium2 at the resolution it is read at
(``scan_reading``: 300 dpi for the first page, its scan's own up to 200 dpi for later ones); an image
file is read with Pillow (every frame of a multi-page TIFF) and scaled the same way. Pixel boxes are
scaled to points, so the zone thresholds of born-digital PDFs hold for scans too. Tesseract's own lines are kept (it follows a
tilted line better than a box test can), but its blocks are not: it joins the two columns of a
letter's header into one line as often as not, and zone detection splits them again by their gap.

Three repairs follow Tesseract's page read, each for something a scanned authority letter often has:

- a line read as a string of low-confidence fragments ("Or Er Sc Ha rs te u er") is usually
  letter-spaced type (``K ö r p e r s c h a f t s t e u e r``); it is read again as one raw line
  (``--psm 13``), which Tesseract gets right, and kept when it is read with more confidence;
- a stretch of a line whose words are all doubtful is a stamp, a seal or a franking mark, not type,
  and is left out;
- form checkboxes, which Tesseract reads as ``[]`` or ``[X]``-like marks, become ``☐`` and ``☒``.
"""

from __future__ import annotations

import functools
import math
import os
import re

from amtsbrief.errors import DependencyError, InputError
from amtsbrief.layout.model import Line, Page, Word

DPI = 300
# The resolution a page is read at. Tesseract's time grows with a page's pixels (its LSTM takes each
# line from the page image at full resolution), while running text reads as well at 150–200 dpi as at
# 300. A letter's first page is read at 300 dpi all the same: its head holds the small print, form
# fields, letter-spaced titles and stamps whose reading (and the zones found from it) a coarser page
# changes. Later pages, running text and footer boxes, are read at their scan's own resolution within
# ``LEAST_OCR_DPI``–``OCR_DPI`` (a coarser scan magnified to ``OCR_DPI``); a photographed page at 300
# dpi all the same: read at 150–200, its justified lines fall apart into columns. (Measured on the
# scanned notices and memos of ../shared/letters, benchmarks/ocr.py.)
OCR_DPI = 200
LEAST_OCR_DPI = 150
# An image covering less of its page than this is a photo placed on it (a camera's picture, unevenly
# lit, perhaps skewed), not a scanner's page: read at ``DPI`` on every page.
PHOTO_COVER = 0.9
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
# Checkboxes as Tesseract reads them: an empty box as brackets, a ticked one with an X between.
_EMPTY_BOX = re.compile(r"^(?:\[\s*\]|\[\]|\(\)|□|☐)$")
_TICKED_BOX = re.compile(r"^(?:[\[|(lI1P]?[XxK×][\]|)lI1]|\[[XxK×]|⊠|☒)$")
# The colon after a subject label at a line's start read as a semicolon ("hier; Verfassungsrechtliche …"):
# these labels (models/cues.json, subject) never end a clause there.
_LABEL_SEMICOLON = re.compile(r"^(?:[Hh]ier|Betr\.|Betreff|Bezug);$")
_SPECK = re.compile(r"^[.,]+(?=[A-Za-zÄÖÜäöüß]{2})")
# A line of fragments this doubtful is read again as one raw line (letter-spaced type).
GARBLED_CONFIDENCE = 0.5
# A stretch of words none of which Tesseract is sure of is a stamp or seal: every word below
# ``NOISE_MAX`` and their mean below ``NOISE_MEAN``.
NOISE_MAX, NOISE_MEAN = 0.7, 0.45


# Where Debian, Fedora, Homebrew and a source build put Tesseract's language data (``TESSDATA_PREFIX``
# first): the binding's wheel brings its own library but no languages.
_TESSDATA_DIRS = ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
                  "/usr/share/tessdata", "/usr/local/share/tessdata", "/opt/homebrew/share/tessdata")


# Tesseract's least credible resolution, which it takes for an image that states none (or less).
_LEAST_DPI = 70
# Tesseract reads every line it is unsure of a second time, inverted (white type on black), and keeps
# the surer reading. Letters print dark on light: on the scans of ../shared/letters the second reading
# never won (every letter's F1 the same without it) and cost 5–10 % of the time (benchmarks/ocr.py).
# ``invert_threshold`` is the setting's name from Tesseract 5.3 on, ``tessedit_do_invert`` before.
_SETTINGS = {"tessedit_do_invert": "0", "invert_threshold": "0"}


class _ApiEngine:
    """Tesseract through its C++ API (tesserocr): the model is loaded once per process and language
    and kept, where the command line loads it again for every page and every re-read line (about
    0.3 s each). One page at a time per process: the API object is not thread-safe."""

    name = "tesserocr"

    def __init__(self, tessdata: str) -> None:
        import threading

        self.tessdata = tessdata.rstrip("/") + "/"
        self._apis: dict[str, object] = {}
        self._lock = threading.Lock()

    def languages(self) -> frozenset[str]:
        import tesserocr

        return frozenset(tesserocr.get_languages(self.tessdata)[1])

    def data(self, image, language: str, psm: int) -> dict[str, list]:
        import tesserocr

        # The resolution as the command sees it in the PNG pytesseract writes: the image's own where it
        # has one, else none, which the command takes as 70 dpi and corrects from the type size. Left
        # unset here, the API would take the 96 dpi its image transfer carries, and read differently
        # (as it does when told 300 for a page rendered at 300 dpi: some scans read worse).
        dpi = float((image.info.get("dpi") or (0,))[0] or 0)
        with self._lock:
            api = self._apis.get(language)
            if api is None:
                api = self._apis[language] = tesserocr.PyTessBaseAPI(path=self.tessdata, lang=language)
                for setting, value in _SETTINGS.items():
                    api.SetVariable(setting, value)  # False where this Tesseract lacks it: no harm
            try:
                api.SetPageSegMode(psm)
                _set_pixels(api, image)
                api.SetSourceResolution(round(dpi) if dpi >= _LEAST_DPI else _LEAST_DPI)
                tsv = api.GetTSVText(0) or ""
            except RuntimeError as error:
                raise InputError(None, str(error)) from None
            finally:
                api.Clear()
        return _tsv_table(tsv)


def _set_pixels(api, image) -> None:
    """Hand the image's pixels to Tesseract as they are: ``SetImage`` would encode the whole page as
    an image file first, only for Tesseract to decode it again (0.1–0.2 s a page, same result)."""
    if image.mode not in ("L", "RGB"):
        image = image.convert("RGB")
    channels = 1 if image.mode == "L" else 3
    api.SetImageBytes(image.tobytes(), image.width, image.height, channels, channels * image.width)


# the settings as the command takes them (an unknown one is only warned of)
_COMMAND_SETTINGS = " ".join(f"-c {setting}={value}" for setting, value in _SETTINGS.items())


class _CommandEngine:
    """Tesseract through its command line (pytesseract): one process per call; the fallback where the
    binding is not installed."""

    name = "tesseract"

    def languages(self) -> frozenset[str]:
        import pytesseract

        return frozenset(pytesseract.get_languages(config=""))

    def data(self, image, language: str, psm: int) -> dict[str, list]:
        import pytesseract

        try:
            return pytesseract.image_to_data(image, lang=language, config=f"--psm {psm} " + _COMMAND_SETTINGS,
                                             output_type=pytesseract.Output.DICT)
        except pytesseract.TesseractError as error:
            raise InputError(None, error.message.strip()) from None


_COLUMNS = ("level", "page_num", "block_num", "par_num", "line_num", "word_num", "left", "top", "width",
            "height", "conf", "text")


def _tsv_table(tsv: str) -> dict[str, list]:
    """Tesseract's TSV (the API's ``GetTSVText``, without the header line) as columns, the shape
    pytesseract's ``image_to_data`` returns."""
    table: dict[str, list] = {column: [] for column in _COLUMNS}
    for row in tsv.splitlines():
        cells = row.split("\t")
        if len(cells) < 12 or not cells[0].isdigit():
            continue
        for column, cell in zip(_COLUMNS[:10], cells):
            table[column].append(int(cell))
        table["conf"].append(float(cells[10]))
        table["text"].append("\t".join(cells[11:]))
    return table


def _tessdata() -> str | None:
    """The folder of Tesseract's language data, or ``None`` when none is found."""
    prefix = os.environ.get("TESSDATA_PREFIX")
    candidates = ([prefix, os.path.join(prefix, "tessdata")] if prefix else []) + list(_TESSDATA_DIRS)
    for folder in candidates:
        if folder and os.path.isdir(folder) and any(name.endswith(".traineddata") for name in os.listdir(folder)):
            return folder
    import shutil
    import subprocess

    program = shutil.which("tesseract")
    if program:  # the program knows where its own data lies: 'List of available languages in "DIR/" (3):'
        try:
            said = subprocess.run([program, "--list-langs"], capture_output=True, text=True, timeout=10)
        except (OSError, subprocess.SubprocessError):
            return None
        found = re.search(r'"([^"]+)"', said.stdout + said.stderr)
        if found and os.path.isdir(found.group(1)):
            return found.group(1)
    return None


@functools.lru_cache(maxsize=None)
def _engine() -> _ApiEngine | _CommandEngine:
    """The API binding where it is installed and language data is found, else the command line."""
    # Tesseract's OpenMP threads fight each other on small machines (4 s a page alone, 16 s with
    # threads on two cores); parallelism belongs to the batch layer. Set before the library loads.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    if os.environ.get("AMTSBRIEF_OCR_ENGINE") == "tesseract":  # the command line asked for (benchmarks/ocr.py)
        return _CommandEngine()
    try:
        import tesserocr
    except ImportError:
        return _CommandEngine()
    tessdata = _tessdata()
    if tessdata is None:
        return _CommandEngine()
    tesserocr.set_leptonica_log_level(tesserocr.LeptLogLevel.NONE)  # its messages go straight to stderr
    return _ApiEngine(tessdata)


def engine_name() -> str:
    """Which way Tesseract is reached here: ``tesserocr`` (the API, model kept loaded) or ``tesseract``."""
    return _engine().name


@functools.lru_cache(maxsize=None)
def _languages() -> frozenset[str]:
    return _engine().languages()


def ensure_tesseract(language: str) -> None:
    """Raise ``DependencyError`` saying how to install what is missing: a binding, Tesseract, its language."""
    if not isinstance(_engine(), _ApiEngine):
        try:
            import pytesseract
        except ImportError:
            raise DependencyError(None, f"OCR needs tesserocr or pytesseract, and Pillow; {INSTALL}") from None
        not_found: tuple[type[BaseException], ...] = (pytesseract.TesseractNotFoundError, OSError)
    else:
        not_found = (OSError, RuntimeError)
    try:
        available = _languages()
    except not_found:
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
    """One OCR word repaired: a misread section sign, a checkbox."""
    if _EMPTY_BOX.match(text):
        return "☐"
    if _TICKED_BOX.match(text):
        return "☒"
    for pattern, replacement in _SECTION:
        text = pattern.sub(replacement, text)
    # a speck read as a full stop or comma before a word (".Uhr"); no German word starts so
    return _SPECK.sub("", text)


OcrWord = tuple[str, float, tuple[float, float, float, float]]  # text, confidence 0-1, pixel box


def _garbled(words: list[OcrWord]) -> bool:
    """Fragments rather than words: several short, doubtful pieces (how letter-spacing comes out)."""
    if len(words) < 3:
        return False
    mean = sum(w[1] for w in words) / len(words)
    letters = sum(len(re.sub(r"\W", "", w[0])) for w in words) / len(words)
    return mean < GARBLED_CONFIDENCE and letters <= 4.0


def _crowded(words: list[OcrWord], others) -> bool:
    """Whether another line's words stand inside this line's box (a ruled line under a field, read
    as fragments, overlaps the field's value): a re-read would read that line again."""
    top = min(w[2][1] for w in words)
    bottom = max(w[2][3] for w in words)
    x0 = min(w[2][0] for w in words)
    x1 = max(w[2][2] for w in words)
    for other in others:
        for _, _, (a, t, b, u) in other:
            if b > x0 and a < x1 and min(u, bottom) - max(t, top) > 0.3 * (u - t):
                return True
    return False


_PLAUSIBLE = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{2,4}$|^[A-ZÄÖÜ]?[a-zäöüß]{3,}[.,:;]?$")


def _reread_line(image, words: list[OcrWord], language: str) -> list[OcrWord]:
    """Read the line's box again as one raw line; keep the new reading when it is surer."""
    x0 = min(w[2][0] for w in words)
    top = min(w[2][1] for w in words)
    x1 = max(w[2][2] for w in words)
    bottom = max(w[2][3] for w in words)
    pad = (bottom - top) * 0.4
    left, upper = max(int(x0 - pad), 0), max(int(top - pad), 0)
    crop = image.crop((left, upper, min(int(x1 + pad), image.width), min(int(bottom + pad), image.height)))
    try:
        data = _engine().data(crop, language, 13)
    except InputError:
        return words
    found = []
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        conf = float(data["conf"][i])
        if text and conf >= 0:
            found.append((text, conf / 100.0, (data["left"][i] + left, data["top"][i] + upper,
                                               data["left"][i] + data["width"][i] + left,
                                               data["top"][i] + data["height"][i] + upper)))
    if not found:
        return words
    before = sum(w[1] for w in words) / len(words)
    after = sum(w[1] for w in found) / len(found)
    return found if after >= before + 0.2 else words


_RULES = {"|", "||", "_", "L—", "—|", "|—"}


def _doubtful(confidences: list[float]) -> bool:
    """Every word below ``NOISE_MAX`` and their mean below ``NOISE_MEAN``."""
    return bool(confidences) and max(confidences) < NOISE_MAX and sum(confidences) / len(confidences) < NOISE_MEAN


def _stretches(words: list[OcrWord], gap: float):
    """The line's words in runs from left to right, a new run wherever the space between two is wider than ``gap``."""
    stretch: list[OcrWord] = []
    for word in sorted(words, key=lambda w: w[2][0]):
        if stretch and word[2][0] - stretch[-1][2][2] > gap:
            yield stretch
            stretch = []
        stretch.append(word)
    if stretch:
        yield stretch


def _without_noise(words: list[OcrWord], gap: float) -> list[OcrWord]:
    """The line's words less its stretches (split at wide gaps) of doubtful marks: stamps, seals ...
    unless one of them reads as a date or a word, which a stamp seldom does (separators such as "»" or
    "·" are kept whatever Tesseract thinks of them)."""
    return [word for stretch in _stretches(words, gap)
            if not (_doubtful([w[1] for w in stretch]) and any(re.search(r"\w", w[0]) for w in stretch)
                    and not any(w[1] >= 0.2 and _PLAUSIBLE.match(w[0]) for w in stretch))
            for word in stretch]


# A franking imprint in the address window ("DV 06.23 0,85 Deutsche Post", "Entgelt bezahlt"): a postal
# mark, no line of the letter. Read clearly, it would pass for the addressee's first line.
_POSTAGE = re.compile(r"Deutsche\s?Post|Entgelt\s+bezahlt", re.IGNORECASE)
_POSTAGE_CODE = re.compile(r"\b\d[,.]\d\d|\bDV\s?\d|bezahlt", re.IGNORECASE)


def _without_postage(words: list[OcrWord], gap: float) -> list[OcrWord]:
    """The line's words less a stretch (split at wide gaps) that is a franking imprint."""
    kept: list[OcrWord] = []
    for stretch in _stretches(words, gap):
        text = " ".join(w[0] for w in stretch)
        if not (_POSTAGE.search(text) and _POSTAGE_CODE.search(text)):
            kept.extend(stretch)
    return kept


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


def ocr_dpi(dpi: float, number: int = 2) -> float:
    """The resolution page ``number`` (1-based), an image of ``dpi``, is read at: the first page at
    ``DPI`` (or its own where finer than 250 dpi), a later page at its own within ``LEAST_OCR_DPI``–
    ``OCR_DPI``, and a coarse scan at ``DPI``: scaled up that far, its small marks (a form's
    checkboxes) are still read as marks.

    >>> ocr_dpi(300), ocr_dpi(175), ocr_dpi(96), ocr_dpi(175, 1), ocr_dpi(400, 1)
    (200, 175, 300, 300, 400)
    """
    if number == 1:
        return dpi if dpi >= 250 else DPI
    return min(dpi, OCR_DPI) if dpi >= LEAST_OCR_DPI else DPI


def _largest_image(document, index: int) -> tuple[float, float | None]:
    """(share of the page it covers, resolution) of the largest image on page ``index`` (0-based) of a
    PDF, at the size it is placed; (0, ``None``) where there is none or pdfium cannot measure it."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    page = document[index]
    try:
        best, found = 0.0, None
        width, height = page.get_size()
        for image in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=3):
            left, bottom, right, top = image.get_bounds()
            area = (right - left) * (top - bottom)
            if area > best:
                metadata = image.get_metadata()
                best, found = area, max(metadata.horizontal_dpi, metadata.vertical_dpi)
    except pdfium.PdfiumError:  # a page whose images pdfium cannot measure is rendered as any other
        return 0.0, None
    finally:
        page.close()
    if not found or found <= 0:
        return 0.0, None
    return best / (width * height), found


def scan_reading(document, index: int) -> tuple[float, bool]:
    """How to read page ``index`` (0-based) of a PDF by OCR, from the scan it holds (its largest image,
    at the size it is placed; measured once): the resolution to render it at (:func:`ocr_dpi`), and
    whether it is a photo placed on a white page (its image covers less than ``PHOTO_COVER`` of it).
    The first page and a photo at ``DPI``; ``OCR_DPI`` for a later page that holds no image (type drawn
    as outlines)."""
    cover, found = _largest_image(document, index)
    photo = found is not None and cover < PHOTO_COVER
    if index == 0 or photo:
        return DPI, photo
    if found is None:
        return OCR_DPI, False
    return ocr_dpi(found, index + 1), False


# A colour scan whose channels differ by less than this on average (in levels of 255, measured on the
# page reduced four times, which averages the JPEG's colour noise away) is a grey page scanned in colour.
GREYISH = 1.0


def _colourless(image):
    """An RGB image of a grey page (a grey or black-and-white scan rendered or scanned in colour) as the
    grey image it is. Tesseract copies every line it reads as an image of its own (and packs it as a
    PNG): a third of the bytes makes a grey page read 10–20 % faster. A page with colour on it (a
    coloured letterhead, a photographed sheet) stays in colour: Tesseract finds the ink channel by
    channel there, and reads such pages worse from grey (measured on ../shared/letters, benchmarks/ocr.py)."""
    if image.mode != "RGB":
        return image
    from PIL import ImageChops, ImageStat

    red, green, blue = image.reduce(4).split()
    spread = sum(ImageStat.Stat(ImageChops.difference(one, other)).mean[0] for one, other in ((red, green), (green, blue)))
    return image.convert("L") if spread < GREYISH else image


def ocr_image(image, number: int, language: str = "deu", dpi: float | None = None, *, rescale: bool = True) -> Page:
    """OCR one image into a page of words with boxes (points) and confidences (0–1). The image is
    scaled to the resolution it is read at (:func:`ocr_dpi`) first, unless ``rescale`` is false (a
    page rendered at that resolution already)."""
    ensure_tesseract(language)
    if dpi is None:
        info = image.info.get("dpi") or (DPI, DPI)
        dpi = float(info[0]) if info and info[0] and float(info[0]) > 50 else DPI
    target = ocr_dpi(dpi, number) if rescale else dpi
    if abs(target - dpi) > 0.5:
        from PIL import Image

        factor = target / dpi
        image = image.resize((round(image.width * factor), round(image.height * factor)), Image.LANCZOS)
        dpi = target
    if image.mode not in ("L", "RGB"):
        image = image.convert("RGB")
    image = _colourless(image)
    try:
        data = _engine().data(image, language, 3)
    except InputError as error:
        raise InputError(None, f"Tesseract could not read page {number}: {error.message}") from None
    scale = 72.0 / dpi
    raw: dict[tuple[int, int, int], list[OcrWord]] = {}
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        box = (data["left"][i], data["top"][i], data["left"][i] + data["width"][i], data["top"][i] + data["height"][i])
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        raw.setdefault(key, []).append((text, conf / 100.0, box))
    heights = sorted(b[3] - b[1] for words in raw.values() for _, _, b in words)
    typical_px = heights[len(heights) // 2] if heights else 0.0
    grouped: dict[tuple[int, int, int], list[OcrWord]] = {}
    for key, words in raw.items():
        if _garbled(words) and not _crowded(words, (other for k, other in raw.items() if k != key)):
            words = _reread_line(image, words, language)
        # specks far smaller than type (colour marks, dust) that Tesseract read as letters
        # (punctuation is small by nature: a hyphen or a separator dot stays)
        words = [w for w in words if w[2][3] - w[2][1] >= 0.45 * typical_px or w[1] >= 0.7 or not re.search(r"\w", w[0])]
        if _doubtful([w[1] for w in words]):
            continue  # the whole line is a stamp, a seal or a ruled line read as letters
        words = _without_noise(words, 2.5 * typical_px)
        words = _without_postage(words, 2.5 * typical_px)
        # a box's border read as a bar at either end of the line
        while words and words[-1][0] in _RULES:
            words = words[:-1]
        while words and words[0][0] in _RULES:
            words = words[1:]
        grouped[key] = [(_fix(text), conf, tuple(v * scale for v in box)) for text, conf, box in words]
    width, height = image.width * scale, image.height * scale
    typical = typical_px * scale
    for key, words in list(grouped.items()):
        # Tesseract reads stamps, QR codes and logos as "words": far taller than type, or no
        # confidence at all and no letters to speak of. Leave them out.
        kept = [w for w in words
                if not (w[2][3] - w[2][1] > 2.2 * typical or (w[1] < 0.2 and not re.search(r"\w{4}", w[0])))]
        for i in range(len(kept) - 2):
            if kept[i][0] == "8" and _EIGHT.match(kept[i + 1][0]) and _AFTER_PARAGRAPH.match(kept[i + 2][0]):
                kept[i] = ("§",) + kept[i][1:]
        if kept and len(kept) > 1 and _LABEL_SEMICOLON.match(kept[0][0]):
            kept[0] = (kept[0][0][:-1] + ":",) + kept[0][1:]
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
