package org.scoresim.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The dashboard in a real browser (Debian's headless Chromium at 1280x800): edit a scenario and see
 * its problem at its line, run the minimal scenario from the page, watch it finish, read the
 * charts, compare two runs, follow a person. Screenshots go to target/screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {
    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");
    static final Path SHOTS = Paths.get("target", "screenshots");

    @TempDir
    static Path runs;

    @TempDir
    static Path profile;

    static Api api;
    static WebDriver driver;
    static String runId;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (./run-tests installs them)");
        api = new Api(runs, 1, 8);
        driver = chrome(profile);
        Files.createDirectories(SHOTS);
    }

    /** Debian's Chromium, headless, 1280x800, a fresh profile, the console kept for {@link #noConsoleErrors}. */
    static WebDriver chrome(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1280,800",
                "--user-data-dir=" + profile.toAbsolutePath());
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (api != null) {
            api.close();
        }
    }

    static void open(String hash) {
        driver.get(api.base + "/" + hash);
    }

    static void shot(String name) throws Exception {
        Thread.sleep(600); // chart animations settle
        File f = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** The whole page, not only the 1280x800 window: the window grows to the page's height for the picture. */
    static void page(String name) throws Exception {
        long height = (Long)
                ((JavascriptExecutor) driver)
                        .executeScript(
                                "window.scrollTo(0, 0); return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight);");
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, (int) Math.min(4000, height + 150)));
        try {
            shot(name);
        } finally {
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800));
        }
    }

    /** Fails on any SEVERE message of the page's console (script errors, failed requests). */
    static void noConsoleErrors() {
        List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .toList();
        assertThat(severe).as("console errors").isEmpty();
    }

    /** Polls (the browser does the work) until the condition holds, for at most a minute. */
    static void until(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (org.openqa.selenium.WebDriverException notYet) {
                // the element is not there yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("waited a minute for " + what + "; the page says: "
                + driver.findElement(By.tagName("main")).getText());
    }

    static String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    static boolean present(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    static void choose(String id, String value) {
        ((JavascriptExecutor) driver)
                .executeScript(
                        "const s = document.getElementById(arguments[0]); s.value = arguments[1];"
                                + " s.dispatchEvent(new Event('change'));",
                        id,
                        value);
    }

    static int canvases(String css) {
        return driver.findElements(By.cssSelector(css + " canvas")).size();
    }

    @Test
    @Order(1)
    void scenariosAreListedAndTheEditorMarksAProblemAtItsLine() throws Exception {
        open("#/scenarios/minimal");
        until("the scenario checked", () -> text("ed-status").equals("valid"));
        assertThat(driver.findElement(By.id("list")).getText())
                .contains("minimal", "china-2013-2020", "China 2013-2020");
        WebElement yaml = driver.findElement(By.id("yaml"));
        String text = yaml.getAttribute("value");
        int line = text.substring(0, text.indexOf("rate: 2.0")).split("\n", -1).length;
        ((JavascriptExecutor) driver)
                .executeScript(
                        "const t = arguments[0]; t.value = t.value.replace('rate: 2.0 ', 'rate: -2.0'); t.dispatchEvent(new Event('input'));",
                        yaml);
        yaml.sendKeys(Keys.END);
        until("the problem shown", () -> text("ed-status").contains("problem"));
        WebElement marked = driver.findElement(By.cssSelector("#gutter span.err"));
        assertThat(marked.getAttribute("textContent")).isEqualTo(Integer.toString(line));
        assertThat(driver.findElement(By.id("problems")).getText())
                .contains("line " + line, "behaviours.jaywalking.rate");
        driver.findElement(By.cssSelector("#problems .problem")).click(); // selects the line and scrolls to it
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
        shot("scenarios-editor");
        noConsoleErrors();
    }

    @Test
    @Order(2)
    void theMinimalScenarioRunsFromThePageWithLiveProgress() throws Exception {
        open("#/run/minimal");
        until("the scenario described", () -> text("size").contains("people"));
        choose("scenario", "minimal");
        WebElement sample = driver.findElement(By.id("sample"));
        sample.clear();
        sample.sendKeys("0.01");
        driver.findElement(By.id("start")).click();
        until("the run done", () -> present("#see-results"));
        assertThat(driver.findElement(By.id("w-status")).getText()).isEqualTo("done");
        assertThat(driver.findElement(By.id("w-pct")).getText()).isEqualTo("100%");
        until("the run listed", () -> text("runs").contains("results"));
        shot("run");
        noConsoleErrors();
        driver.findElement(By.id("see-results")).click();
        runId = driver.getCurrentUrl().replaceAll(".*#/results/", "");
        assertThat(api.get("/api/runs/" + runId).json().get("sample").asDouble())
                .isEqualTo(0.01);
    }

    @Test
    @Order(3)
    void theResultsPageDrawsEveryChart() throws Exception {
        open("#/results/" + runId);
        until("the charts drawn", () -> canvases("#c-rank") > 0 && canvases("#c-hist") > 0);
        for (String chart : List.of("#c-sanctions", "#c-blocked", "#c-tiers", "#c-hist", "#c-rank", "#c-wrongful")) {
            assertThat(canvases(chart)).as(chart).isPositive();
        }
        until("the audit's ratios drawn", () -> canvases("#c-audit-ratio") > 0);
        assertThat(driver.findElement(By.id("audit")).getText())
                .contains("province", "four-fifths", "reference", "ratio to")
                // lock-in per group, whatever the sanction
                .contains("years in lowest tier per member", "locked in (lowest tier 3 year ends)");
        // a 1% run: each sanction's line has its 95% band (two stacked series), and the note says what it is
        Number bands = (Number) ((JavascriptExecutor) driver)
                .executeScript("return echarts.getInstanceByDom(document.querySelector('#c-sanctions')).getOption()"
                        + ".series.filter(s => String(s.id).startsWith('band')).length");
        Number lines = (Number) ((JavascriptExecutor) driver)
                .executeScript("return echarts.getInstanceByDom(document.querySelector('#c-sanctions')).getOption()"
                        + ".series.filter(s => !String(s.id).startsWith('band')).length");
        assertThat(bands.intValue()).isEqualTo(2 * lines.intValue()).isPositive();
        assertThat(driver.findElement(By.cssSelector(".uncertainty-note")).getText())
                .contains("95% interval", "rests on fewer than 30");
        WebElement slider = driver.findElement(By.id("hist-slider"));
        slider.sendKeys(Keys.HOME);
        until("the slider moved", () -> text("hist-year").equals("2013"));
        shot("results");
        page("results-page");
        noConsoleErrors();
    }

    @Test
    @Order(4)
    void twoRunsCompareOnTheSameAxes() throws Exception {
        api.await(api.start("{\"scenario\": \"minimal\", \"sample\": 0.01, \"seed\": 2}"));
        open("#/compare");
        until("the side-by-side chart", () -> canvases("#c-side") > 0);
        choose("sa", "minimal");
        choose("sb", "minimal");
        WebElement sample = driver.findElement(By.id("cs"));
        sample.clear();
        sample.sendKeys("0.01");
        driver.findElement(By.id("cgo")).click();
        until("the comparison", () -> canvases("#c-moved") > 0);
        assertThat(driver.findElement(By.id("moved-table")).getText()).contains("2013", "2015", "B − A", "± 95%");
        // each B − A with its 95% interval's half-width, as /api/compare gives it for the same seed and sample,
        // and marked ~ exactly where it rests on fewer than 30 simulated people moved
        String sanction =
                (String) ((JavascriptExecutor) driver).executeScript("return document.getElementById('ms').value");
        JsonNode same = api.post(
                        "/api/compare", "{\"a\": \"minimal\", \"b\": \"minimal\", \"seed\": 1, \"sample\": 0.01}")
                .json()
                .get("years");
        List<WebElement> rows = driver.findElements(By.cssSelector("#moved-table tbody tr"));
        assertThat(rows).hasSize(3);
        for (WebElement row : rows) {
            List<WebElement> cells = row.findElements(By.tagName("td"));
            JsonNode v = same.get(cells.get(0).getText()).get(sanction);
            JsonNode interval = v.get("b_minus_a_interval95");
            double half = (interval.get(1).asDouble() - interval.get(0).asDouble()) / 2;
            assertThat(half).isPositive();
            assertThat(cells.get(7).getText()).isEqualTo(String.format(Locale.US, "± %,d", Math.round(half)));
            long moved = v.get("moved_simulated").asLong();
            assertThat(cells.get(6).getText().startsWith("~")).isEqualTo(moved > 0 && moved < 30);
        }
        page("compare");
        noConsoleErrors();
    }

    @Test
    @Order(5)
    void aSanctionedPersonsStoryShowsScoreSanctionsAndEvents() throws Exception {
        open("#/people/" + runId);
        until("the story list", () -> present("#plist a"));
        driver.findElement(By.cssSelector("#plist a")).click();
        until("the score chart", () -> canvases("#c-score") > 0);
        assertThat(driver.findElement(By.id("story")).getText()).contains("Year by year", "Events", "2015");
        assertThat(driver.findElements(By.cssSelector("#story .tag.pen"))).isNotEmpty();
        shot("people");
        page("people-page");
        noConsoleErrors();
    }

    @Test
    @Order(6)
    void aQueuedRunIsCancelledFromThePageAndEveryChangeCarriesTheServersToken() throws Exception {
        // the one slot is taken, so the page's run waits in the queue until it is cancelled
        String busy = api.start("{\"scenario\": \"minimal\", \"sample\": 1.0, \"seed\": 9}");
        String cancelled;
        try {
            open("#/run/minimal");
            until("the scenario described", () -> text("size").contains("people"));
            ((JavascriptExecutor) driver)
                    .executeScript("window.changes = []; const send = window.fetch;"
                            + " window.fetch = (url, init) => { if (init && init.method && init.method !== 'GET')"
                            + " window.changes.push([init.method, String(url), (init.headers || {})['X-Scoresim-Token'] || '']);"
                            + " return send(url, init); };");
            choose("scenario", "minimal");
            WebElement sample = driver.findElement(By.id("sample"));
            sample.clear();
            sample.sendKeys("1");
            driver.findElement(By.id("start")).click();
            until("the run queued", () -> text("w-status").equals("queued"));
            cancelled = driver.findElement(By.cssSelector("#watch .sub")).getText();
            driver.findElement(By.id("w-cancel")).click();
            until("the run cancelled", () -> text("w-status").equals("cancelled"));
        } finally {
            api.delete("/api/runs/" + busy);
            api.await(busy);
        }
        assertThat(api.get("/api/runs/" + cancelled).json().get("status").asText())
                .isEqualTo("cancelled");
        @SuppressWarnings("unchecked")
        List<List<String>> changes =
                (List<List<String>>) ((JavascriptExecutor) driver).executeScript("return window.changes");
        assertThat(changes)
                .extracting(c -> c.get(0) + " " + c.get(1))
                .contains("POST /api/runs", "DELETE /api/runs/" + cancelled);
        assertThat(changes).extracting(c -> c.get(2)).containsOnly(api.dashboard.token());
        noConsoleErrors();
    }
}
