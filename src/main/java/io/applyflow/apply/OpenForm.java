package io.applyflow.apply;

import com.microsoft.playwright.Page;

/**
 * An application form a {@link FormDriver} has opened: the page and the selector of the form on it.
 *
 * @param page     the guarded page the form is on
 * @param selector the form's selector on that page
 */
public record OpenForm(Page page, String selector) {
}
