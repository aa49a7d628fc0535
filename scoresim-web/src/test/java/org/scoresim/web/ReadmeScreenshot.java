package org.scoresim.web;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

/**
 * Makes docs/dashboard.png, the README's picture: the bundled China run at a 0.1% sample, its
 * results page at 1280x800; and, to look at, the whole results page and a person's page under
 * target/screenshots. A documentation tool, not a test (it takes a minute): {@code docs/screenshot}
 * runs it.
 */
final class ReadmeScreenshot {
    private ReadmeScreenshot() {}

    public static void main(String[] args) throws Exception {
        Path runs = Files.createTempDirectory("scoresim-screenshot-runs");
        Path profile = Files.createTempDirectory("scoresim-screenshot-profile");
        try (Api api = new Api(runs, 1, 8)) {
            String id = api.start("{\"scenario\": \"china-2013-2020\", \"seed\": 1, \"sample\": 0.001}");
            String status = api.await(id).get("status").asText();
            if (!status.equals("done")) {
                throw new IllegalStateException("the China run ended " + status);
            }
            WebDriver driver = DashboardBrowserTest.chrome(profile);
            try {
                driver.get(api.base + "/#/results/" + id);
                long end = System.nanoTime() + 60_000_000_000L;
                while (driver.findElements(By.cssSelector("#c-rank canvas")).isEmpty() && System.nanoTime() < end) {
                    Thread.sleep(200);
                }
                Thread.sleep(1500);
                File f = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
                Path png = Paths.get("..", "docs", "dashboard.png");
                Files.copy(f.toPath(), png, StandardCopyOption.REPLACE_EXISTING);
                if (Files.size(png) >= 300_000) {
                    System.err.println("warning: " + png + " is " + Files.size(png)
                            + " bytes; the README's picture should stay under 300 kB");
                }
                // the whole page too, to look at (not for the README)
                long height = (Long) ((org.openqa.selenium.JavascriptExecutor) driver)
                        .executeScript("return document.documentElement.scrollHeight");
                driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, (int)
                        Math.min(4000, height + 150)));
                Thread.sleep(1500);
                Files.createDirectories(DashboardBrowserTest.SHOTS);
                Files.copy(
                        ((TakesScreenshot) driver)
                                .getScreenshotAs(OutputType.FILE)
                                .toPath(),
                        DashboardBrowserTest.SHOTS.resolve("china-results-page.png"),
                        StandardCopyOption.REPLACE_EXISTING);
                driver.get(api.base + "/#/people/" + id);
                while (driver.findElements(By.cssSelector("#plist a")).isEmpty()
                        && System.nanoTime() < end + 60_000_000_000L) {
                    Thread.sleep(200);
                }
                driver.findElement(By.cssSelector("#plist a")).click();
                Thread.sleep(2500);
                Files.copy(
                        ((TakesScreenshot) driver)
                                .getScreenshotAs(OutputType.FILE)
                                .toPath(),
                        DashboardBrowserTest.SHOTS.resolve("china-people-page.png"),
                        StandardCopyOption.REPLACE_EXISTING);
            } finally {
                driver.quit();
            }
        }
    }
}
