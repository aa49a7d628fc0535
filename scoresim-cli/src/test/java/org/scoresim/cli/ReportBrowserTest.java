package org.scoresim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * OUT/report.html of a small run, opened in headless Chromium (Debian's chromium and
 * chromium-driver; ./run-tests installs them): no console errors, no request leaves the file,
 * every chart drawn. Screenshots go to target/screenshots/ for a person to look at.
 */
class ReportBrowserTest {
    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");

    @TempDir
    Path tmp;

    @Test
    void reportOpensOfflineWithEveryChartDrawnAndNoConsoleError() throws Exception {
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "headless Chromium not found (/usr/bin/chromium, /usr/bin/chromedriver): ./run-tests installs them as root");
        Path out = tmp.resolve("run");
        RunCommandTest.Outcome o = RunCommandTest.cli(
                "run", RunCommandTest.MINIMAL.toString(), "--json", "--sample", "0.05", "--out", out.toString());
        assertThat(o.code()).as(o.err()).isZero();
        Path report = out.resolve("report.html");
        String html = Files.readString(report);
        assertThat(html).doesNotContainPattern("<script[^>]+src=").doesNotContainPattern("<link[^>]+href=");

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
                "--user-data-dir=" + Files.createDirectories(tmp.resolve("chromium-profile")));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .withTimeout(Duration.ofSeconds(60))
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            driver.manage().window().setSize(new Dimension(1280, 800));
            driver.get(report.toUri().toString());
            List<WebElement> charts = driver.findElements(By.cssSelector(".chart"));
            assertThat(charts).hasSizeGreaterThanOrEqualTo(7);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline
                    && !charts.stream()
                            .allMatch(c -> !c.findElements(By.tagName("canvas")).isEmpty())) {
                Thread.sleep(100);
            }
            for (WebElement c : charts) {
                WebElement canvas = c.findElement(By.tagName("canvas"));
                assertThat(canvas.getSize().getWidth()).as(c.getAttribute("id")).isGreaterThan(300);
                assertThat(canvas.getSize().getHeight())
                        .as(c.getAttribute("id"))
                        .isGreaterThan(200);
            }
            JavascriptExecutor js = driver;
            // every chart has a title, and its axes are named
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> options2 = (List<Map<String, Object>>) js.executeScript(
                    "return Array.from(document.querySelectorAll('.chart')).map(n => { const o = echarts.getInstanceByDom(n).getOption();"
                            + " return {id: n.id, title: o.title[0].text, x: (o.xAxis[0].name || ''), y: (o.yAxis[0].name || ''),"
                            + " horizontal: o.yAxis[0].type === 'category'}; })");
            for (Map<String, Object> c : options2) {
                assertThat((String) c.get("title")).as(c.get("id") + " title").isNotBlank();
                assertThat((String) c.get("x"))
                        .as(c.get("id") + " value/x axis name")
                        .isNotBlank();
                if (!Boolean.TRUE.equals(c.get("horizontal"))) {
                    assertThat((String) c.get("y"))
                            .as(c.get("id") + " y axis name")
                            .isNotBlank();
                }
            }
            // a 5% run: every sanction's line has its 95% band (two stacked series), the headline
            // figures their intervals on hover, and a figure on few simulated children its mark
            long bands = (Long)
                    js.executeScript("return echarts.getInstanceByDom(document.getElementById('chart-sanctions'))"
                            + ".getOption().series.filter(s => String(s.id).startsWith('band')).length");
            long lines = (Long)
                    js.executeScript("return echarts.getInstanceByDom(document.getElementById('chart-sanctions'))"
                            + ".getOption().series.filter(s => !String(s.id).startsWith('band')).length");
            assertThat(bands).isEqualTo(2 * lines).isPositive();
            assertThat((String) js.executeScript("return Array.from(document.querySelectorAll('#headline td'))"
                            + ".map(td => td.title).join('|')"))
                    .contains("95% interval");
            assertThat((Long) js.executeScript("return document.querySelectorAll('#headline td.few').length"))
                    .isPositive();
            // nothing was fetched: the page is one file
            assertThat((Long) js.executeScript("return performance.getEntriesByType('resource').length"))
                    .isZero();
            String text = driver.findElement(By.tagName("body")).getText();
            assertThat(text).contains("minimal", "synthetic", "Headline figures", "attempts", "four-fifths", "Person ");
            // the year selector redraws the histogram without errors
            js.executeScript(
                    "const s = document.getElementById('hist-year'); s.value = '0'; s.dispatchEvent(new Event('change'));");
            List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                    .toList();
            assertThat(severe).as("console errors").isEmpty();

            Path shots = Files.createDirectories(Paths.get("target", "screenshots"));
            // a 1280 x 800 viewport: the window's frame takes the difference
            long inner = (Long) js.executeScript("return window.innerHeight");
            driver.manage().window().setSize(new Dimension(1280, (int) (800 + 800 - inner)));
            js.executeScript(
                    "const s = document.getElementById('hist-year'); s.value = s.options.length - 1; s.dispatchEvent(new Event('change'));"
                            + " window.scrollTo(0, 0);");
            Files.copy(
                    driver.getScreenshotAs(OutputType.FILE).toPath(),
                    shots.resolve("report.png"),
                    StandardCopyOption.REPLACE_EXISTING);
            for (WebElement c : charts) {
                File f = c.getScreenshotAs(OutputType.FILE);
                Files.copy(
                        f.toPath(),
                        shots.resolve("report-" + c.getAttribute("id") + ".png"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            long height = (Long) js.executeScript("return document.documentElement.scrollHeight");
            driver.manage().window().setSize(new Dimension(1280, (int) Math.min(height, 8000)));
            Files.copy(
                    driver.getScreenshotAs(OutputType.FILE).toPath(),
                    shots.resolve("report-full.png"),
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            driver.quit();
        }
    }
}
