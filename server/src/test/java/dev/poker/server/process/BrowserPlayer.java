package dev.poker.server.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One person in a real headless Chromium (Debian's {@code chromium} and {@code chromedriver}) using the
 * node's web client: types, clicks and reads the page as a person would, through WebDriver. Each player
 * has its own browser profile (a fresh {@code --user-data-dir}), so its own saved session.
 *
 * <p>Concurrency: one test thread drives an instance.
 */
final class BrowserPlayer implements AutoCloseable {
    /** What one page shows of the table, read in one script so the parts agree with each other. */
    record Seen(long hand, String street, boolean shown, List<String> ownCards, List<String> allCards, long seq) {}

    private static final String SEEN = """
            const t = document.getElementById('table-view');
            const me = document.querySelector('#seats .seat.me');
            const codes = (root) => root ? Array.from(root.querySelectorAll('[data-card]')).map(e => e.dataset.card) : [];
            return [t.dataset.hand || '0', t.dataset.street || '', t.dataset.shown || 'false', codes(me), codes(document),
              t.dataset.seq || '-1'];
            """;

    final String name;
    private final ChromeDriver driver;
    private final Path shots;

    private BrowserPlayer(String name, ChromeDriver driver, Path shots) {
        this.name = name;
        this.driver = driver;
        this.shots = shots;
    }

    /**
     * A browser at {@code url}; {@code phone} emulates a 390 × 844 phone screen (a headless window cannot
     * be narrower than 500 pixels), otherwise the window is {@code size}.
     */
    static BrowserPlayer open(String name, Browsers browsers, String url, Path dir, Dimension size, boolean phone)
            throws IOException {
        Path profile = Files.createTempDirectory(dir, "profile-" + name + "-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browsers.chromium().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile,
                "--window-size=" + size.getWidth() + "," + size.getHeight());
        if (phone) {
            options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
                    Map.of("width", 390, "height", 844, "pixelRatio", 2.0, "touch", true)));
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(browsers.chromedriver().toFile()).usingAnyFreePort()
                .withLogFile(dir.resolve("chromedriver-" + name + ".log").toFile()).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.get(url);
        return new BrowserPlayer(name, driver, dir);
    }

    WebDriverWait waiting(int seconds) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(seconds), Duration.ofMillis(50));
        wait.ignoring(WebDriverException.class);
        return wait;
    }

    void signIn() {
        WebElement input = waiting(20).until(ExpectedConditions.visibilityOfElementLocated(By.id("name")));
        input.sendKeys(name);
        driver.findElement(By.id("guest")).click();
        waiting(20).until(ExpectedConditions.visibilityOfElementLocated(By.id("lobby")));
    }

    /** Fills the create-table form; returns the new table's id once the page shows it. */
    String createTable(String tableName, Map<String, String> fields) {
        driver.findElement(By.cssSelector("#create summary")).click();
        WebElement n = driver.findElement(By.id("ct-name"));
        n.clear();
        n.sendKeys(tableName);
        fields.forEach((id, value) -> {
            WebElement e = driver.findElement(By.id(id));
            e.clear();
            e.sendKeys(value);
        });
        driver.findElement(By.id("ct-submit")).click();
        waiting(20).until(ExpectedConditions.visibilityOfElementLocated(By.id("table-view")));
        return waiting(10).until(d -> {
            String id = d.findElement(By.id("table-view")).getDomAttribute("data-table");
            return id == null || id.isEmpty() ? null : id;
        });
    }

    /** Opens a table from the lobby list (it appears there within the lobby's refresh). */
    void openTable(String table) {
        click("li.table-row[data-table='" + table + "'] button.watch");
        waiting(20).until(d -> table.equals(d.findElement(By.id("table-view")).getDomAttribute("data-table"))
                && d.findElement(By.id("table-view")).isDisplayed());
    }

    void sit(int seat) {
        click(".seat[data-seat='" + seat + "'] button.sit");
        waiting(20).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".seat.me[data-seat='" + seat + "']")));
    }

    /** Clicks check, else call, when the page offers this player a decision; true when it clicked. */
    boolean actIfAsked() {
        try {
            WebElement form = driver.findElement(By.id("actions"));
            if (!form.isDisplayed()) {
                return false;
            }
            for (String action : List.of("check", "call")) {
                List<WebElement> b = driver.findElements(By.cssSelector("#action-buttons button[data-action='" + action + "']"));
                if (!b.isEmpty() && b.get(0).isDisplayed()) {
                    b.get(0).click();
                    return true;
                }
            }
            return false;
        } catch (WebDriverException e) {
            return false; // the page redrew under us: ask again next round
        }
    }

    boolean decisionOffered() {
        try {
            return driver.findElement(By.id("actions")).isDisplayed();
        } catch (WebDriverException e) {
            return false;
        }
    }

    Seen seen() {
        List<?> r = (List<?>) ((JavascriptExecutor) driver).executeScript(SEEN);
        return new Seen(Long.parseLong((String) r.get(0)), (String) r.get(1), "true".equals(r.get(2)),
                strings(r.get(3)), strings(r.get(4)), Long.parseLong((String) r.get(5)));
    }

    private static List<String> strings(Object o) {
        return ((List<?>) o).stream().map(String::valueOf).toList();
    }

    int count(String css) {
        return driver.findElements(By.cssSelector(css)).size();
    }

    String text(String css) {
        try {
            return driver.findElement(By.cssSelector(css)).getDomProperty("textContent");
        } catch (WebDriverException e) {
            return "(" + css + " unreadable: " + e.getClass().getSimpleName() + ")";
        }
    }

    /**
     * Clicks the element, finding it again and retrying while the page redraws it (a stale element) or
     * it is not clickable yet.
     */
    void click(String css) {
        waiting(20).until(d -> {
            d.findElement(By.cssSelector(css)).click();
            return true;
        });
    }

    void type(String css, String text) {
        WebElement e = waiting(20).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
        e.clear();
        e.sendKeys(text);
    }

    /** Waits until the element's text contains {@code part}; returns the text. */
    String awaitText(String css, String part) {
        WebDriverWait wait = waiting(30);
        wait.withMessage(() -> name + "'s page: no '" + part + "' in " + css + "; it says: " + text("#alert")
                + " | " + text("#status") + " | " + text(css));
        return wait.until(d -> {
            String t = d.findElement(By.cssSelector(css)).getText();
            return t.contains(part) ? t : null;
        });
    }

    void reload() {
        driver.navigate().refresh();
    }

    Path screenshot(String file) throws IOException {
        File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path to = shots.resolve(file);
        Files.copy(png.toPath(), to, StandardCopyOption.REPLACE_EXISTING);
        return to;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
