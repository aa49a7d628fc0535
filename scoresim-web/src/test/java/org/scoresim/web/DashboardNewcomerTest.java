package org.scoresim.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The dashboard's rough edges a newcomer hit, in headless Chromium: an unknown run id says not
 * found, Start waits for a valid draft, the runs table and the progress card agree, compare picks
 * two comparable runs and shows their difference, the tier chart shows the few outside the big
 * tier, fines have their unit, a person's story opens with what decided it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardNewcomerTest {
    @TempDir
    static Path runs;

    @TempDir
    static Path profile;

    static Api api;
    /** The finished runs, as the dashboard lists them (newest first; the test clock gives all the same time). */
    static List<String> done;

    static String latest;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(
                Files.isExecutable(DashboardBrowserTest.CHROMIUM)
                        && Files.isExecutable(DashboardBrowserTest.CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (./run-tests installs them)");
        api = new Api(runs, 1, 8);
        DashboardBrowserTest.api = api;
        DashboardBrowserTest.driver = DashboardBrowserTest.chrome(profile);
        // four finished runs, two samples: whichever is listed first, one run of the same sample is comparable
        for (String run : List.of("0.01, \"seed\": 1", "0.02, \"seed\": 1", "0.01, \"seed\": 2", "0.02, \"seed\": 2")) {
            api.await(api.start("{\"scenario\": \"minimal\", \"sample\": " + run + "}"));
        }
        done = new java.util.ArrayList<>();
        api.get("/api/runs").json().forEach(r -> done.add(r.get("id").asText()));
        latest = done.get(0);
    }

    @AfterAll
    static void stop() {
        if (DashboardBrowserTest.driver != null) {
            DashboardBrowserTest.driver.quit();
            DashboardBrowserTest.driver = null;
        }
        if (api != null) {
            api.close();
        }
    }

    static Object js(String script, Object... args) {
        return ((JavascriptExecutor) DashboardBrowserTest.driver).executeScript(script, args);
    }

    static void open(String hash) {
        DashboardBrowserTest.open(hash);
    }

    @Test
    @Order(1)
    void anUnknownRunIdSaysNotFoundInsteadOfShowingTheLatest() throws Exception {
        for (String page : List.of("results", "people")) {
            open("#/" + page + "/no-such-run");
            DashboardBrowserTest.until("not found said", () -> DashboardBrowserTest.present("#not-found"));
            assertThat(DashboardBrowserTest.text("not-found"))
                    .contains("Run not found", "no-such-run", "latest finished run", latest);
            assertThat(DashboardBrowserTest.present(".chart")).isFalse();
            assertThat(DashboardBrowserTest.driver.getCurrentUrl()).endsWith("#/" + page + "/no-such-run");
        }
        DashboardBrowserTest.driver.findElement(By.cssSelector("#not-found a")).click();
        DashboardBrowserTest.until("the latest run's people", () -> DashboardBrowserTest.present("#plist"));
        DashboardBrowserTest.noConsoleErrors();
    }

    @Test
    @Order(2)
    @SuppressWarnings("unchecked")
    void theResultsShowTheFewOutsideTheBigTierAndFinesInYuan() throws Exception {
        open("#/results/" + latest);
        DashboardBrowserTest.until(
                "the charts drawn",
                () -> DashboardBrowserTest.canvases("#c-fines") > 0 && DashboardBrowserTest.canvases("#c-tiers") > 0);
        Map<String, Object> tiers =
                (Map<String, Object>) js("const c = echarts.getInstanceByDom(document.getElementById('c-tiers'));"
                        + " return {selected: c.getOption().legend[0].selected,"
                        + " max: c.getModel().getComponent('yAxis', 0).axis.scale.getExtent()[1]};");
        assertThat((Map<String, Boolean>) tiers.get("selected")).containsEntry("A", false);
        // the axis ends near the share outside tier A, not at 100%
        double max = ((Number) tiers.get("max")).doubleValue();
        assertThat(max).isLessThan(60);
        // on a round number (its first digit, then zeros), so that its label reads
        double step = Math.pow(10, Math.floor(Math.log10(max)));
        assertThat(max / step).isEqualTo(Math.rint(max / step));
        assertThat(DashboardBrowserTest.text("tier-main")).contains("tier A", "hidden");
        assertThat((Boolean) js("return document.getElementById('hist-log').checked"))
                .isTrue();
        // fines: the chart's axis says yuan; its series are the fined behaviours of summary.json
        Map<String, Object> fines = (Map<String, Object>)
                js(
                        "const o = echarts.getInstanceByDom(document.getElementById('c-fines')).getOption();"
                                + " return {axis: o.yAxis[0].name, series: o.series.map(s => s.name), data: o.series[0].data};");
        assertThat((String) fines.get("axis")).isEqualTo("fines charged (yuan)");
        assertThat((List<String>) fines.get("series")).containsExactly("smoking_on_train");
        var summary = api.get("/api/runs/" + latest + "/summary").json();
        assertThat(((List<Number>) fines.get("data")).get(2).doubleValue())
                .isEqualTo(summary.get("years")
                        .get("2015")
                        .get("fines")
                        .get("smoking_on_train")
                        .asDouble());
        assertThat((List<?>)
                        js("return echarts.getInstanceByDom(document.getElementById('c-sanctions')).getOption().color"))
                .hasSizeGreaterThanOrEqualTo(20)
                .doesNotHaveDuplicates();
        DashboardBrowserTest.noConsoleErrors();
    }

    @Test
    @Order(3)
    void compareDefaultsToTwoComparableRunsAndDrawsTheirDifference() throws Exception {
        open("#/compare");
        DashboardBrowserTest.until("the difference chart", () -> DashboardBrowserTest.canvases("#c-side-diff") > 0);
        assertThat(js("return document.getElementById('rb').value")).isEqualTo(latest);
        // not merely the run listed next, but the latest of the same sample (and population)
        String first = (String) js("return document.getElementById('ra').value");
        double sample = api.get("/api/runs/" + latest).json().get("sample").asDouble();
        String expected = done.stream()
                .skip(1)
                .filter(r -> {
                    try {
                        return api.get("/api/runs/" + r).json().get("sample").asDouble() == sample;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .findFirst()
                .orElseThrow();
        assertThat(first).isEqualTo(expected);
        // the seeds differ: the note says the difference holds sampling noise
        assertThat(DashboardBrowserTest.text("side-note")).contains("Different seeds or samples");
        @SuppressWarnings("unchecked")
        List<Object> diff = (List<Object>)
                js("return echarts.getInstanceByDom(document.getElementById('c-side-diff')).getOption().series[0].data"
                        + ".map(d => d === null ? null : d.value);");
        var a = api.get("/api/runs/" + first + "/summary").json().get("years");
        var b = api.get("/api/runs/" + latest + "/summary").json().get("years");
        String sanction = (String) js("return document.getElementById('rs').value");
        for (int y = 0; y < 3; y++) {
            String year = Integer.toString(2013 + y);
            assertThat(((Number) diff.get(y)).longValue())
                    .isEqualTo(b.get(year).get("sanctioned").get(sanction).asLong()
                            - a.get(year).get("sanctioned").get(sanction).asLong());
        }
        DashboardBrowserTest.noConsoleErrors();
    }

    @Test
    @Order(4)
    void aPersonsStoryOpensWithWhatDecidedIt() throws Exception {
        open("#/people/" + latest);
        DashboardBrowserTest.until("the story list", () -> DashboardBrowserTest.present("#plist a"));
        DashboardBrowserTest.driver.findElement(By.cssSelector("#plist a")).click();
        DashboardBrowserTest.until("the story", () -> DashboardBrowserTest.present("#decisive"));
        WebElement decisive = DashboardBrowserTest.driver.findElement(By.id("decisive"));
        assertThat(decisive.getText()).startsWith("What decided it").contains("first under");
        // above the routine events
        assertThat((Boolean)
                        js("const d = document.getElementById('decisive'), t = document.querySelector('.timeline');"
                                + " return !!(d.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING);"))
                .isTrue();
        DashboardBrowserTest.noConsoleErrors();
    }

    @Test
    @Order(5)
    void startWaitsWhileTheDraftHasProblems() throws Exception {
        // a page that never writes the draft (the editor saves its own text as the draft)
        open("#/compare");
        String minimal = Files.readString(Api.SCENARIOS.resolve("minimal.yaml"));
        js("sessionStorage.setItem('scoresim.draft', arguments[0])", minimal.replace("rate: 2.0 ", "rate: -2.0"));
        open("#/run/draft");
        DashboardBrowserTest.until(
                "the draft checked", () -> DashboardBrowserTest.text("about").contains("problem"));
        assertThat(DashboardBrowserTest.driver.findElement(By.id("start")).isEnabled())
                .isFalse();
        js("sessionStorage.setItem('scoresim.draft', arguments[0])", minimal);
        open("#/compare");
        open("#/run/draft");
        DashboardBrowserTest.until(
                "the draft checked", () -> DashboardBrowserTest.text("about").contains("Your edited"));
        assertThat(DashboardBrowserTest.text("about")).doesNotContain("problem");
        assertThat(DashboardBrowserTest.driver.findElement(By.id("start")).isEnabled())
                .isTrue();
        DashboardBrowserTest.noConsoleErrors();
    }

    @Test
    @Order(6)
    void theRunsTableSaysWhatTheProgressCardSays() throws Exception {
        open("#/run/minimal");
        DashboardBrowserTest.until(
                "the scenario described",
                () -> DashboardBrowserTest.text("size").contains("people"));
        DashboardBrowserTest.choose("scenario", "minimal");
        WebElement sample = DashboardBrowserTest.driver.findElement(By.id("sample"));
        sample.clear();
        sample.sendKeys("1");
        DashboardBrowserTest.driver.findElement(By.id("start")).click();
        DashboardBrowserTest.until("the run started", () -> DashboardBrowserTest.present("#w-bar"));
        String id = DashboardBrowserTest.driver
                .findElement(By.cssSelector("#watch .sub"))
                .getText();
        String row = "#runs [data-status='" + id + "']";
        // while it runs and once it is done, the card and the table say the same
        DashboardBrowserTest.until(
                "running in both",
                () -> DashboardBrowserTest.text("w-status").equals("running")
                        && DashboardBrowserTest.driver
                                .findElement(By.cssSelector(row))
                                .getText()
                                .equals("running"));
        DashboardBrowserTest.until(
                "done in the card", () -> DashboardBrowserTest.text("w-status").equals("done"));
        DashboardBrowserTest.until(
                "done in the table",
                () -> DashboardBrowserTest.driver
                        .findElement(By.cssSelector(row))
                        .getText()
                        .equals("done"));
        DashboardBrowserTest.noConsoleErrors();
    }
}
