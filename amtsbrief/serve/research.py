"""Figures researchers of council Q&A ask a store for: latency, volume per month, who asks whom.

Each function takes letters as the contract's JSON (dicts), so it works the same over a whole store
or over a search's selection, and knows nothing about SQLite.

>>> answer = {"kind": "answer", "sender": {"authority": "Landratsamt"}, "references": {"date": "2015-09-07"},
...           "inquiry": {"date": "2015-08-10", "asked_by": "Frau A", "group": "Fraktion B"}, "questions": [{"text": "?"}]}
>>> latency_by_authority([answer])
[{'authority': 'Landratsamt', 'days': [28], 'median': 28.0, 'count': 1}]
>>> who_asks_whom([answer])
[{'asker': 'Fraktion B', 'authority': 'Landratsamt', 'count': 1}]
"""

from __future__ import annotations

import datetime
import statistics
from collections import Counter, defaultdict
from typing import Iterable

UNKNOWN = "(unbekannt)"


def _date(value: object) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _authority(letter: dict) -> str:
    return (letter.get("sender") or {}).get("authority") or UNKNOWN


def latency_by_authority(letters: Iterable[dict]) -> list[dict]:
    """Days from an inquiry (``inquiry.date``) to its answer (``references.date``), per answering authority.

    Only letters carrying both dates count; a negative span (a misread date) is left out rather than
    dragging a median below zero. Sorted by the median, slowest first.
    """
    days: dict[str, list[int]] = defaultdict(list)
    for letter in letters:
        asked = _date((letter.get("inquiry") or {}).get("date"))
        answered = _date((letter.get("references") or {}).get("date"))
        if asked and answered and answered >= asked:
            days[_authority(letter)].append((answered - asked).days)
    rows = [{"authority": name, "days": sorted(values), "median": float(statistics.median(values)), "count": len(values)}
            for name, values in days.items()]
    return sorted(rows, key=lambda row: (-row["median"], row["authority"]))


def per_month(letters: Iterable[dict]) -> list[dict]:
    """Letters (by their date) and inquiries (by the inquiry's date) per month ``YYYY-MM``, in order.

    An inquiry is counted once whether the store holds the inquiry itself or only the answer to it.
    """
    letter_months: Counter[str] = Counter()
    inquiries: dict[str, set] = defaultdict(set)
    for letter in letters:
        dated = _date((letter.get("references") or {}).get("date"))
        if dated:
            letter_months[dated.strftime("%Y-%m")] += 1
        inquiry = letter.get("inquiry") or {}
        asked = _date(inquiry.get("date"))
        if letter.get("kind") == "inquiry" and asked is None:
            asked = dated
        if asked:
            key = inquiry.get("reference") or (inquiry.get("asked_by"), inquiry.get("group"), asked.isoformat(), _authority(letter))
            inquiries[asked.strftime("%Y-%m")].add(key)
    months = sorted(set(letter_months) | set(inquiries))
    return [{"month": month, "letters": letter_months.get(month, 0), "inquiries": len(inquiries.get(month, ()))}
            for month in months]


def who_asks_whom(letters: Iterable[dict]) -> list[dict]:
    """How often each asker (the group when known, else the person) asked each authority."""
    pairs: Counter[tuple[str, str]] = Counter()
    for letter in letters:
        inquiry = letter.get("inquiry") or {}
        asker = inquiry.get("group") or inquiry.get("asked_by")
        if asker:
            pairs[(asker, _authority(letter))] += 1
    return [{"asker": asker, "authority": authority, "count": count}
            for (asker, authority), count in sorted(pairs.items(), key=lambda item: (-item[1], item[0]))]


def questions_per_inquiry(letters: Iterable[dict]) -> list[dict]:
    """How many inquiries (or answers to one) hold 1, 2, 3 … questions."""
    counts: Counter[int] = Counter()
    for letter in letters:
        questions = letter.get("questions") or []
        if questions and (letter.get("kind") in ("inquiry", "answer") or (letter.get("inquiry") or {}).get("date")):
            counts[len(questions)] += 1
    return [{"questions": number, "inquiries": counts[number]} for number in sorted(counts)]


def summary(letters: list[dict]) -> dict:
    """Every research figure for one selection of letters."""
    return {
        "letters": len(letters),
        "latency": latency_by_authority(letters),
        "per_month": per_month(letters),
        "who_asks_whom": who_asks_whom(letters),
        "questions_per_inquiry": questions_per_inquiry(letters),
    }


