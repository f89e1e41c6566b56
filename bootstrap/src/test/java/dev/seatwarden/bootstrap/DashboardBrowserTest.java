package dev.seatwarden.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seatwarden.adapters.persistence.DatabaseSettings;
import dev.seatwarden.adapters.rest.RestSettings;
import dev.seatwarden.application.port.in.ChangeAccountUseCase;
import dev.seatwarden.application.port.in.CreateAccountUseCase;
import dev.seatwarden.application.port.in.CreateTokenUseCase;
import dev.seatwarden.application.port.in.OpenAccountUseCase;
import dev.seatwarden.domain.account.AccountId;
import dev.seatwarden.domain.account.Plan;
import dev.seatwarden.domain.account.Subscription;
import dev.seatwarden.domain.token.TokenKind;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web dashboard in a real headless Chromium (Debian's, driven by its chromedriver), against the
 * real server in this process: sign in, create and read a token once, verify it, watch its status
 * and seat change, release (and be refused a second release), rotate, revoke, the integration slot
 * limit, an ineligible account, the audit log, a phone-sized window, sign out. After every test: no
 * secret in the browser's storage, cookies, address or page, and no script error or CSP violation in
 * the console. Screenshots of every page and state go to {@code target/screenshots/}.
 */
// The server's clock only moves forward, and one test moves it 8 days: it runs last, so that the
// expiries the browser computes from its own clock stay in the server's future in every other test.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String MISSING_BROWSER =
            "Chromium not installed (apt-get install chromium chromium-driver): browser tests skipped";
    private static final String MACHINE = "browser-test-machine";
    private static final String CLIENT = "browser-test-client/1.0";
    private static final String PASSWORD = "a long enough password";
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger ACCOUNTS = new AtomicInteger();
    private static final Map<String, AccountId> ACCOUNT_IDS = new ConcurrentHashMap<>();

    @TempDir
    static Path folder;

    private static SettableClock clock;
    private static Seatwarden server;
    private static ChromeDriver driver;
    private static Path screenshots;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Selenium looks for a DevTools binding these tests do not use; its warning is noise. */
    private static final java.util.logging.Logger DEVTOOLS_LOG =
            java.util.logging.Logger.getLogger("org.openqa.selenium.devtools");

    /** Every secret a test saw: none may stay in the page, its storage or its address. */
    private final List<String> secrets = new ArrayList<>();

    /** Whether Chromium and its driver are installed: without them every test reports itself skipped. */
    private static boolean browserInstalled;

    @BeforeAll
    static void startServerAndBrowser() throws IOException {
        DEVTOOLS_LOG.setLevel(Level.SEVERE);
        browserInstalled = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!browserInstalled) {
            if ("true".equalsIgnoreCase(System.getenv("SEATWARDEN_REQUIRE_BROWSER"))) {
                Assertions.fail(MISSING_BROWSER.replace("skipped", "required by SEATWARDEN_REQUIRE_BROWSER=true"));
            }
            // said once here, and by each test as the reason it was skipped
            System.err.println(DashboardBrowserTest.class.getSimpleName() + ": " + MISSING_BROWSER);
            return;
        }
        // The server's clock starts at the browser's "now" (the page computes expiry times itself)
        // and stands still unless a test moves it, so times the server answers are known exactly.
        clock = new SettableClock(Clock.systemUTC().instant().truncatedTo(ChronoUnit.SECONDS));
        server = Seatwarden.start(
                ServerSettings.of(
                        RestSettings.defaults().withPort(0),
                        DatabaseSettings.of("jdbc:sqlite:" + folder.resolve("d.db"))),
                clock);
        screenshots = Files.createDirectories(
                Path.of(System.getProperty("basedir", ".")).resolve("target").resolve("screenshots"));
        driver = chromium(Files.createDirectories(folder.resolve("chromium-profile")));
    }

    private static ChromeDriver chromium(Path profile) {
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--window-size=1280,900");
        var logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        // The driver executable given: Selenium Manager never runs, nothing is downloaded.
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @BeforeEach
    void needsTheBrowser() {
        Assumptions.assumeTrue(browserInstalled, MISSING_BROWSER);
    }

    @AfterEach
    void noSecretIsKeptAndTheConsoleIsClean() {
        if (driver == null) {
            return;
        }
        try {
            if (driver.getCurrentUrl().startsWith(server.url())) {
                var storage = (String) script("const all = [];"
                        + "for (const s of [localStorage, sessionStorage]) {"
                        + "  for (let i = 0; i < s.length; i++) { all.push(s.key(i), s.getItem(s.key(i))); } }"
                        + "return all.join('\\n') + '\\n' + document.cookie;");
                var page = (String) script("return document.documentElement.outerHTML + '\\n'"
                        + " + Array.from(document.querySelectorAll('input, textarea')).map(i => i.value).join('\\n');");
                assertThat(script("return localStorage.length + sessionStorage.length"))
                        .as("entries in localStorage and sessionStorage")
                        .isEqualTo(0L);
                for (var secret : secrets) {
                    assertThat(storage.contains(secret))
                            .as("a secret in storage or cookies")
                            .isFalse();
                    assertThat(page.contains(secret))
                            .as("a secret left in the page after its dialog closed")
                            .isFalse();
                    assertThat(driver.getCurrentUrl().contains(secret))
                            .as("a secret in the address")
                            .isFalse();
                }
            }
            assertThat(consoleProblems()).as("script errors or CSP violations").isEmpty();
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 900));
            driver.manage().deleteAllCookies();
            driver.get("about:blank");
        }
    }

    /**
     * The browser console's errors, less the expected refusals: a fetch answered 4xx (the page shows
     * those in words) is logged by Chromium as a failed resource load.
     */
    private static List<String> consoleProblems() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue()
                        || entry.getMessage().contains("Content Security Policy")
                        || entry.getMessage().contains("Refused to"))
                .map(LogEntry::getMessage)
                .filter(message -> !message.matches(
                        "(?s).*/v1/\\S* - Failed to load resource: the server responded with a status of 4\\d\\d.*"))
                .collect(Collectors.toList());
    }

    // ----------------------------------------------------------------------------------------------

    @Test
    void sign_in_refuses_a_wrong_password_in_words_then_shows_the_account_plan_and_subscription() {
        var email = newAccount(Plan.PRO);
        openDashboard();
        assertThat(byTestId("signin-form").isDisplayed()).isTrue();
        assertThat(byTestId("account-bar").isDisplayed()).isFalse();
        screenshot("signin-form");

        type(byTestId("signin-email"), email);
        type(byTestId("signin-password"), "not the password at all");
        byTestId("signin-submit").click();

        var error = byTestId("signin-error");
        await(() -> !error.getText().isBlank());
        assertThat(error.getAttribute("role")).isEqualTo("alert");
        assertThat(error.getText()).contains("Invalid credentials", "The e-mail address or the password is wrong");
        assertThat(error.getText()).doesNotContain("Exception", "at dev.");
        screenshot("signin-refused");

        type(byTestId("signin-password"), PASSWORD);
        byTestId("signin-submit").click();

        await(() -> byTestId("account-bar").isDisplayed());
        assertThat(byTestId("account-email").getText()).isEqualTo(email);
        assertThat(byTestId("account-plan").getText()).isEqualTo("Pro");
        assertThat(byTestId("account-subscription").getText()).isEqualTo("active");
        assertThat(byTestId("signin").isDisplayed()).isFalse();
        assertThat(section("API").isDisplayed()).isTrue();
        assertThat(inside(section("API"), "empty").getText()).contains("No API tokens yet");
        assertThat(driver.findElement(By.cssSelector("a[href='/openapi.json']")).isDisplayed())
                .isTrue();
        screenshot("tokens-signed-in-empty");
    }

    @Test
    void a_token_is_shown_once_verified_and_its_seat_released_then_a_second_release_is_refused_with_its_time() {
        signIn(newAccount(Plan.PRO));

        // create: the popup, with the focus inside it, the warning and the secret
        var form = inside(section("API"), "create-form");
        type(inside(form, "create-name"), "build server");
        type(inside(form, "create-assignee"), "render farm");
        selectExpiry(form, "30");
        inside(form, "create-submit").click();
        var dialog = awaitDialog("secret-dialog");
        assertThat(focusIsInside("secret-dialog")).as("focus inside the popup").isTrue();
        assertThat(inside(dialog, "secret-warning").getText())
                .contains("Copy the token now", "It will not be shown again");
        var secret = inside(dialog, "secret-value").getDomProperty("value");
        secrets.add(secret);
        assertThat(secret).matches("swa_[0-9A-Za-z]{38}");
        assertThat(inside(dialog, "secret-value").getAttribute("readonly")).isNotNull();
        inside(dialog, "secret-copy").click();
        await(() -> !inside(dialog, "secret-copy-status").getText().isBlank());
        screenshotHidingSecret("token-created-popup", secret);

        // Escape (twice, a stray key) does not lose the once-only secret: it moves the focus to the
        // explicit close button, which closes the popup; the secret leaves the page and the focus
        // goes back to the create button
        driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        assertThat(script("return document.activeElement.id")).isEqualTo("secret-done");
        driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        assertThat(dialog.getAttribute("open")).as("the popup after Escape").isNotNull();
        assertThat(inside(dialog, "secret-value").getDomProperty("value")).isEqualTo(secret);
        assertThat(script("return document.activeElement.id")).isEqualTo("secret-done");
        assertThat(inside(dialog, "secret-close-hint").getText()).contains("not shown again");
        driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        await(() -> !dialog.isDisplayed());
        assertThat(script("return document.activeElement.id")).isEqualTo("api-create");
        assertThat(byId("secret-value").getDomProperty("value")).isEmpty();
        var created = row("API", "build server");
        assertThat(status(created)).isEqualTo("never used");
        assertThat(inside(created, "token-hint").getText()).isEqualTo("…" + secret.substring(secret.length() - 4));
        assertThat(inside(created, "token-assignee").getText()).contains("render farm");
        assertThat(Instant.parse(inside(created, "token-expiry")
                        .findElement(By.tagName("time"))
                        .getAttribute("datetime")))
                .isCloseTo(Clock.systemUTC().instant().plus(Duration.ofDays(30)), within(5, ChronoUnit.MINUTES));
        assertThat(seatState(created)).isEqualTo("FREE");

        // the secret from the popup works, and after a reload the page shows the use and the seat
        var first = verify(secret, MACHINE);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().path("seat").path("assignment").asText()).isEqualTo("NEW");
        driver.navigate().refresh();
        await(() -> status(row("API", "build server")).equals("in recent use"));
        var used = row("API", "build server");
        assertThat(inside(used, "seat-machine").getText()).isEqualTo(MACHINE);
        assertThat(datetime(inside(used, "seat-auto-release")))
                .isEqualTo(Instant.parse(
                        first.body().path("seat").path("autoReleaseAt").asText()));
        assertThat(inside(used, "last-use-machine").getText()).isEqualTo(MACHINE);
        assertThat(inside(used, "token-last-use").getText()).contains("127.0.0.1", CLIENT);
        assertThat(inside(section("API"), "next-release").getText()).contains("now");
        screenshot("tokens-in-recent-use-seat-assigned");

        // release: the dialog tells when the next release is allowed and warns about re-activation
        inside(used, "action-release").click();
        var release = awaitDialog("release-dialog");
        assertThat(focusIsInside("release-dialog")).isTrue();
        assertThat(inside(release, "release-next").getText()).contains("allowed now");
        assertThat(inside(release, "release-confirm").getAttribute("class")).doesNotContain("secondary");
        assertThat(inside(release, "release-warning").getText()).contains(MACHINE, "re-activated", "24 hours");
        screenshot("release-dialog");
        inside(release, "release-confirm").click();
        await(() -> !release.isDisplayed());
        await(() -> seatState(row("API", "build server")).equals("FREE"));
        var next = inside(section("API"), "next-release");
        await(() -> !next.findElements(By.tagName("time")).isEmpty());
        assertThat(datetime(next.findElement(By.tagName("time"))))
                .isEqualTo(clock.instant().plus(Duration.ofHours(24)));
        assertThat(inside(section("API"), "page-status").getText()).contains("released");
        screenshot("seat-released-next-release-time");

        // the released machine comes back first: re-activated (R15), so a second release is refused
        var again = verify(secret, MACHINE);
        assertThat(again.body().path("seat").path("assignment").asText()).isEqualTo("REACTIVATED");
        driver.navigate().refresh();
        await(() -> seatState(row("API", "build server")).equals("ASSIGNED"));
        inside(row("API", "build server"), "action-release").click();
        var second = awaitDialog("release-dialog");
        assertThat(inside(second, "release-next").getText()).contains("A release now will be refused until");
        assertThat(datetime(inside(second, "release-next-at")))
                .isEqualTo(clock.instant().plus(Duration.ofHours(24)));
        assertThat(inside(second, "release-confirm").getAttribute("class"))
                .as("a release bound to be refused is not the main action")
                .contains("secondary");
        screenshot("release-dialog-will-be-refused");
        inside(second, "release-confirm").click();
        var refusal = inside(second, "release-error");
        await(() -> !refusal.getText().isBlank());
        assertThat(refusal.getAttribute("role")).isEqualTo("alert");
        assertThat(refusal.getText())
                .contains("Seat release rate limit reached", "The next seat release is allowed at");
        assertThat(datetime(inside(refusal, "retry-at")))
                .isEqualTo(clock.instant().plus(Duration.ofHours(24)));
        screenshot("release-refused-rate-limit");
        inside(second, "release-cancel").click();
        await(() -> !second.isDisplayed());
        assertThat(seatState(row("API", "build server"))).isEqualTo("ASSIGNED");
    }

    @Test
    void rotation_shows_the_new_secret_once_and_revocation_asks_first_then_marks_the_token_revoked() {
        signIn(newAccount(Plan.PRO));
        var old = createInPage("API", "nightly renders");
        assertThat(verify(old, MACHINE).status()).isEqualTo(200);
        driver.navigate().refresh();
        await(() -> status(row("API", "nightly renders")).equals("in recent use"));

        // rotate, keeping the old secret for an hour
        inside(row("API", "nightly renders"), "action-rotate").click();
        var rotate = awaitDialog("rotate-dialog");
        assertThat(focusIsInside("rotate-dialog")).isTrue();
        inside(rotate, "grace-60").click();
        screenshot("rotate-dialog");
        inside(rotate, "rotate-confirm").click();
        var popup = awaitDialog("secret-dialog");
        assertThat(focusIsInside("secret-dialog")).isTrue();
        assertThat(byId("secret-title").getText()).contains("new secret");
        assertThat(inside(popup, "secret-warning").getText()).contains("It will not be shown again");
        var rotated = inside(popup, "secret-value").getDomProperty("value");
        secrets.add(rotated);
        assertThat(rotated).matches("swa_[0-9A-Za-z]{38}").isNotEqualTo(old);
        screenshotHidingSecret("rotated-secret-popup", rotated);
        inside(popup, "secret-done").click();
        await(() -> !popup.isDisplayed());
        assertThat(script("return document.activeElement.dataset.action")).isEqualTo("rotate");

        // the new secret keeps the seat (R19); the old one still works within its grace
        var verified = verify(rotated, MACHINE);
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.body().path("seat").path("assignment").asText()).isEqualTo("CONTINUING");
        assertThat(verify(old, MACHINE).status()).isEqualTo(200);

        // revoke asks first; cancel keeps the token, confirm revokes it
        inside(row("API", "nightly renders"), "action-revoke").click();
        var revoke = awaitDialog("revoke-dialog");
        assertThat(script("return document.activeElement.id")).isEqualTo("revoke-cancel");
        assertThat(inside(revoke, "revoke-name").getText()).isEqualTo("nightly renders");
        inside(revoke, "revoke-cancel").click();
        await(() -> !revoke.isDisplayed());
        assertThat(status(row("API", "nightly renders"))).isEqualTo("in recent use");
        inside(row("API", "nightly renders"), "action-revoke").click();
        awaitDialog("revoke-dialog");
        screenshot("revoke-dialog");
        // by keyboard: from Cancel back to "Revoke token", visibly focused, and Enter
        driver.switchTo().activeElement().sendKeys(Keys.chord(Keys.SHIFT, Keys.TAB));
        assertThat(script("return document.activeElement.id")).isEqualTo("revoke-confirm");
        assertThat(script("return getComputedStyle(document.activeElement).outlineStyle"))
                .as("a visible focus outline")
                .isEqualTo("solid");
        driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        await(() -> status(row("API", "nightly renders")).equals("revoked"));
        var revoked = row("API", "nightly renders");
        assertThat(seatState(revoked)).isEqualTo("FREE");
        assertThat(revoked.findElements(By.cssSelector("[data-testid=action-rotate]")))
                .isEmpty();
        screenshot("token-revoked");
        var refused = verify(rotated, MACHINE);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body().path("code").asText()).isEqualTo("TOKEN_REVOKED");
    }

    @Test
    void integration_seats_show_the_slots_used_and_refuse_a_token_past_the_limit_in_words() {
        signIn(newAccount(Plan.PRO));
        navigate("integrations");
        var page = section("INTEGRATION");
        await(() -> inside(page, "slots").getText().equals("0 / 1"));
        assertThat(section("API").isDisplayed()).isFalse();
        assertThat(byTestId("nav-integrations").getAttribute("aria-current")).isEqualTo("page");

        var secret = createInPage("INTEGRATION", "plugin workstation");
        assertThat(secret).startsWith("swi_");
        await(() -> inside(page, "slots").getText().equals("1 / 1"));
        assertThat(inside(page, "slots-full").getText()).contains("All integration slots are in use");
        assertThat(status(row("INTEGRATION", "plugin workstation"))).isEqualTo("never used");
        screenshot("integration-seats-slots-full");

        // from the keyboard: Enter in the name field submits the form
        var form = inside(page, "create-form");
        type(inside(form, "create-name"), "second plugin");
        inside(form, "create-name").sendKeys(Keys.ENTER);
        var error = inside(form, "create-error");
        await(() -> !error.getText().isBlank());
        assertThat(error.getAttribute("role")).isEqualTo("alert");
        assertThat(error.getText())
                .contains(
                        "Integration token limit reached",
                        "The one integration slot of your license is in use",
                        "INTEGRATION_TOKEN_LIMIT_REACHED");
        assertThat(byTestId("secret-dialog").isDisplayed()).isFalse();
        assertThat(page.findElements(By.cssSelector("[data-testid=token-row]"))).hasSize(1);
        screenshot("integration-limit-refused");
    }

    @Test
    void a_starter_account_and_a_lapsed_account_see_why_they_cannot_create_tokens() {
        signIn(newAccount(Plan.STARTER));
        assertThat(byTestId("account-plan").getText()).isEqualTo("Starter");
        var notice = inside(section("API"), "eligibility-notice");
        assertThat(notice.isDisplayed()).isTrue();
        assertThat(notice.getText()).contains("You cannot create tokens", "Starter plan", "Pro plan or higher");
        assertThat(inside(section("API"), "create-submit").isEnabled()).isFalse();
        assertThat(inside(section("API"), "create-name").isEnabled()).isFalse();
        screenshot("starter-cannot-create-tokens");
        navigate("integrations");
        await(() -> section("INTEGRATION").isDisplayed());
        assertThat(inside(section("INTEGRATION"), "eligibility-notice").getText())
                .contains("Starter plan");
        assertThat(inside(section("INTEGRATION"), "create-submit").isEnabled()).isFalse();
        byTestId("signout").click();
        await(() -> byTestId("signin-form").isDisplayed());

        var lapsed = newAccount(Plan.PRO);
        server.useCases()
                .changeAccount()
                .changeAccount(new ChangeAccountUseCase.Command(
                        lapsed, Option.none(), Option.some(Subscription.LAPSED), Option.none()))
                .get();
        signIn(lapsed);
        assertThat(byTestId("account-subscription").getText()).isEqualTo("lapsed");
        navigate("tokens");
        var lapsedNotice = inside(section("API"), "eligibility-notice");
        await(lapsedNotice::isDisplayed);
        assertThat(lapsedNotice.getText()).contains("subscription has lapsed", "Renew");
        assertThat(inside(section("API"), "create-submit").isEnabled()).isFalse();
        screenshot("lapsed-cannot-create-tokens");
    }

    @Test
    void the_audit_log_lists_the_events_newest_first_and_pages_back_with_older() {
        var email = newAccount(Plan.PRO);
        var account = accountId(email);
        String last = null;
        for (int i = 1; i <= 22; i++) {
            clock.advance(Duration.ofSeconds(1));
            last = server.useCases()
                    .createToken()
                    .createToken(
                            new CreateTokenUseCase.Command(account, "batch " + i, TokenKind.API, null, Option.none()))
                    .get()
                    .secret()
                    .reveal();
        }
        secrets.add(last);
        clock.advance(Duration.ofSeconds(1));
        assertThat(verify(last, MACHINE).status()).isEqualTo(200);

        signIn(email);
        navigate("audit");
        await(() -> shownRows("audit-row").size() == 20);
        var firstPage = shownRows("audit-row");
        assertThat(firstPage.get(0).getAttribute("data-type")).isEqualTo("SEAT_ASSIGNED");
        assertThat(firstPage.get(0).getText()).contains("Seat assigned", MACHINE, "batch 22");
        assertThat(firstPage.get(1).getText()).contains("Token created", "batch 22");
        screenshot("audit-log-newest-first");

        var older = byTestId("audit-older");
        assertThat(older.isDisplayed()).isTrue();
        older.click();
        await(() -> shownRows("audit-row").size() == 24);
        var all = shownRows("audit-row");
        assertThat(all.get(23).getAttribute("data-type")).isEqualTo("ACCOUNT_CREATED");
        assertThat(all.get(22).getText()).contains("batch 1");
        var times = all.stream()
                .map(row -> datetime(row.findElement(By.tagName("time"))))
                .collect(Collectors.toList());
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i))
                    .as("event %d is not newer than event %d", i, i - 1)
                    .isBeforeOrEqualTo(times.get(i - 1));
        }
        assertThat(times.get(0)).isAfter(times.get(23));
        assertThat(older.isDisplayed()).as("no older page left").isFalse();
        screenshot("audit-log-older-page");
    }

    @Test
    void a_token_named_like_html_shows_as_text_and_runs_nothing() {
        signIn(newAccount(Plan.PRO));
        var name = "<img src=x onerror=alert(1)>";

        createInPage("API", name);

        var row = row("API", name);
        assertThat(inside(row, "token-name").getText()).isEqualTo(name);
        assertThat(script("return document.querySelectorAll('main img, dialog img').length"))
                .isEqualTo(0L);
        Assertions.assertThrows(
                NoAlertPresentException.class, () -> driver.switchTo().alert());
        screenshot("html-like-token-name-as-text");
        navigate("audit");
        await(() -> !shownRows("audit-row").isEmpty());
        assertThat(driver.findElement(By.cssSelector("[data-testid=audit-token-name]"))
                        .getText())
                .isEqualTo(name);
        assertThat(script("return document.querySelectorAll('main img').length"))
                .isEqualTo(0L);
    }

    @Test
    void at_360_pixels_wide_every_page_and_dialog_fits_without_horizontal_scrolling() {
        signIn(newAccount(Plan.PRO));
        var secret = createInPage("API", "a rather long token name for the laptop of the lighting team");
        // long values that must wrap, not widen the page
        assertThat(verify(secret, "m".repeat(128), "Mozilla/5.0 (X11; Linux x86_64) " + "x".repeat(120))
                        .status())
                .isEqualTo(200);
        createInPage("INTEGRATION", "plugin");
        driver.manage().window().setSize(new Dimension(360, 800));
        await(() -> ((Number) script("return window.innerWidth")).intValue() <= 360);

        for (var page : List.of("tokens", "integrations", "audit")) {
            navigate(page);
            driver.navigate().refresh();
            await(() ->
                    !shownRows(page.equals("audit") ? "audit-row" : "token-row").isEmpty());
            assertFitsIn360(page);
            script(
                    "arguments[0].scrollIntoView({block: 'start'})",
                    shownRows(page.equals("audit") ? "audit-row" : "token-row").get(0));
            screenshot("phone-360-" + page);
        }
        navigate("tokens");
        await(() -> !shownRows("token-row").isEmpty());
        inside(row("API", "a rather long token name for the laptop of the lighting team"), "action-release")
                .click();
        awaitDialog("release-dialog");
        assertDialogFitsIn360("release-dialog");
        screenshot("phone-360-release-dialog");
        byTestId("release-cancel").click();
        var form = inside(section("API"), "create-form");
        type(inside(form, "create-name"), "phone");
        inside(form, "create-submit").click();
        var popup = awaitDialog("secret-dialog");
        var phoneSecret = inside(popup, "secret-value").getDomProperty("value");
        secrets.add(phoneSecret);
        assertDialogFitsIn360("secret-dialog");
        screenshotHidingSecret("phone-360-secret-popup", phoneSecret);
        inside(popup, "secret-done").click();
        await(() -> !popup.isDisplayed());
    }

    @Test
    void sign_out_shows_the_sign_in_form_and_the_session_is_gone() {
        var email = newAccount(Plan.PRO);
        signIn(email);
        createInPage("API", "before sign-out");

        byTestId("signout").click();

        await(() -> byTestId("signin-form").isDisplayed());
        assertThat(byTestId("signin-status").getText()).contains("signed out");
        assertThat(byTestId("account-bar").isDisplayed()).isFalse();
        assertThat(byId("app").isDisplayed()).isFalse();
        assertThat(script("return document.getElementById('api-list').children.length"))
                .isEqualTo(0L);
        assertThat(((JavascriptExecutor) driver)
                        .executeAsyncScript("const done = arguments[arguments.length - 1];"
                                + "fetch('/v1/account', {credentials: 'same-origin'})"
                                + ".then(r => done(r.status), () => done(-1));"))
                .isEqualTo(401L);
        screenshot("signed-out");

        // signing in again takes the word "signed out" away
        type(byTestId("signin-password"), "not the password at all");
        byTestId("signin-submit").click();
        await(() -> !byTestId("signin-error").getText().isBlank());
        assertThat(byTestId("signin-status").getText()).isEmpty();
        signInWithTheForm(email);
        assertThat(script("return document.getElementById('signin-status').textContent"))
                .isEqualTo("");
    }

    @Order(Integer.MAX_VALUE)
    @Test
    void tokens_past_their_expiry_or_unused_for_over_7_days_show_expired_and_idle_and_an_idle_session_ends() {
        var email = newAccount(Plan.PRO);
        signIn(email);
        var weekPass = createInPage("API", "week pass", "7");
        var standing = createInPage("API", "standing", "0");
        assertThat(verify(weekPass, MACHINE).status()).isEqualTo(200);
        assertThat(verify(standing, "second-machine").status()).isEqualTo(200);
        driver.navigate().refresh();
        await(() -> status(row("API", "week pass")).equals("in recent use"));
        assertThat(status(row("API", "standing"))).isEqualTo("in recent use");

        // 8 days on: the week pass has expired, the other was last verified more than 7 days ago
        // (R10); the session, 7 days old at most, has ended too
        clock.advance(Duration.ofDays(8));
        var expired = verify(weekPass, MACHINE);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.body().path("code").asText()).isEqualTo("TOKEN_EXPIRED");
        driver.navigate().refresh();
        await(() -> byTestId("signin-form").isDisplayed());
        signInWithTheForm(email);
        await(() -> status(row("API", "week pass")).equals("expired"));
        assertThat(status(row("API", "standing"))).isEqualTo("idle");
        assertThat(row("API", "week pass").getAttribute("data-status")).isEqualTo("EXPIRED");
        assertThat(row("API", "standing").getAttribute("data-status")).isEqualTo("IDLE");
        script("arguments[0].scrollIntoView({block: 'start'})", inside(section("API"), "token-table"));
        screenshot("tokens-expired-and-idle");

        // 9 hours without a request end the session: the next action shows the sign-in form, saying so
        clock.advance(Duration.ofHours(9));
        inside(row("API", "standing"), "action-revoke").click();
        var revoke = awaitDialog("revoke-dialog");
        inside(revoke, "revoke-confirm").click();
        await(() -> byTestId("signin-form").isDisplayed());
        assertThat(byTestId("signin-error").getText()).contains("Your session has ended", "Sign in again");
        assertThat(revoke.getAttribute("open")).as("the revoke dialog").isNull();
        assertThat(byId("app").isDisplayed()).isFalse();
        assertThat(script("return document.activeElement.id")).isEqualTo("signin-email");
        screenshot("session-ended");
        assertThat(verify(standing, "second-machine").status())
                .as("the token the ended session tried to revoke")
                .isEqualTo(200);
    }

    @Test
    void the_seat_of_an_integration_token_is_released_in_the_integration_seats_page() {
        signIn(newAccount(Plan.PRO));
        var secret = createInPage("INTEGRATION", "render node plugin");
        var first = verifyIntegration(secret, MACHINE);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().path("kind").asText()).isEqualTo("INTEGRATION");
        driver.navigate().refresh();
        await(() -> section("INTEGRATION").isDisplayed());
        await(() -> seatState(row("INTEGRATION", "render node plugin")).equals("ASSIGNED"));
        assertThat(inside(row("INTEGRATION", "render node plugin"), "seat-machine")
                        .getText())
                .isEqualTo(MACHINE);

        inside(row("INTEGRATION", "render node plugin"), "action-release").click();
        var release = awaitDialog("release-dialog");
        assertThat(inside(release, "release-name").getText()).isEqualTo("render node plugin");
        assertThat(inside(release, "release-warning").getText()).contains(MACHINE, "re-activated");
        screenshot("integration-release-dialog");
        inside(release, "release-confirm").click();
        await(() -> !release.isDisplayed());
        await(() -> seatState(row("INTEGRATION", "render node plugin")).equals("FREE"));
        var page = section("INTEGRATION");
        assertThat(inside(page, "page-status").getText()).contains("released", MACHINE);
        assertThat(inside(page, "slots").getText())
                .as("a released seat keeps its slot")
                .isEqualTo("1 / 1");
        assertThat(datetime(inside(page, "next-release").findElement(By.tagName("time"))))
                .isEqualTo(clock.instant().plus(Duration.ofHours(24)));
        assertThat(script("return document.activeElement.id")).isEqualTo("integration-heading");
        script("arguments[0].scrollIntoView({block: 'start'})", inside(page, "page-status"));
        screenshot("integration-seat-released");
        assertThat(verifyIntegration(secret, "new-machine")
                        .body()
                        .path("seat")
                        .path("assignment")
                        .asText())
                .as("another machine takes the released seat")
                .isEqualTo("NEW");
    }

    @Test
    void a_field_the_server_refuses_is_marked_invalid_and_described_by_the_error_until_it_is_edited() {
        signIn(newAccount(Plan.PRO));
        var form = inside(section("API"), "create-form");
        var name = inside(form, "create-name");
        type(name, "   ");
        inside(form, "create-submit").click();

        var error = inside(form, "create-error");
        await(() -> !error.getText().isBlank());
        assertThat(error.getText()).contains("Token name: is required");
        assertThat(name.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(name.getAttribute("aria-describedby")).isEqualTo(error.getAttribute("id"));
        assertThat(script("return document.activeElement.id")).isEqualTo("api-name");
        assertThat(inside(form, "create-assignee").getAttribute("aria-invalid")).isNull();
        assertThat(inside(form, "create-assignee").getAttribute("aria-describedby"))
                .isNull();
        screenshot("create-refused-field-marked");

        name.sendKeys("fixed");
        assertThat(name.getAttribute("aria-invalid")).isNull();
        assertThat(name.getAttribute("aria-describedby")).isNull();
        inside(form, "create-submit").click();
        var popup = awaitDialog("secret-dialog");
        secrets.add(inside(popup, "secret-value").getDomProperty("value"));
        inside(popup, "secret-done").click();
        await(() -> !popup.isDisplayed());
        assertThat(row("API", "fixed")).isNotNull();
        assertThat(error.getText()).isEmpty();
    }

    @Test
    void a_change_refused_for_its_csrf_token_is_sent_once_more_with_a_fresh_one_and_a_second_refusal_shown() {
        signIn(newAccount(Plan.PRO));
        createInPage("API", "kept");

        // every change carries a wrong token: the retry is refused too, and the page says so
        staleCsrfTokens(-1);
        inside(row("API", "kept"), "action-revoke").click();
        var revoke = awaitDialog("revoke-dialog");
        inside(revoke, "revoke-confirm").click();
        var refusal = inside(revoke, "revoke-error");
        await(() -> !refusal.getText().isBlank());
        assertThat(refusal.getText()).contains("CSRF token invalid", "CSRF_TOKEN_INVALID");
        assertThat(requestsSeen())
                .containsExactly(
                        "POST /v1/tokens/{id}/revoke 403", "GET /v1/account 200", "POST /v1/tokens/{id}/revoke 403");
        screenshot("csrf-refused-twice");
        inside(revoke, "revoke-cancel").click();
        await(() -> !revoke.isDisplayed());
        assertThat(status(row("API", "kept"))).isEqualTo("never used");

        // a token gone stale once (a session from before an upgrade): even signing out goes on
        staleCsrfTokens(1);
        byTestId("signout").click();
        await(() -> byTestId("signin-form").isDisplayed());
        assertThat(byTestId("signin-status").getText()).contains("signed out");
        assertThat(requestsSeen())
                .containsExactly("DELETE /v1/session 403", "GET /v1/account 200", "DELETE /v1/session 204");
    }

    @Test
    void a_session_that_ends_right_after_a_create_leaves_the_secret_popup_open_until_its_button_closes_it() {
        var email = newAccount(Plan.PRO);
        signIn(email);
        // the session really ends between the create and the page's refresh: signed out at once
        script("const realFetch = window.fetch.bind(window);"
                + "window.fetch = async (path, init = {}) => {"
                + "  const response = await realFetch(path, init);"
                + "  if (path === '/v1/tokens' && init.method === 'POST') {"
                + "    window.fetch = realFetch;"
                + "    const account = await (await realFetch('/v1/account')).json();"
                + "    await realFetch('/v1/session', {method: 'DELETE', headers: {'X-CSRF-Token': account.csrfToken}});"
                + "  }"
                + "  return response;"
                + "};");
        var form = inside(section("API"), "create-form");
        type(inside(form, "create-name"), "copied late");
        inside(form, "create-submit").click();

        var popup = awaitDialog("secret-dialog");
        await(() -> byTestId("signin-error").getText().contains("Your session has ended"));
        var secret = inside(popup, "secret-value").getDomProperty("value");
        secrets.add(secret);
        assertThat(secret).matches("swa_[0-9A-Za-z]{38}");
        assertThat(popup.getAttribute("open")).as("the secret popup").isNotNull();
        assertThat(focusIsInside("secret-dialog")).isTrue();
        screenshotHidingSecret("session-ended-secret-popup-kept", secret);

        inside(popup, "secret-done").click();
        await(() -> !popup.isDisplayed());
        assertThat(byId("secret-value").getDomProperty("value")).isEmpty();
        assertThat(script("return document.activeElement.id")).isEqualTo("signin-email");
        assertThat(verify(secret, MACHINE).status()).as("the token created").isEqualTo(200);
    }

    // ----------------------------------------------------------------------------------------------

    private static String newAccount(Plan plan) {
        var email = "browser-" + ACCOUNTS.incrementAndGet() + "@example.com";
        var account = server.access()
                .openAccount()
                .openAccount(new OpenAccountUseCase.Command(
                        new CreateAccountUseCase.Command(email, plan, Option.none()), PASSWORD))
                .getOrElseThrow(refusal -> new IllegalStateException("account not opened: " + refusal.code()));
        ACCOUNT_IDS.put(email, account.id());
        return email;
    }

    private static AccountId accountId(String email) {
        return ACCOUNT_IDS.get(email);
    }

    private void openDashboard() {
        driver.get(server.url());
        await(() -> "true".equals(byTag("body").getAttribute("data-started")));
    }

    private void signIn(String email) {
        openDashboard();
        signInWithTheForm(email);
    }

    private void signInWithTheForm(String email) {
        type(byTestId("signin-email"), email);
        type(byTestId("signin-password"), PASSWORD);
        byTestId("signin-submit").click();
        await(() -> byTestId("account-bar").isDisplayed());
        await(() -> section("API").isDisplayed());
    }

    private void navigate(String page) {
        byTestId("nav-" + page).click();
        await(() -> ("#" + page).equals(script("return location.hash")));
    }

    /** Creates a token through the page's form; answers the secret the popup showed, then closes it. */
    private String createInPage(String kind, String name) {
        return createInPage(kind, name, "0");
    }

    /** As {@link #createInPage(String, String)}, expiring in {@code expiryDays} ("0": never). */
    private String createInPage(String kind, String name, String expiryDays) {
        if (!section(kind).isDisplayed()) {
            navigate(kind.equals("API") ? "tokens" : "integrations");
        }
        var form = inside(section(kind), "create-form");
        type(inside(form, "create-name"), name);
        selectExpiry(form, expiryDays);
        inside(form, "create-submit").click();
        var dialog = awaitDialog("secret-dialog");
        var secret = inside(dialog, "secret-value").getDomProperty("value");
        secrets.add(secret);
        inside(dialog, "secret-done").click();
        await(() -> !dialog.isDisplayed());
        row(kind, name);
        return secret;
    }

    private void selectExpiry(WebElement form, String days) {
        inside(form, "create-expiry")
                .findElement(By.cssSelector("option[value='" + days + "']"))
                .click();
    }

    /**
     * From now on in this page, the CSRF token of the next {@code times} changes (-1: of every
     * change) is replaced by a wrong one before it leaves; {@link #requestsSeen()} lists the
     * requests since.
     */
    private static void staleCsrfTokens(int times) {
        script(
                "window.staleCsrf = arguments[0]; window.requestsSeen = [];"
                        + "if (!window.realFetch) {"
                        + "  window.realFetch = window.fetch.bind(window);"
                        + "  window.fetch = async (path, init = {}) => {"
                        + "    let sent = init;"
                        + "    if (init.headers && 'X-CSRF-Token' in init.headers && window.staleCsrf !== 0) {"
                        + "      window.staleCsrf--;"
                        + "      sent = {...init, headers: {...init.headers, 'X-CSRF-Token': 'stale'}};"
                        + "    }"
                        + "    const response = await window.realFetch(path, sent);"
                        + "    window.requestsSeen.push((init.method || 'GET') + ' '"
                        + "      + path.replace(/\\/tokens\\/[^/]+\\//, '/tokens/{id}/') + ' ' + response.status);"
                        + "    return response;"
                        + "  };"
                        + "}",
                times);
    }

    @SuppressWarnings("unchecked")
    private static List<String> requestsSeen() {
        return (List<String>) script("return window.requestsSeen");
    }

    private WebElement section(String kind) {
        return byTestId("section-" + kind);
    }

    /** The token rows of a page (API or INTEGRATION), shown or not. */
    private List<WebElement> tokenRows(String kind) {
        return section(kind).findElements(By.cssSelector("[data-testid=token-row]"));
    }

    /** The rows on show of the page in view: {@code token-row} or {@code audit-row}. */
    private List<WebElement> shownRows(String testId) {
        return driver.findElements(By.cssSelector("[data-testid=" + testId + "]")).stream()
                .filter(WebElement::isDisplayed)
                .collect(Collectors.toList());
    }

    /** The row of the token named {@code name}, once the page shows it. */
    private WebElement row(String kind, String name) {
        return new WebDriverWait(driver, WAIT)
                .ignoring(StaleElementReferenceException.class)
                .until(d -> tokenRows(kind).stream()
                        .filter(row -> nameOf(row).equals(name))
                        .findFirst()
                        .orElse(null));
    }

    private static String nameOf(WebElement row) {
        return inside(row, "token-name").getText();
    }

    private static String status(WebElement row) {
        return inside(row, "token-status").getText().replaceAll("^[^a-z]+", "");
    }

    private static String seatState(WebElement row) {
        return inside(row, "seat-state").getAttribute("data-state");
    }

    private static Instant datetime(WebElement time) {
        return Instant.parse(time.getAttribute("datetime"));
    }

    private WebElement awaitDialog(String id) {
        var dialog = byId(id);
        await(() -> dialog.getAttribute("open") != null && dialog.isDisplayed());
        return dialog;
    }

    private static boolean focusIsInside(String dialogId) {
        return Boolean.TRUE.equals(
                script("return document.getElementById(arguments[0]).contains(document.activeElement)", dialogId));
    }

    private void assertFitsIn360(String what) {
        var scrollWidth = ((Number) script("return document.documentElement.scrollWidth")).longValue();
        var clientWidth = ((Number) script("return document.documentElement.clientWidth")).longValue();
        assertThat(scrollWidth).as("%s: page width at 360 px", what).isLessThanOrEqualTo(360);
        assertThat(scrollWidth).as("%s: horizontal scrolling", what).isLessThanOrEqualTo(clientWidth);
    }

    /**
     * A modal dialog does not widen the page: it fits when it does not scroll sideways itself and
     * lies within the window.
     */
    private void assertDialogFitsIn360(String dialogId) {
        @SuppressWarnings("unchecked")
        var box = (Map<String, Number>) script(
                "const d = document.getElementById(arguments[0]); const r = d.getBoundingClientRect();"
                        + "return {scrollWidth: d.scrollWidth, clientWidth: d.clientWidth,"
                        + " left: r.left, right: r.right, innerWidth: window.innerWidth};",
                dialogId);
        assertThat(box.get("innerWidth").doubleValue()).as("window width").isLessThanOrEqualTo(360);
        assertThat(box.get("scrollWidth").longValue())
                .as("%s: horizontal scrolling inside it", dialogId)
                .isLessThanOrEqualTo(box.get("clientWidth").longValue());
        assertThat(box.get("left").doubleValue()).as("%s: left edge", dialogId).isGreaterThanOrEqualTo(0);
        assertThat(box.get("right").doubleValue())
                .as("%s: right edge", dialogId)
                .isLessThanOrEqualTo(box.get("innerWidth").doubleValue());
    }

    private static WebElement byTestId(String testId) {
        return driver.findElement(By.cssSelector("[data-testid='" + testId + "']"));
    }

    private static WebElement inside(WebElement parent, String testId) {
        return parent.findElement(By.cssSelector("[data-testid='" + testId + "']"));
    }

    private static WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    private static WebElement byTag(String tag) {
        return driver.findElement(By.tagName(tag));
    }

    private static void type(WebElement input, String text) {
        input.clear();
        input.sendKeys(text);
    }

    private static Object script(String code, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(code, args);
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        new WebDriverWait(driver, WAIT)
                .ignoring(StaleElementReferenceException.class)
                .until(d -> condition.getAsBoolean());
    }

    private static void screenshot(String name) {
        var shot = driver.getScreenshotAs(OutputType.FILE);
        try {
            Files.copy(shot.toPath(), screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    /** A screenshot of the popup with the secret's middle masked: no secret in the build's output. */
    private static void screenshotHidingSecret(String name, String secret) {
        var masked = secret.substring(0, 4) + "•".repeat(secret.length() - 8) + secret.substring(secret.length() - 4);
        script("document.getElementById('secret-value').value = arguments[0]", masked);
        try {
            screenshot(name);
        } finally {
            script("document.getElementById('secret-value').value = arguments[0]", secret);
        }
    }

    // ----------------------------------------------------------------------------------------------

    private record Reply(int status, JsonNode body) {}

    private static Reply verify(String secret, String machine) {
        return verify(secret, machine, CLIENT);
    }

    private static Reply verify(String secret, String machine, String userAgent) {
        return verifyAt("/v1/auth/verify", secret, machine, userAgent);
    }

    private static Reply verifyIntegration(String secret, String machine) {
        return verifyAt("/v1/integrations/verify", secret, machine, CLIENT);
    }

    private static Reply verifyAt(String path, String secret, String machine, String userAgent) {
        return post(
                path,
                null,
                List.of("Authorization", "Bearer " + secret, "X-Machine-Id", machine, "User-Agent", userAgent));
    }

    private static Reply post(String path, String body, List<String> headers) {
        var request = HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)))
                .timeout(Duration.ofSeconds(10))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.size(); i += 2) {
            request.header(headers.get(i), headers.get(i + 1));
        }
        try {
            var response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            var text = response.body();
            return new Reply(response.statusCode(), text.isBlank() ? JSON.missingNode() : JSON.readTree(text));
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
