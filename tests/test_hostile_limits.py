"""Specification: hostile files end in a clear ``AmtsbriefError`` naming the file and the limit, fast.

Every bomb here is small on disk and claims to be huge; the limits are set small where a real bomb
would take seconds to build.
"""

from __future__ import annotations

import pytest

import amtsbrief
from amtsbrief.config import ParserConfig
from amtsbrief.errors import AmtsbriefError, LimitError

import fuzz_builders as build

SMALL = ParserConfig(max_decompressed=1024 * 1024, max_pages=20)


def _error(data: bytes, name: str, config: ParserConfig = SMALL) -> AmtsbriefError:
    with pytest.raises(AmtsbriefError) as caught:
        amtsbrief.parse_bytes(data, config, name=name)
    assert name in str(caught.value)
    return caught.value


@pytest.mark.parametrize("times", [1, 2])  # deflated once; deflated twice (a few hundred bytes)
def test_hostile_limits_refuse_a_pdf_stream_bomb(times):
    error = _error(build.stream_bomb_pdf(8 * 1024 * 1024, times), "bomb.pdf")
    assert isinstance(error, LimitError) and error.code == "limit-decompressed" and error.limit == "max_decompressed"


def test_hostile_limits_refuse_too_many_pages():
    error = _error(build.many_pages_pdf(50), "pages.pdf")
    assert error.code == "limit-pages" and "50 pages" in str(error)


def test_hostile_limits_refuse_an_enormous_image_only_page():
    # 14,400 points square: even at the lowest resolution worth reading it is over the pixel limit
    assert _error(build.image_only_pdf(14400, 14400), "poster.pdf").code == "limit-pixels"


def test_hostile_limits_render_a_large_page_at_a_lower_resolution():
    from amtsbrief.layout import render_dpi

    assert render_dpi(595, 842, "a4.pdf", 1, ParserConfig()) == 300
    assert 100 <= render_dpi(2384, 3370, "a0.pdf", 1, ParserConfig()) < 300  # A0 fits at about 161 dpi


def test_hostile_limits_refuse_a_pdf_image_claiming_huge_size():
    assert _error(build.image_xobject_pdf(100_000), "image.pdf").code == "limit-pixels"


@pytest.mark.parametrize("data, name", [
    (build.png_claiming(100_000, 100_000), "claims.png"),  # header claims 10 gigapixels
    (build.png_claiming(10_000, 10_000), "big.png"),       # 100 megapixels: over our limit, under Pillow's
    (build.jpeg_claiming(65_000, 65_000), "claims.jpg"),
])
def test_hostile_limits_refuse_an_image_bomb(data, name):
    assert _error(data, name).code == "limit-pixels"


def test_hostile_limits_refuse_a_tiff_with_too_many_frames():
    assert _error(build.tiff_frames(30), "frames.tif").code == "limit-pages"


def test_hostile_limits_time_budget_is_checked_between_pages():
    config = ParserConfig(time_budget=1e-9)
    assert _error(build.text_pdf(pages=3), "slow.pdf", config).code == "limit-time"


def test_hostile_limits_refuse_bad_config_values():
    with pytest.raises(ValueError, match="max_pages"):
        ParserConfig(max_pages=0)
    with pytest.raises(ValueError, match="time_budget"):
        ParserConfig(time_budget=-1)