def latency_chart(rows: list[dict], title: str = "Answer latency per authority (days)") -> bytes:
    """A horizontal box plot of answer latency per authority, as PNG (matplotlib, drawn off-screen)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    shown = rows[:20]
    figure = Figure(figsize=(6.2, max(1.8, 0.36 * len(shown) + 1.1)), dpi=100)
    axes = figure.subplots()
    if shown:
        labels = [f"{_cut(row['authority'], 34)} (n={row['count']})" for row in shown][::-1]
        # Matplotlib 3.10 renamed vert=False to orientation="horizontal" (and deprecated the old name).
        horizontal = {"orientation": "horizontal"} if _version(matplotlib.__version__) >= (3, 10) else {"vert": False}
        axes.boxplot([row["days"] for row in shown][::-1], widths=0.6, medianprops={"color": "#c0392b"},
                     flierprops={"markersize": 3}, **horizontal)
        # The letters themselves as dots: with a handful per authority a box alone hides how few there are.
        for position, row in enumerate(shown[::-1], start=1):
            axes.plot(row["days"], [position] * len(row["days"]), "o", color="#2c6fbb", alpha=0.6, markersize=4)
        axes.set_yticks(range(1, len(shown) + 1), labels, fontsize=8)
        axes.set_xlim(left=0, right=max(10, max(max(row["days"]) for row in shown) * 1.05))
        axes.set_xlabel("days from inquiry to answer")
    else:
        axes.text(0.5, 0.5, "no letters with both an inquiry and an answer date", ha="center", va="center")
        axes.set_axis_off()
    axes.set_title(title, fontsize=10)
    figure.tight_layout()
    return _png(figure)


def timeline(rows: list[dict], max_months: int = 120) -> tuple[str, list[dict]]:
    """``per_month`` rows on a continuous axis: every month in between (empty ones as 0), or whole
    years when the span is longer than ``max_months``, so a bar's distance means time.

    >>> timeline([{"month": "2020-11", "letters": 1, "inquiries": 0}, {"month": "2021-01", "letters": 2, "inquiries": 1}])[1][1]
    {'month': '2020-12', 'letters': 0, 'inquiries': 0}
    """
    if not rows:
        return "month", []
    first, last = (tuple(int(part) for part in rows[index]["month"].split("-")) for index in (0, -1))
    span = (last[0] - first[0]) * 12 + last[1] - first[1]
    by_key: dict[str, dict] = {}
    unit = "month" if span <= max_months else "year"
    for row in rows:
        key = row["month"] if unit == "month" else row["month"][:4]
        slot = by_key.setdefault(key, {"month": key, "letters": 0, "inquiries": 0})
        slot["letters"] += row["letters"]
        slot["inquiries"] += row["inquiries"]
    if unit == "month":
        keys = [f"{(first[1] - 1 + step) // 12 + first[0]:04d}-{(first[1] - 1 + step) % 12 + 1:02d}" for step in range(span + 1)]
    else:
        keys = [f"{year:04d}" for year in range(first[0], last[0] + 1)]
    return unit, [by_key.get(key, {"month": key, "letters": 0, "inquiries": 0}) for key in keys]


def month_chart(rows: list[dict], title: str = "Letters and inquiries per {unit}") -> bytes:
    """Bars of letters and inquiries per month (per year over a long span), as PNG."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    unit, rows = timeline(rows)
    figure = Figure(figsize=(6.2, 3.0), dpi=100)
    axes = figure.subplots()
    if rows:
        positions = range(len(rows))
        axes.bar([p - 0.2 for p in positions], [row["letters"] for row in rows], width=0.4, label="letters", color="#2c6fbb")
        axes.bar([p + 0.2 for p in positions], [row["inquiries"] for row in rows], width=0.4, label="inquiries", color="#e0a030")
        axes.set_xlim(-0.8, max(len(rows), 6) - 0.2)  # a few bars do not swell into wide blocks
        step = max(1, len(rows) // 12)
        axes.set_xticks(list(positions)[::step], [row["month"] for row in rows][::step], rotation=45, ha="right", fontsize=8)
        axes.yaxis.get_major_locator().set_params(integer=True)
        axes.legend(fontsize=8)
    else:
        axes.text(0.5, 0.5, "no dated letters", ha="center", va="center")
        axes.set_axis_off()
    axes.set_title(title.format(unit=unit), fontsize=10)
    figure.tight_layout()
    return _png(figure)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(".")[:2] if part.isdigit())


def _png(figure) -> bytes:
    import io

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
