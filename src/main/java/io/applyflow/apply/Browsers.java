package io.applyflow.apply;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Starting Playwright and Chromium. With a Chromium path (Debian's {@code /usr/bin/chromium}) Playwright
 * never downloads a browser, so it works offline; without one Playwright manages its own download.
 *
 * <p>Threading: a {@link Playwright} and everything made from it must stay on the thread that created it;
 * use one instance per worker thread.
 */
public final class Browsers {
  /** Flags that keep Chromium quiet, offline and happy as root in a container. */
  public static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run");
  private static final List<String> DEBIAN_PATHS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");

  private Browsers() {
  }

  public static Playwright createPlaywright(String chromiumPathOrNull) {
    if (chromiumPathOrNull == null || chromiumPathOrNull.isBlank()) {
      return Playwright.create();
    }
    return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
  }

  public static Browser launch(Playwright pw, String chromiumPathOrNull, boolean headless) {
    BrowserType.LaunchOptions options = new BrowserType.LaunchOptions().setHeadless(headless).setArgs(ARGS);
    if (chromiumPathOrNull != null && !chromiumPathOrNull.isBlank()) {
      options.setExecutablePath(Path.of(chromiumPathOrNull));
    }
    return pw.chromium().launch(options);
  }

  /** The configured path if set, else Debian's Chromium if installed, else null (let Playwright manage one). */
  public static String detectChromium(String configured) {
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    for (String p : DEBIAN_PATHS) {
      if (Files.isExecutable(Path.of(p))) {
        return p;
      }
    }
    return null;
  }
}
