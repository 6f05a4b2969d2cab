package com.truffle.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's chromium and chromium-driver, no download) driven through the gateway as a
 * person would: sign in at the dev identity provider's form, click by visible labels, read what the page shows.
 * Every step can save a screenshot (target/screenshots) and every page is scanned with axe-core; serious and
 * critical violations are collected for the test to assert on.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Dimension DESKTOP = new Dimension(1280, 900);
    static final Dimension PHONE = new Dimension(390, 844);
    private static final AtomicInteger STEP = new AtomicInteger();

    static {
        // this run's screenshots only
        try (var old = Files.exists(SCREENSHOTS) ? Files.list(SCREENSHOTS) : java.util.stream.Stream.<Path>empty()) {
            old.forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final ChromeDriver driver;
    private final WebDriverWait wait;
    private final String base;
    private final Path profile;
    private final List<String> accessibility = new ArrayList<>();

    Browser(String gatewayUrl) {
        this.base = gatewayUrl;
        String chrome = System.getenv().getOrDefault("CHROME_BIN", "/usr/bin/chromium");
        String chromedriver = System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver");
        if (!Files.isExecutable(Path.of(chrome)) || !Files.isExecutable(Path.of(chromedriver))) {
            // never skipped: .ci/run installs them (apt-get install chromium chromium-driver)
            throw new IllegalStateException("the browser tests need " + chrome + " and " + chromedriver
                    + " (Debian: apt-get install chromium chromium-driver; or set CHROME_BIN / CHROMEDRIVER)");
        }
        try {
            profile = Files.createTempDirectory(Path.of("target"), "chromium-profile-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions().setBinary(chrome).addArguments("--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic", "--user-data-dir=" + profile.toAbsolutePath(),
                "--window-size=1280,900", "--disable-features=AutofillServerCommunication,PasswordManagerOnboarding");
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        // no autofill or saved-entry popups over the page: a person dismisses them, a test would click into them
        options.setExperimentalOption("prefs", java.util.Map.of("autofill.enabled", false, "autofill.profile_enabled", false,
                "credentials_enable_service", false, "profile.password_manager_enabled", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(chromedriver).toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().window().setSize(DESKTOP);
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    WebDriver driver() {
        return driver;
    }

    Browser open(String path) {
        driver.get(path.startsWith("http") ? path : base + path);
        return this;
    }

    Browser size(Dimension size) {
        driver.manage().window().setSize(size);
        return this;
    }

    /**
     * Signs in through the dev identity provider's form (a fresh browser: the gateway sends it there), and lands
     * where {@code next} leads.
     */
    Browser signIn(String next, String email, String name, String company, boolean staff) {
        open("/login?next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8));
        fillSignInForm(email, name, company, staff);
        return this;
    }

    /** The dev identity provider's "who are you" form, on whatever page it is shown. */
    Browser fillSignInForm(String email, String name, String company, boolean staff) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("email")));
        screenshot("sign-in-form");
        scan("dev identity provider: sign in");
        type("email", email);
        type("name", name);
        if (company != null) {
            type("company", company);
        }
        driver.findElement(By.id(staff ? "role-staff" : "role-admin")).click();
        click("Sign in");
        // through /auth/callback back to the page: wait for the last hop to have loaded
        wait.until(d -> {
            String url = d.getCurrentUrl();
            return url.startsWith(base) && !url.contains("/auth/callback") && !url.contains("/login")
                    && "complete".equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState"));
        });
        return this;
    }

    /** Ends the session at the gateway (the browser keeps nothing). */
    Browser signOut() {
        open("/logout");
        driver.manage().deleteAllCookies();
        return this;
    }

    Browser type(String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
        if (!"search".equals(field.getDomAttribute("type"))) {
            field.sendKeys(org.openqa.selenium.Keys.ESCAPE); // closes any suggestion list the field opened (ESC clears a search box)
        }
        return this;
    }

    /** Clicks the button or link whose visible text is {@code label}. */
    Browser click(String label) {
        WebElement target = wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//button[normalize-space()=" + literal(label) + "] | //a[normalize-space()=" + literal(label) + "]")));
        target.click();
        return this;
    }

    /** Clicks the button or link {@code label} and waits for the page it leads to. */
    Browser go(String label) {
        WebElement page = driver.findElement(By.tagName("html"));
        String from = path();
        click(label);
        try {
            wait.until(d -> isGone(page));
        } catch (org.openqa.selenium.TimeoutException e) {
            screenshot("stuck-" + label.replaceAll("[^A-Za-z]", ""));
            throw new AssertionError("\"" + label + "\" on " + from + " led nowhere; now on " + path() + "; console: "
                    + driver.manage().logs().get("browser").getAll() + "; showing:\n" + text(), e);
        }
        wait.until(d -> "complete".equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState")));
        return this;
    }

    /** Clicks the first form button or link labelled {@code label} inside the element carrying {@code attribute=value}. */
    Browser clickWithin(String attribute, String value, String label) {
        WebElement page = driver.findElement(By.tagName("html"));
        driver.findElement(By.cssSelector("[" + attribute + "='" + value + "']"))
                .findElement(By.xpath(".//button[normalize-space()=" + literal(label) + "] | .//a[normalize-space()=" + literal(label) + "]"))
                .click();
        wait.until(d -> isGone(page));
        return this;
    }

    /**
     * Whether the document {@code page} belonged to has been replaced. Chromium may answer a query on a node of the
     * unloaded document with "does not belong to the document" instead of a stale-element error; both mean it is gone.
     */
    private static boolean isGone(WebElement page) {
        try {
            page.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return true;
        } catch (org.openqa.selenium.WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    boolean has(String label) {
        return !driver.findElements(By.xpath("//button[normalize-space()=" + literal(label) + "] | //a[normalize-space()="
                + literal(label) + "]")).isEmpty();
    }

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    String value(String id) {
        return driver.findElement(By.id(id)).getDomProperty("value");
    }

    String path() {
        String url = driver.getCurrentUrl();
        return url.startsWith(base) ? url.substring(base.length()) : url;
    }

    String title() {
        return driver.getTitle();
    }

    /** Waits until the page shows {@code text} (reloading while it does not, for state another service sets). */
    Browser awaitText(String text, boolean reload) {
        try {
            new WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofMillis(250)).until(d -> {
                if (text().contains(text)) {
                    return true;
                }
                if (reload) {
                    d.navigate().refresh();
                }
                return false;
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the page " + path() + " never showed \"" + text + "\"; it shows:\n" + text(), e);
        }
        return this;
    }

    /** Saves what the browser shows as target/screenshots/NN-{@code name}.png. */
    Browser screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path png = driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(png, SCREENSHOTS.resolve(String.format("%02d-%s.png", STEP.incrementAndGet(), name)),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** axe-core on the page as it is now; serious and critical violations are kept for {@link #accessibilityProblems}. */
    Browser scan(String page) {
        Results results = new AxeBuilder().analyze(driver);
        for (Rule rule : results.getViolations()) {
            if ("serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact())) {
                accessibility.add(page + " (" + path() + "): " + rule.getImpact() + " " + rule.getId() + " — " + rule.getHelp()
                        + " " + rule.getNodes().stream().map(n -> String.valueOf(n.getTarget())).toList());
            }
        }
        return this;
    }

    /** Screenshot and accessibility scan of the current page. */
    Browser look(String name) {
        return screenshot(name).scan(name);
    }

    List<String> accessibilityProblems() {
        return List.copyOf(accessibility);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temp dir under target/
            }
        }
    }

    private static String literal(String s) {
        return s.contains("'") ? "\"" + s + "\"" : "'" + s + "'";
    }
}
