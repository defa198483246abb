package io.applyflow.apply;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.applyflow.apply.ApplyTrouble.Kind;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Greenhouse's email security-code step, read from what the page shows, not from any one page's markup. After
 * Submit the renderer may answer HTTP 428 {@code {code: "captcha-failed", security_code_recipient}} and ask for the
 * code it emailed: its i18n strings are the field label "Security code" and "A verification code was sent to
 * {{ email }}. To submit your application, enter the 8-character code to confirm you're a human."
 * (EXTERNAL_APIS.md §2.2 and §2.4; not verified against a live board).
 *
 * <p>The step is on the page when the prompt text is visible, or when a text box whose accessible name is
 * "Security code" is visible after a 428 that named a recipient. The recipient is the 428's
 * {@code security_code_recipient}, else the address in the prompt. The board's complaint about a code is the text
 * the code box points to ({@code aria-errormessage}, or {@code aria-describedby} while it is {@code aria-invalid}),
 * other than the prompt itself.
 *
 * <p>Plain Playwright; call on the page's thread.
 */
final class SecurityCodeStep {
  static final String LABEL = "Security code";
  private static final Pattern PROMPT = Pattern.compile("verification code was sent to", Pattern.CASE_INSENSITIVE);
  private static final Pattern SENT_TO = Pattern.compile(
      "verification code was sent to\\s+([^\\s@]+@[^\\s@]+?)[.,;:]?(?:\\s|$)", Pattern.CASE_INSENSITIVE);
  private static final int MAX_EMAIL = 320;

  private SecurityCodeStep() {
  }

  /** {@code security_code_recipient} of a 428 answer's JSON body, or null. */
  static String recipientOf(String json) {
    try {
      Object r = new JsonObject(json == null ? "" : json).getValue("security_code_recipient");
      return r instanceof String s && s.contains("@") && s.length() <= MAX_EMAIL ? s.strip() : null;
    } catch (DecodeException | ClassCastException e) {
      return null;
    }
  }

  /** The address named in the prompt text ("… was sent to x@y. To submit …"), or null. */
  static String recipientIn(String prompt) {
    if (prompt == null) {
      return null;
    }
    Matcher m = SENT_TO.matcher(prompt);
    return m.find() ? m.group(1) : null;
  }

  /** The visible prompt, or null. */
  static String prompt(Page page) {
    Locator text = page.getByText(PROMPT).filter(new Locator.FilterOptions().setVisible(true));
    return text.count() == 0 ? null : text.first().innerText().strip();
  }

  /** The visible code box (a text box named "Security code"), or null. */
  static Locator input(Page page) {
    Locator box = page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName(LABEL))
        .filter(new Locator.FilterOptions().setVisible(true));
    return box.count() == 0 ? null : box.first();
  }

  /** Whether the page shows the step ({@code recipient428}: what the board's 428 named, or null). */
  static boolean shown(Page page, String recipient428) {
    return prompt(page) != null || (recipient428 != null && input(page) != null);
  }

  /** Where the code went: the 428's recipient, else the prompt's address, else null. */
  static String recipient(Page page, String recipient428) {
    return recipient428 != null ? recipient428 : recipientIn(prompt(page));
  }

  /** The board's words about the code just sent (wrong, expired), or null when the step shows none. */
  static String error(Page page) {
    Locator box = input(page);
    if (box == null) {
      return null;
    }
    Object text = box.evaluate("""
        el => {
          const invalid = el.getAttribute('aria-invalid') === 'true';
          const ids = (el.getAttribute('aria-errormessage') || '').split(/\\s+/)
            .concat(invalid ? (el.getAttribute('aria-describedby') || '').split(/\\s+/) : []);
          for (const id of ids) {
            const n = id && document.getElementById(id);
            if (!n || n.hidden || !(n.offsetWidth || n.offsetHeight || n.getClientRects().length)) continue;
            const t = (n.innerText || '').trim();
            if (t && !/verification code was sent to/i.test(t)) return t;
          }
          return '';
        }""");
    String s = text == null ? "" : String.valueOf(text).strip().replaceAll("\\s+", " ");
    return s.isEmpty() ? null : s;
  }

  /**
   * Types {@code code} into the code box and checks that it reads back, then gives the button that submits the
   * box's form (its submit button, else the page's visible button named like submit, verify or confirm).
   *
   * @throws ApplyTrouble {@code UNEXPECTED_PAGE} when the step or its button is gone, {@code VALIDATION} when the
   *     box does not keep the code (a shorter {@code maxlength}, say)
   */
  static Locator enter(Page page, String code) {
    Locator box = input(page);
    if (box == null) {
      throw new ApplyTrouble(Kind.UNEXPECTED_PAGE, "the security code field ('" + LABEL + "') is no longer on "
          + page.url());
    }
    box.fill(code, new Locator.FillOptions().setTimeout(HostedForm.FIELD_TIMEOUT_MS));
    String shown = box.inputValue();
    if (!code.equals(shown)) {
      throw new ApplyTrouble(Kind.VALIDATION, "the security code field shows '" + shown + "' after typing the "
          + code.length() + "-character code");
    }
    Locator button = box.locator("xpath=ancestor::form[1]")
        .locator("button[type='submit'], input[type='submit']")
        .filter(new Locator.FilterOptions().setVisible(true));
    if (button.count() == 0) {
      button = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
              .setName(Pattern.compile("submit|verify|confirm", Pattern.CASE_INSENSITIVE)))
          .filter(new Locator.FilterOptions().setVisible(true));
    }
    if (button.count() == 0) {
      throw new ApplyTrouble(Kind.UNEXPECTED_PAGE, "no button submits the security code on " + page.url());
    }
    return button.last();
  }
}
