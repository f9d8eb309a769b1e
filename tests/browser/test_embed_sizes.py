"""Every embed's declared heights fit its content, measured in Chromium at each declared width:
oEmbed's ``height`` at its ``width`` (720 px), and the embed box's height for 360 px.

When this fails after a change to a quiz, an exercise or the embed styles, measure again:
``.venv/bin/python scripts/measure_embeds.py`` (it rewrites hooks/site_build/embed_heights.json).
"""

from __future__ import annotations

import json

import pytest
from measure_embeds import WIDTHS, content_height, embeds  # scripts/ is on pytest's pythonpath
from playwright.sync_api import Page

from lambdanet_edu.course import EXERCISES, compiled_quizzes
from site_build import widgets
from tests.browser.conftest import Watch
from tests.conftest import Served

pytestmark = pytest.mark.browser

ITEMS = {**{f"quiz/{q['id']}": ("quiz", q) for q in compiled_quizzes()},
         **{f"exercise/{i}": ("exercise", ex) for i, ex in EXERCISES.items()}}


def test_every_embed_page_is_measured(site: Served) -> None:
    assert embeds(site.site) == sorted(ITEMS)


@pytest.mark.parametrize("key", sorted(ITEMS))
def test_declared_heights_fit_the_content_at_each_declared_width(
        site: Served, watched: tuple[Page, Watch], key: str) -> None:
    page, _ = watched
    kind, item = ITEMS[key]
    declared = widgets.embed_heights(kind, item)
    assert sorted(declared) == sorted(WIDTHS)
    oembed = json.loads((site.site / "embed" / key / "oembed.json").read_text(encoding="utf-8"))
    assert (oembed["width"], oembed["height"]) == (720, declared[720])
    assert f'width="720" style="border:0" height="{declared[720]}"' in oembed["html"]
    for width in WIDTHS:
        measured = content_height(page, f"{site.url}embed/{key}/", kind, width)
        assert measured <= declared[width], (
            f"{key} at {width} px: content {measured} px, declared {declared[width]} px; "
            "run scripts/measure_embeds.py")
