"""The UI in a real browser (Playwright driving the system's chromium): the reader's path, the brief download,
hostile articles that must not run anything, and screenshots at 1400 and 390 px wide (light and dark) of the demo
and of the dev-news store: no sideways scroll, no console or CSP error, a story within three screens.
``NEWSDESK_SCREENSHOTS=DIR`` keeps the screenshots. CI installs chromium (.ci/run); elsewhere these tests skip
with the reason when /usr/bin/chromium is missing."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from newsdesk.corpus import open_corpus
from newsdesk.web import create_app
from tests.conftest import shared_path
from tests.web.conftest import running

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

pytestmark = pytest.mark.browser

if not CHROMIUM.exists():
    reason = f"{CHROMIUM} is missing: install it with `apt-get install -y chromium` (.ci/run and make test do)"
    if os.environ.get("CI"):
        pytest.fail(f"browser tests must run in CI, but {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")


class Watch:
    """What a page did that it must not: console errors, uncaught exceptions, dialogs, outside requests."""

    def __init__(self, page: sync_api.Page, base: str) -> None:
        self.problems: list[str] = []
        self.base = base
        page.on("console", lambda m: self.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.on("dialog", self._dialog)
        page.on("request", self._request)

    def _dialog(self, dialog: sync_api.Dialog) -> None:
        self.problems.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    def _request(self, request: sync_api.Request) -> None:
        if not request.url.startswith((self.base, "file://", "data:")):
            self.problems.append(f"outside request: {request.url}")


@pytest.fixture(scope="module")
def browser() -> Iterator[sync_api.Browser]:
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: sync_api.Browser, live_url: str) -> Iterator[tuple[sync_api.Page, Watch]]:
    context = browser.new_context(accept_downloads=True)
    opened = context.new_page()
    watch = Watch(opened, live_url)
    yield opened, watch
    context.close()


def test_reader_path_stories_story_article_entity_and_back(page: tuple[sync_api.Page, Watch], live_url: str) -> None:
    tab, watch = page
    tab.goto(live_url + "/")
    tab.get_by_role("link", name="Leaked draft would guarantee Dastmar a minimum summer flow on the Orsa").first.click()
    assert "/stories/" in tab.url
    sync_api.expect(tab.locator("h2", has_text="Top speakers")).to_be_visible()
    sync_api.expect(tab.locator("svg.lane rect").first).to_be_attached()
    story_url = tab.url
    tab.locator("ol.events summary").first.click()  # an event opens on its articles, without script
    tab.locator("ol.events details[open] ul.members a").first.click()
    assert "/articles/" in tab.url
    article_url = tab.url
    sync_api.expect(tab.locator("article.text q.quote").first).to_be_visible()
    tab.locator("article.text a.mention").first.click()
    assert "/entities/" in tab.url
    sync_api.expect(tab.locator("h1")).not_to_be_empty()
    assert tab.locator("h2", has_text="Mentions").count() == 1
    tab.go_back()
    assert tab.url == article_url
    tab.go_back()
    assert tab.url == story_url
    tab.locator("header a.brand").click()
    assert tab.url == live_url + "/"
    assert watch.problems == []


def test_search_from_the_header(page: tuple[sync_api.Page, Watch], live_url: str) -> None:
    tab, watch = page
    tab.goto(live_url + "/")
    tab.locator("form.quick input[name=q]").fill("dam")
    tab.locator("form.quick input[name=q]").press("Enter")
    tab.wait_for_url("**/search?q=dam")
    sync_api.expect(tab.locator("ol.results mark").first).to_be_visible()
    tab.locator("select[name=outlet]").select_option("Veloria Ledger")
    tab.locator("form.search button").click()
    tab.wait_for_url("**outlet=Veloria+Ledger**")
    assert tab.locator("ol.results > li").count() >= 1
    assert watch.problems == []


def test_brief_download_is_one_inert_file(page: tuple[sync_api.Page, Watch], live_url: str, tmp_path: Path) -> None:
    tab, watch = page
    tab.goto(live_url + "/")
    tab.locator("a.story-title").first.click()
    with tab.expect_download() as download:
        tab.locator("a.brief", has_text="HTML").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    html = saved.read_text(encoding="utf-8")
    assert saved.name.startswith("brief-") and "<h2>Timeline</h2>" in html and "<script" not in html
    tab.goto(saved.as_uri())
    sync_api.expect(tab.locator("h2", has_text="Sources")).to_be_visible()
    assert watch.problems == []


def test_hostile_articles_run_nothing(page: tuple[sync_api.Page, Watch], live_url: str) -> None:
    tab, watch = page
    tab.goto(live_url + "/search?q=pwned")
    hostile = [a.get_attribute("href") for a in tab.locator("ol.results > li > a").all()]
    assert len(hostile) >= 2
    for href in hostile:
        tab.goto(live_url + str(href))
        sync_api.expect(tab.locator("article.text")).to_contain_text("<script>window.__pwned")
        assert tab.evaluate("typeof window.__pwned") == "undefined"
        assert tab.locator("script, iframe, article.text img, article.text svg").count() == 0
        assert tab.locator('a[href^="javascript:" i]').count() == 0
        tab.locator("article.text").click()  # hover and click over the text: no handler may fire
    tab.goto(live_url + "/articles/" + str(hostile[0]).rsplit("/", 1)[-1])
    story = tab.locator("p.crumbs a").nth(1)
    story.click()
    assert "/stories/" in tab.url and tab.evaluate("typeof window.__pwned") == "undefined"
    assert watch.problems == []


STORY_SECTIONS = ("events", "speakers", "outlets", "sources", "quotes", "articles", "credits", "origins", "entities")


def _story_urls(live_url: str) -> list[str]:
    stories = httpx.get(live_url + "/index.json").json()["stories"]
    orsa = next(s["id"] for s in stories if "Orsa" in s["title"])
    story = f"/stories/{orsa}"
    pages = [story, f"{story}/quotes", f"{story}?kind=direct&sort=name", "/", "/search?q=dam"]
    return pages + _pages_of(live_url, orsa)


def _pages_of(base: str, story_id: str) -> list[str]:
    """An article page (the story's article with the most quotes) and an entity page (its most mentioned)."""
    sections = httpx.get(f"{base}/stories/{story_id}.json").json()["sections"]
    quoted = httpx.get(f"{base}/stories/{story_id}/quotes.json").json()["items"]
    article = quoted[0]["article_id"] if quoted else sections["articles"]["items"][0]["id"]
    entities = sections["entities"]["items"]
    return [f"/articles/{article}"] + ([f"/entities/{entities[0]['id']}"] if entities else [])


def _assert_fits(tab: sync_api.Page, url: str, width: int) -> None:
    """No sideways scroll, and the header's search box inside the window (an overflow a clipping parent would
    hide from the scroll width)."""
    overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{url} scrolls sideways by {overflow} px at {width} px"
    right = tab.evaluate("document.querySelector('header.top #quick-q').getBoundingClientRect().right")
    assert right <= tab.evaluate("document.documentElement.clientWidth"), f"{url}: the header's search box overflows"


@pytest.mark.parametrize("width", [1400, 390])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_fit_the_width_with_no_console_or_policy_error(
    browser: sync_api.Browser, live_url: str, width: int, scheme: str, tmp_path: Path
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    tab = context.new_page()
    watch = Watch(tab, live_url)
    violations: list[str] = []
    tab.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    keep = Path(os.environ.get("NEWSDESK_SCREENSHOTS") or tmp_path)
    keep.mkdir(parents=True, exist_ok=True)
    for n, url in enumerate(_story_urls(live_url)):
        tab.goto(live_url + url)
        for section in tab.locator("details").all():  # every section and event open: the widest the page gets
            section.evaluate("d => d.open = true")
        _assert_fits(tab, url, width)
        shot = keep / f"{scheme}-{width}-{n}.png"
        tab.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 5000
    assert watch.problems == [] and violations == []
    context.close()


def test_demo_story_fits_three_screens_with_sections_collapsed(browser: sync_api.Browser, live_url: str) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    tab = context.new_page()
    watch = Watch(tab, live_url)
    tab.goto(live_url + _story_urls(live_url)[0])
    assert tab.evaluate("document.documentElement.scrollHeight") <= 3 * 900  # as served: four sections open
    while tab.locator("details.section[open]").count():  # closed by a click, as a reader closes them
        tab.locator("details.section[open] > summary").first.click()
    assert tab.locator("details.section[open]").count() == 0
    assert tab.evaluate("document.documentElement.scrollHeight") <= 900 * 1.5
    # Headings in order, every form control labelled.
    levels = [int(t[1]) for t in tab.locator("h1, h2, h3, h4").evaluate_all("hs => hs.map(h => h.tagName)")]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in itertools.pairwise(levels))
    unlabelled = tab.evaluate(
        "[...document.querySelectorAll('input, select')].filter(e => !(e.labels && e.labels.length)"
        " && !e.getAttribute('aria-label')).length"
    )
    assert unlabelled == 0
    assert watch.problems == []
    context.close()


def test_keyboard_opens_a_section_and_filters_without_script(browser: sync_api.Browser, live_url: str) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    tab = context.new_page()
    watch = Watch(tab, live_url)
    tab.goto(live_url + _story_urls(live_url)[0])
    quotes = tab.locator("details.section.quotes")
    assert quotes.evaluate("d => d.open") is False
    quotes.locator("summary").focus()
    outline = quotes.locator("summary").evaluate("s => getComputedStyle(s).outlineStyle")
    assert outline != "none"  # the focus is visible
    tab.keyboard.press("Enter")
    assert quotes.evaluate("d => d.open") is True
    tab.locator("details.filters > summary").click()
    tab.locator("select[name=kind]").select_option("reported")
    tab.locator("details.filters button[type=submit]").click()
    tab.wait_for_url("**kind=reported**")
    tab.locator("details.section.quotes > summary").click()
    assert tab.locator("ul.quotes li.direct").count() == 0 and tab.locator("ul.quotes li.reported").count() >= 1
    assert "kind=reported" in str(tab.locator("details.section.speakers p.more a").first.get_attribute("href"))
    assert watch.problems == []
    context.close()


@pytest.fixture(scope="module")
def devnews_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The UI over the 60 real articles of ../shared/dev-news (read there, never copied), analysed."""
    path = tmp_path_factory.mktemp("devnews") / "devnews.db"
    with open_corpus(path) as corpus:
        assert corpus.ingest([shared_path("dev-news")]).added
        with running(create_app(corpus)) as url:
            yield url


@pytest.mark.parametrize("width", [1400, 390])
def test_the_largest_dev_news_story_fits_the_width_and_three_screens(
    browser: sync_api.Browser, devnews_url: str, width: int, tmp_path: Path
) -> None:
    stories = httpx.get(devnews_url + "/index.json").json()["stories"]
    largest = max(stories, key=lambda s: s["articles"])
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    watch = Watch(tab, devnews_url)
    keep = Path(os.environ.get("NEWSDESK_SCREENSHOTS") or tmp_path)
    keep.mkdir(parents=True, exist_ok=True)
    word = max(("".join(c for c in w if c.isalnum()) for w in largest["title"].split()), key=len)
    story = f"/stories/{largest['id']}"
    urls = [story, f"{story}/quotes", *_pages_of(devnews_url, largest["id"]), f"/search?q={word}"]
    for n, url in enumerate(urls):
        tab.goto(devnews_url + url)
        if n == 0 and width == 1400:
            assert tab.evaluate("document.documentElement.scrollHeight") <= 3 * 900
        for section in tab.locator("details").all():
            section.evaluate("d => d.open = true")
        _assert_fits(tab, url, width)
        tab.screenshot(path=str(keep / f"devnews-{width}-{n}.png"), full_page=True)
    assert watch.problems == []
    context.close()
