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
  /** Flags that keep Chromium quiet and offline. Its sandbox is on unless {@link #sandboxOff} says otherwise. */
  public static final List<String> ARGS = List.of("--disable-gpu", "--disable-background-networking",
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

  /** Launches Chromium with its sandbox on, except as root ({@link #sandboxOff}). */
  public static Browser launch(Playwright pw, String chromiumPathOrNull, boolean headless) {
    return launch(pw, chromiumPathOrNull, headless, false);
  }

  /**
   * Launches Chromium with its sandbox on, unless {@code noSandbox} is set (configuration: {@code CHROMIUM_NO_SANDBOX},
   * for containers without the kernel features the sandbox needs) or this process runs as root, where Chromium
   * refuses to start with it.
   */
  public static Browser launch(Playwright pw, String chromiumPathOrNull, boolean headless, boolean noSandbox) {
    // Playwright leaves the sandbox off unless told otherwise: say so explicitly, both ways.
    BrowserType.LaunchOptions options = new BrowserType.LaunchOptions().setHeadless(headless).setArgs(ARGS)
        .setChromiumSandbox(!sandboxOff(noSandbox));
    if (chromiumPathOrNull != null && !chromiumPathOrNull.isBlank()) {
      options.setExecutablePath(Path.of(chromiumPathOrNull));
    }
    return pw.chromium().launch(options);
  }

  /** Whether Chromium runs without its sandbox: when configured so, or as root (uid 0), where it cannot start with it. */
  public static boolean sandboxOff(boolean configured) {
    return configured || runningAsRoot();
  }

  static boolean runningAsRoot() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          String[] ids = line.substring(4).trim().split("\\s+");
          return ids.length > 1 && "0".equals(ids[1]); // the effective uid
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      // not Linux: fall back to the user name
    }
    return "root".equals(System.getProperty("user.name"));
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
