package space.atbb.appview.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import space.atbb.appview.testing.ForumSeed;
import space.atbb.appview.testing.RunningAppView;
import space.atbb.db.Database;
import space.atbb.db.schema.Board;
import space.atbb.db.schema.Category;
import space.atbb.db.schema.Post;
import space.atbb.db.schema.User;
import space.atbb.db.testing.DatabaseKind;
import space.atbb.db.testing.DatabaseTest;

/**
 * A person's walk through the forum in headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}): home, a board, a thread and its second page, an author, a search.
 * Screenshots of every step go to {@code target/screenshots/}.
 */
class BrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** What the hostile posts would do if they ran; the test looks for it after every page. */
    private static final String SCRIPT_POST = "<script>document.body.setAttribute('data-pwned', 'script')</script>";
    private static final String IMG_POST = "<img src=x onerror=\"document.body.setAttribute('data-pwned', 'img')\">";

    private static ChromeDriver browser;

    @BeforeAll
    static void startBrowser() {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("the browser tests need Chromium and its driver: apt-get install -y chromium chromium-driver")
                .isTrue();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1200,900");
        // The system's driver, named here, so that Selenium never looks for one to download.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @DatabaseTest
    void walksFromTheBoardsToAThreadItsSecondPageAnAuthorAndASearch(Database db, DatabaseKind kind)
            throws IOException {
        ForumSeed seed = new ForumSeed(db);
        seed.forum("Gardeners' Corner", "Everything that grows");
        Category plants = seed.category("Plants", 1);
        seed.category("Off topic", 2);
        Board roses = seed.board(plants, "Roses", 1);
        seed.board(plants, "Tulips", 2);
        User alice = seed.user("did:plc:alice", "alice.example");
        User bob = seed.user("did:plc:bob");
        Post pruning = seed.topic(alice, roses, "When to prune", 0);
        for (int i = 1; i <= 30; i++) {
            seed.reply(i % 2 == 0 ? alice : bob, pruning, "Reply number " + i + " about pruning", i);
        }
        seed.hide(seed.reply(bob, pruning, "A hidden reply about marigolds", 31), true, false);
        seed.hide(seed.topic(bob, roses, "A hidden topic", 32), false, true);
        Post hostile = seed.topic(bob, roses, SCRIPT_POST, 33);
        seed.reply(bob, hostile, IMG_POST, 34);
        seed.topic(alice, roses, "Marigolds next to roses", 35);

        try (RunningAppView app = RunningAppView.start(db, ForumSeed.FORUM_DID)) {
            String shots = kind.name().toLowerCase();
            browser.get(app.url("/"));
            assertThat(browser.getTitle()).isEqualTo("Boards · Gardeners' Corner");
            assertThat(text("h1")).isEqualTo("Gardeners' Corner");
            assertThat(texts("main h2")).containsExactly("Plants", "Off topic");
            assertThat(texts(".boards h3")).containsExactly("Roses", "Tulips");
            // Visible: 3 topics; 30 replies to the first, 1 to the hostile one.
            assertThat(text(".boards li")).contains("3 topics, 34 posts");
            screenshot(shots + "-1-home");

            browser.findElement(By.linkText("Roses")).click();
            assertThat(text("h1")).isEqualTo("Roses");
            assertThat(texts(".topics h2")).containsExactly("Marigolds next to roses", SCRIPT_POST, "When to prune");
            assertThat(text(".topics li:last-child .meta")).contains("by alice.example").contains("30 replies")
                    .contains("last reply 1 Nov 2026, 10:30 UTC by alice.example");
            assertThat(pageText()).doesNotContain("A hidden topic");
            screenshot(shots + "-2-board");

            browser.findElement(By.linkText("When to prune")).click();
            assertThat(browser.getTitle()).startsWith("When to prune ·");
            assertThat(text(".crumbs")).isEqualTo("All boards › Roses");
            assertThat(texts(".post .text")).hasSize(26).startsWith("text of When to prune", "Reply number 1 about pruning")
                    .endsWith("Reply number 25 about pruning");
            screenshot(shots + "-3-thread");

            browser.findElement(By.linkText("Next page")).click();
            assertThat(browser.getTitle()).startsWith("When to prune (continued)");
            assertThat(texts(".post .text")).containsExactly("Reply number 26 about pruning",
                    "Reply number 27 about pruning", "Reply number 28 about pruning", "Reply number 29 about pruning",
                    "Reply number 30 about pruning");
            assertThat(pageText()).doesNotContain("A hidden reply");
            assertThat(browser.findElements(By.linkText("Next page"))).isEmpty();
            screenshot(shots + "-4-thread-page-2");

            browser.findElement(By.cssSelector("#post-" + lastReplyOf(pruning, db) + " a.author")).click();
            assertThat(text("h1")).isEqualTo("alice.example");
            assertThat(texts(".post .text")).startsWith("text of Marigolds next to roses",
                    "Reply number 30 about pruning").doesNotContain("A hidden reply about marigolds");
            screenshot(shots + "-5-author");

            WebElement search = browser.findElement(By.id("search-q"));
            assertThat(browser.findElement(By.cssSelector("label[for=search-q]")).getText()).isEqualTo("Search posts");
            search.sendKeys("marigolds", Keys.ENTER);
            assertThat(text("h1")).isEqualTo("Search results");
            assertThat(text(".query")).isEqualTo("marigolds");
            assertThat(texts(".post .text")).containsExactly("text of Marigolds next to roses");
            screenshot(shots + "-6-search");

            browser.findElement(By.id("search-q")).clear();
            browser.findElement(By.id("search-q")).sendKeys("\"number 27 about\"", Keys.ENTER);
            assertThat(texts(".post .text")).containsExactly("Reply number 27 about pruning");

            browser.get(app.url("/topics/" + hostile.getId()));
            assertThat(text("h1")).isEqualTo(SCRIPT_POST);
            assertThat(texts(".post .text")).containsExactly("text of " + SCRIPT_POST, IMG_POST);
            assertThat(browser.findElements(By.cssSelector("main script, main img"))).isEmpty();
            screenshot(shots + "-7-hostile");

            browser.get(app.url("/topics/999999"));
            assertThat(text("h1")).isEqualTo("Topic not found");
            screenshot(shots + "-8-not-found");

            browser.manage().window().setSize(new Dimension(390, 844));
            browser.get(app.url("/boards/" + roses.getId()));
            Long overflow = (Long) ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(overflow).as("no sideways scrolling on a phone").isLessThanOrEqualTo(0);
            screenshot(shots + "-9-board-on-a-phone");
        } finally {
            browser.manage().window().setSize(new Dimension(1200, 900));
        }
    }

    /** The newest reply's id: the test clicks its author. */
    private static long lastReplyOf(Post topic, Database db) {
        return db.inTransaction(s -> s.createSelectionQuery("select max(p.id) from Post p where p.rootPostId = :t"
                + " and p.bannedByMod = false", Long.class).setParameter("t", topic.getId()).getSingleResult());
    }

    private static String text(String css) {
        String shown = browser.findElement(By.cssSelector(css)).getText();
        assertNothingRan();
        return shown;
    }

    private static List<String> texts(String css) {
        List<String> shown = browser.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
        assertNothingRan();
        return shown;
    }

    private static String pageText() {
        return text("body");
    }

    /** The hostile posts' code, had it run, marks the body. */
    private static void assertNothingRan() {
        Object mark = ((JavascriptExecutor) browser).executeScript("return document.body.getAttribute('data-pwned');");
        assertThat(mark).as("a post's markup ran as script").isNull();
    }

    private static void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }
}
