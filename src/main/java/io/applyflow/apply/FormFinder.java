package io.applyflow.apply;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.regex.Pattern;

/**
 * Finds the application form on a page and its submit button without knowing the ATS's markup: the form is the
 * visible {@code <form>} holding the most fillable controls (a file input counts extra: an application asks for a
 * resume; a search box or a newsletter sign-up does not; a form asking for a password is a sign-in, never an
 * application); on a page without a {@code <form>} (a client-side
 * application), it is the nearest ancestor of the visible "Submit" button that holds at least two controls. The
 * element found is marked {@code data-applyflow-form} so later steps address it by {@link #SELECTOR}.
 *
 * <p>The submit button is the form's visible {@code [type=submit]}, else the visible button (or
 * {@code role=button}) in it whose accessible name says submit, apply or send.
 */
final class FormFinder {
  /** The form found by {@link #mark}. */
  static final String SELECTOR = "[data-applyflow-form]";
  /** A button's name that submits an application. */
  static final Pattern SUBMIT_NAME = Pattern.compile("\\b(submit|apply|send)\\b", Pattern.CASE_INSENSITIVE);

  private static final String MARK = """
      () => {
        const visible = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
        const fillable = 'input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset]),'
            + ' select, textarea, [role=combobox], [role=listbox], [role=radiogroup], [role=checkbox], [role=radio]';
        const score = root => Array.from(root.querySelectorAll(fillable)).filter(e => visible(e)
            || (e.type === 'file')).length + (root.querySelector('input[type=file]') ? 5 : 0);
        let best = null;
        let bestScore = 0;
        for (const f of document.querySelectorAll('form')) {
          // a sign-in form is not an application form (a login wall stands where the form should be)
          if (!visible(f) || f.querySelector('input[type=password]')) continue;
          const s = score(f);
          if (s > bestScore) { best = f; bestScore = s; }
        }
        if (!best) {
          const named = b => /\\b(submit|apply|send)\\b/i.test((b.getAttribute('aria-label') || b.textContent || b.value || '').trim());
          const button = Array.from(document.querySelectorAll('button, [role=button], input[type=submit]'))
              .find(b => visible(b) && named(b));
          let n = button ? button.parentElement : null;
          while (n && n !== document.body && score(n) < 2) n = n.parentElement;
          if (n && n !== document.body) { best = n; bestScore = score(n); }
        }
        document.querySelectorAll('[data-applyflow-form]').forEach(e => e.removeAttribute('data-applyflow-form'));
        if (!best || bestScore < 2) return false;
        best.setAttribute('data-applyflow-form', '');
        return true;
      }
      """;

  private FormFinder() {
  }

  /** Marks the page's application form; false when the page has none. */
  static boolean mark(Page page) {
    return Boolean.TRUE.equals(page.evaluate(MARK));
  }

  /** The submit button of the marked form, or an empty locator. */
  static Locator submitButton(Page page) {
    Locator form = page.locator(SELECTOR);
    Locator typed = form.locator("[type='submit']").filter(new Locator.FilterOptions().setVisible(true));
    if (typed.count() > 0) {
      return typed.first();
    }
    Locator named = form.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
        new Locator.GetByRoleOptions().setName(SUBMIT_NAME)).filter(new Locator.FilterOptions().setVisible(true));
    return named.first();
  }
}
