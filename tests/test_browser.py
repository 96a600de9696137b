"""The HTML reports in a real headless Chromium (Debian's chromium and chromium-driver).

Skipped where the browser is not installed; .ci/run installs it.
"""

from __future__ import annotations

import shutil

import pytest
from typer.testing import CliRunner

from rhetoric.cli import app
from tests.conftest import SAMPLES
from tests.test_render_html import HOSTILE

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = [
    pytest.mark.localhost,
    pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="chromium and chromedriver are not installed"),
]


@pytest.fixture(scope="module")
def browser():
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1300,1000"):
        options.add_argument(flag)
    options.set_capability("goog:loggingOptions", {"browser": "ALL"})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def _page(tmp_path, source: str) -> str:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["analyze", source, "--format", "html", "--output", str(out)])
    assert result.exit_code == 0, result.output
    return out.as_uri()


def _errors(driver) -> list:
    return [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def test_highlights_tooltips_and_filters(browser, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    browser.get(_page(tmp_path, str(SAMPLES / "opinion-transit-levy.txt")))
    loaded = browser.find_elements(By.CSS_SELECTOR, ".f.c-loaded-term")
    assert loaded
    ActionChains(browser).move_to_element(loaded[0]).perform()
    tip = browser.find_element(By.ID, "tip")
    assert tip.is_displayed() and "loaded-term." in tip.text
    box = browser.find_element(By.CSS_SELECTOR, 'input[data-cat="loaded-term"]')
    box.click()
    assert "hide-loaded-term" in browser.find_element(By.TAG_NAME, "body").get_attribute("class")
    colour = loaded[0].value_of_css_property("background-color")
    assert colour in ("rgba(0, 0, 0, 0)", "transparent")
    browser.save_screenshot(str(tmp_path / "report.png"))
    assert not _errors(browser)


def test_hostile_text_runs_nothing(browser, tmp_path):
    article = tmp_path / "hostile.txt"
    article.write_text(HOSTILE, encoding="utf-8")
    browser.get(_page(tmp_path, str(article)))
    assert not browser.find_elements("tag name", "img")
    assert browser.execute_script("return document.querySelectorAll('script').length") == 2
    assert "alert('x')" in browser.find_element("tag name", "article").text
    assert not _errors(browser)


def test_index_page_sorts_and_links(browser, tmp_path):
    from selenium.webdriver.common.by import By

    site = tmp_path / "site"
    result = CliRunner().invoke(app, ["analyze", str(SAMPLES), "--format", "html", "--output", str(site), "-j", "1"])
    assert result.exit_code == 0, result.output
    browser.get((site / "index.html").as_uri())
    headers = browser.find_elements(By.TAG_NAME, "th")
    headers[2].click()  # Loaded terms
    first = browser.find_elements(By.CSS_SELECTOR, "tbody tr")[0].text
    assert "opinion-transit-levy" in first
    browser.find_element(By.LINK_TEXT, "samples/opinion-transit-levy.txt".replace("samples/", str(SAMPLES) + "/")).click()
    assert "transit levy" in browser.title.lower()
    assert not _errors(browser)
