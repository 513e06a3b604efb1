package dev.lockxref.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockxref.indexer.IndexRequest;
import dev.lockxref.indexer.Indexer;
import dev.lockxref.indexer.Progress;
import dev.lockxref.testing.KernelTree;
import dev.lockxref.testing.Testdata;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The UI in Debian's headless chromium, driven through chromium-driver, against a real server over
 * an index of the real 6.1 tree's fs/ and include/, with the lab's captures.
 */
class BrowserIT {
  @TempDir static Path tmp;
  static LockxrefServer server;
  static String base;
  WebDriver browser;
  WebDriverWait wait;

  @BeforeAll
  static void start() throws Exception {
    Path index = tmp.resolve("index");
    new Indexer("test").index(new IndexRequest(KernelTree.path(), null, index, 2, List.of("fs", "include"), "ctags"), Progress.NONE);
    server = new LockxrefServer(new ServerConfig(List.of(index), Testdata.captures().resolve("dir-rwsem"),
        ServerConfig.LOOPBACK, 0, ServerConfig.DEFAULT_UPLOAD_LIMIT));
    base = "http://127.0.0.1:" + server.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void open() throws Exception {
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1280,2000",
        "--user-data-dir=" + Files.createTempDirectory(tmp, "chromium"));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
        .usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(60));
  }

  @AfterEach
  void close() {
    browser.quit();
  }

  private WebElement visible(String css) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  /** Opens the incident page and uploads CAPTURE through its file input. */
  private void upload(Path capture) {
    browser.get(base + "/incident.html");
    browser.findElement(By.id("file")).sendKeys(capture.toString());
    browser.findElement(By.id("upload")).click();
  }

  @Test
  void searchALockOpenItAndFollowASiteToItsSourceLine() {
    browser.get(base + "/");
    visible("#q").sendKeys("s_vfs_rename");
    visible(".suggestions a[data-kind=lock]").click();
    wait.until(ExpectedConditions.urlContains("lock.html"));
    WebElement lock = visible(".lock[data-identity='struct super_block.s_vfs_rename_mutex']");
    assertThat(lock.getText()).contains("lock_rename").contains("mutex_lock");
    WebElement site = visible(".lock .site a[href*='namei.c']");
    String href = site.getAttribute("href");
    String line = href.substring(href.indexOf("#L") + 2);
    site.click();
    WebElement row = visible("tr#L" + line + ".target");
    assertThat(row.getText()).contains("s_vfs_rename_mutex");
    assertThat(browser.findElements(By.cssSelector("tr.site"))).isNotEmpty();
  }

  @Test
  void uploadALabCaptureSeeThePileUpAndTheHolderThenFollowToTheLockAndTheSource() throws Exception {
    upload(Testdata.captures().resolve("dir-rwsem/round1-sysrq-t.txt.xz"));
    WebElement verdict = visible(".verdict[data-identity='struct inode.i_rwsem']");
    assertThat(visible("#groups").getText()).contains("170").contains("waiting for an rwsem (write)").contains("path_openat");
    WebElement holder = visible(".holder[data-pid='357']");
    assertThat(holder.getText()).contains("spooler/357").contains("disk I/O").contains("ext4_read_inode_bitmap");
    assertThat(verdict.findElement(By.cssSelector(".words")).getText()).contains("201 tasks wait for struct inode.i_rwsem")
        .contains("spooler/357");
    assertThat(verdict.findElements(By.cssSelector("svg text"))).extracting(WebElement::getText).contains("spooler/357");
    Path shot = Path.of("target", "incident.png");
    Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

    verdict.findElement(By.cssSelector("h3 a")).click();
    visible(".lock[data-identity='struct inode.i_rwsem']");
    browser.navigate().back();
    WebElement site = visible(".verdict .site a[href*='source.html']");
    String href = site.getAttribute("href");
    String line = href.substring(href.indexOf("#L") + 2);
    site.click();
    assertThat(visible("tr#L" + line + ".target").getText()).contains("inode_lock");
  }

  @Test
  void aContentionProfilesRowsLinkToTheirLocks() throws Exception {
    upload(Testdata.captures().resolve("dir-rwsem-lockdep/round4-lock-stat.txt.xz"));
    WebElement top = visible("#profile tr.profile-row");
    assertThat(top.getText()).contains("2868").contains("&type->i_mutex_dir_key#5-W");
    assertThat(top.getAttribute("data-identity")).isEqualTo("struct inode.i_rwsem");
    // lock_stat lists every class; the rows without contention are left out
    assertThat(visible("#profile").getText()).doesNotContain("swap_lock");
    // no tasks wait here: no empty verdict section
    assertThat(browser.findElements(By.id("verdicts"))).isEmpty();
    Files.write(Path.of("target", "profile.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    top.findElement(By.cssSelector("a")).click();
    visible(".lock[data-identity='struct inode.i_rwsem']");
  }

  @Test
  void aTaskNamedLikeMarkupIsShownAsText() throws Exception {
    String name = "<img src=x onerror=alert(1)>";
    Path capture = tmp.resolve("hostile.txt");
    Files.writeString(capture, String.join("\n",
        "[  100.000000] task:" + name + " state:D stack:0     pid:4242  ppid:1      flags:0x00004002",
        "[  100.000001] Call Trace:",
        "[  100.000002]  <TASK>",
        "[  100.000003]  __schedule+0x34d/0xa00",
        "[  100.000004]  schedule+0x5a/0xd0",
        "[  100.000005]  io_schedule+0x46/0x70",
        "[  100.000006]  bit_wait_io+0xd/0x60",
        "[  100.000007]  __wait_on_bit+0x4b/0x140",
        "[  100.000008]  </TASK>", ""));
    upload(capture);
    WebElement groups = visible("#groups");
    assertThat(groups.getText()).contains(name);
    assertThat(browser.findElements(By.cssSelector("#result img"))).isEmpty();
    assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
  }
}
