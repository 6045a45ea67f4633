"""In a real browser: upload the founding letter, see its subject and answer, select a field, see it highlighted.

Debian's Chromium, driven headless by Selenium through Debian's ``chromium-driver`` (``scripts/setup.sh``
installs both when it runs as root). The screenshots go to ``$AMTSBRIEF_SCREENSHOTS`` when that is set
(the README's pictures are made so), else to the test's temporary folder.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (the test extra has it)")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from amtsbrief.api import parse_file  # noqa: E402
from amtsbrief.store import Store  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
FOUNDING = "erzgebirgskreis-2015-09-07-integration.txt"

pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="no browser: install Debian's chromium and chromium-driver "
                                "(scripts/setup.sh does as root)")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def founding_letter(request) -> Path:
    """The founding letter from the shared letters, or a corpus answer where they are absent."""
    shared = REPO.parent / "shared" / "letters" / FOUNDING
    if shared.is_file():
        return shared
    return next(path for path in sorted((REPO / "corpus" / "test").glob("*.txt")) if parse_file(path).answers)


@pytest.fixture(scope="module")
def server(tmp_path_factory, founding_letter):
    """`amtsbrief serve` on 127.0.0.1 on a free port, over a store holding the corpus's test letters."""
    folder = tmp_path_factory.mktemp("browser")
    db = folder / "archive.sqlite"
    with Store(db) as store:
        for path in sorted((REPO / "corpus" / "test").glob("*.txt")) + [founding_letter]:
            store.add(parse_file(path))
    port = _free_port()
    log = open(folder / "serve.log", "wb")
    process = subprocess.Popen([sys.executable, "-m", "amtsbrief.cli", "serve", "--db", str(db), "--port", str(port), "--jobs", "1"],
                               stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 180  # the service answers once its worker has loaded the models
    while True:
        try:
            urllib.request.urlopen(url + "healthz", timeout=2).read()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"the service did not start: {(folder / 'serve.log').read_text(errors='replace')[-2000:]}")
            time.sleep(0.3)
    yield url
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


@pytest.fixture(scope="module")
def browser():
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,1000"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("AMTSBRIEF_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_upload_the_founding_letter_and_see_where_a_field_was_read(server, browser, founding_letter, screenshots):
    letter = parse_file(founding_letter)
    wait = WebDriverWait(browser, 60)
    browser.get(server)
    browser.find_element(By.ID, "upload-file").send_keys(str(founding_letter))
    browser.find_element(By.ID, "upload-button").click()

    wait.until(EC.visibility_of_element_located((By.ID, "letter-subject")))
    wait.until(EC.text_to_be_present_in_element((By.ID, "letter-subject"), letter.subject.title))
    assert browser.find_element(By.ID, "letter-subject").text == letter.subject.title
    answer = browser.find_element(By.CSS_SELECTOR, '#letter-fields tr[data-path="answers.0.text"] td')
    assert answer.text.split()[:6] == letter.answers[0].text.split()[:6]

    row = browser.find_element(By.CSS_SELECTOR, '#letter-fields tr[data-path="subject.title"]')
    row.click()
    assert "selected" in row.get_attribute("class").split()
    marked = browser.find_elements(By.CSS_SELECTOR, "#letter-source .seg.selected")
    assert marked, "selecting the subject marks no text"
    start, end = letter.spans["subject.title"][:2]
    assert "".join(node.get_attribute("textContent") for node in marked) == letter.source.text[start:end]
    assert marked[0].value_of_css_property("background-color") not in ("rgba(0, 0, 0, 0)", "transparent")
    browser.save_screenshot(str(screenshots / "inspect.png"))
    assert (screenshots / "inspect.png").stat().st_size > 10_000


def test_a_pdf_shows_its_page_and_a_selected_field_gets_its_box_marked(server, browser, screenshots):
    pdf = REPO / "tests" / "pdfs" / "din-letter-natural.pdf"
    letter = parse_file(pdf)
    path = next(field for field, span in letter.spans.items() if len(span) >= 4 and field.startswith("subject"))
    wait = WebDriverWait(browser, 60)
    browser.get(server)
    browser.find_element(By.ID, "upload-file").send_keys(str(pdf))
    browser.find_element(By.ID, "upload-button").click()
    box = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, f'#letter-source .box[data-path="{path}"]')))
    browser.find_element(By.CSS_SELECTOR, f'#letter-fields tr[data-path="{path}"]').click()
    assert "selected" in box.get_attribute("class").split()
    assert box.size["width"] > 20 and box.size["height"] > 5
    browser.save_screenshot(str(screenshots / "inspect-pdf.png"))


def test_browse_the_archive_and_open_a_letter_in_the_same_view(server, browser, founding_letter, screenshots):
    letter = parse_file(founding_letter)
    wait = WebDriverWait(browser, 60)
    browser.get(server + "#archive")
    search = browser.find_element(By.CSS_SELECTOR, '#archive-form input[name="q"]')
    search.send_keys(max(letter.subject.title.split(), key=len))
    browser.find_element(By.CSS_SELECTOR, '#archive-form button').click()
    wait.until(EC.text_to_be_present_in_element((By.ID, "archive-hits"), letter.subject.title))
    browser.save_screenshot(str(screenshots / "archive.png"))
    browser.find_element(By.LINK_TEXT, letter.subject.title).click()
    wait.until(EC.text_to_be_present_in_element((By.ID, "letter-subject"), letter.subject.title))
    assert browser.current_url.endswith(f"#letter/{letter.source.sha256}")

    browser.back()
    wait.until(EC.element_to_be_clickable((By.ID, "archive-research"))).click()
    wait.until(EC.text_to_be_present_in_element((By.ID, "research-count"), "1 letter(s) in the selection"))


def test_research_views_show_charts_tables_and_export_links(server, browser, screenshots):
    wait = WebDriverWait(browser, 60)
    browser.get("about:blank")  # a new page, not the archive's selection carried over
    browser.get(server + "#research")
    wait.until(EC.text_to_be_present_in_element((By.ID, "research-count"), "letter(s)"))
    wait.until(lambda driver: driver.execute_script(
        "return [...document.querySelectorAll('.panels img')].every(img => img.complete && img.naturalWidth > 0)"))
    assert browser.find_elements(By.CSS_SELECTOR, "#research-who td")
    assert browser.find_elements(By.CSS_SELECTOR, "#research-questions .bar")
    links = [link.get_attribute("href") for link in browser.find_elements(By.CSS_SELECTOR, ".exports a")]
    assert all("export?" in link for link in links) and any("format=csv" in link for link in links)
    browser.set_window_size(1400, 1300)
    browser.save_screenshot(str(screenshots / "research.png"))
    browser.set_window_size(1400, 1000)


def test_the_api_documentation_renders_without_the_network(server, browser, screenshots):
    browser.get(server + "docs")
    WebDriverWait(browser, 60).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".opblock-summary-path")))
    paths = {node.text for node in browser.find_elements(By.CSS_SELECTOR, ".opblock-summary-path")}
    assert "/parse" in paths and "/healthz" in paths
    assert not [entry for entry in browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
                if not entry.startswith(server)]
    browser.save_screenshot(str(screenshots / "docs.png"))
