package org.scoresim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
 * The China run's report.html read as a newcomer reads it, in headless Chromium: the press figure
 * beside the model's, fines in yuan, a tier chart where the few outside the big tier show, charts of
 * many series in distinct colours, and three lives that open with what decided them, as tables.
 */
class ReportReadingTest {
    static final Path CHINA = Paths.get("..", "scenarios", "china-2013-2020.yaml");

    @TempDir
    Path tmp;

    @Test
    @SuppressWarnings("unchecked")
    void theChinaReportReadsAtAGlance() throws Exception {
        Assumptions.assumeTrue(
                Files.isExecutable(ReportBrowserTest.CHROMIUM) && Files.isExecutable(ReportBrowserTest.CHROMEDRIVER),
                "headless Chromium not found (/usr/bin/chromium, /usr/bin/chromedriver): ./run-tests installs them as root");
        Path out = tmp.resolve("run");
        RunCommandTest.Outcome o =
                RunCommandTest.cli("run", CHINA.toString(), "--json", "--sample", "0.0002", "--out", out.toString());
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode summary = RunCommandTest.json(o.out());

        ChromeOptions options = new ChromeOptions();
        options.setBinary(ReportBrowserTest.CHROMIUM.toFile());
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
                .usingDriverExecutable(ReportBrowserTest.CHROMEDRIVER.toFile())
                .withTimeout(Duration.ofSeconds(60))
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            driver.get(out.resolve("report.html").toUri().toString());
            JavascriptExecutor js = driver;

            // the press figure, beside the model's figures, as the dashboard shows it
            WebElement claim = driver.findElement(By.cssSelector("#claims section.claim"));
            assertThat(claim.getText()).contains("The press figure, explained", "23 M", "reported", "The model has");
            assertThat(claim.findElements(By.cssSelector(".chart canvas"))).isNotEmpty();

            // fines in yuan, as summary.json has them
            String headline = driver.findElement(By.id("headline")).getText();
            assertThat(headline).contains("Fines charged (yuan)");
            JsonNode fines = summary.get("years").get("2020").get("fines");
            String fined = null;
            for (var it = fines.fieldNames(); it.hasNext(); ) {
                String b = it.next();
                if (fined == null || fines.get(b).asDouble() > fines.get(fined).asDouble()) {
                    fined = b;
                }
            }
            assertThat(fines.get(fined).asDouble()).isPositive();
            assertThat((String) js.executeScript(
                            "return Array.from(document.querySelectorAll('#headline tr'))"
                                    + ".find(r => r.cells[0].textContent === arguments[0] + ' (yuan)').cells[8].title",
                            fined))
                    .isEqualTo(String.format("%,d", fines.get(fined).asLong()));

            // the tier chart: the big tier hidden, a line for the share outside it, readable in %
            Map<String, Object> tiers = (Map<String, Object>) js.executeScript(
                    "const o = echarts.getInstanceByDom(document.getElementById('chart-tiers')).getOption();"
                            + " return {selected: o.legend[0].selected, line: o.series.find(s => s.type === 'line')};");
            assertThat((Map<String, Boolean>) tiers.get("selected")).containsEntry("tier A", false);
            List<Number> share = (List<Number>) ((Map<String, Object>) tiers.get("line")).get("data");
            long population = summary.get("years").get("2020").get("population").asLong();
            long inA = summary.get("years").get("2020").get("tier_end").get("A").asLong();
            assertThat(share.get(share.size() - 1).doubleValue())
                    .isCloseTo(100.0 * (population - inA) / population, org.assertj.core.data.Offset.offset(1e-9))
                    .isPositive();

            // ten sanctions: ten different colours
            List<String> colours = (List<String>) js.executeScript(
                    "return echarts.getInstanceByDom(document.getElementById('chart-sanctions')).getOption().color;");
            int sanctions = summary.get("years").get("2020").get("sanctioned").size();
            assertThat(sanctions).isGreaterThanOrEqualTo(10);
            assertThat(colours.subList(0, sanctions)).doesNotHaveDuplicates();
            assertThat(colours.size()).isGreaterThanOrEqualTo(20);

            // three lives: each opens with what decided it, then a year table; the events folded away
            List<WebElement> lives = driver.findElements(By.cssSelector("#stories .life"));
            assertThat(lives).hasSizeBetween(1, 3);
            for (WebElement life : lives) {
                WebElement first = life.findElement(By.xpath("./*[2]"));
                assertThat(first.getAttribute("class")).isEqualTo("decisive");
                assertThat(first.getText()).startsWith("What decided it").contains("first under");
                assertThat(life.findElements(By.cssSelector("table.years tbody tr")))
                        .hasSize(8);
                assertThat(life.findElement(By.tagName("details")).getAttribute("open"))
                        .isNull();
            }
            assertThat(driver.findElements(By.cssSelector("pre.story"))).isEmpty();

            List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                    .toList();
            assertThat(severe).as("console errors").isEmpty();

            Path shots = Files.createDirectories(Paths.get("target", "screenshots"));
            long height = (Long) js.executeScript("return document.documentElement.scrollHeight");
            driver.manage().window().setSize(new Dimension(1280, (int) Math.min(height, 9000)));
            Files.copy(
                    driver.getScreenshotAs(OutputType.FILE).toPath(),
                    shots.resolve("report-china-full.png"),
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            driver.quit();
        }
    }
}
