package io.applyflow.apply;

import com.microsoft.playwright.Page;
import java.util.List;
import java.util.Map;

/**
 * The form half of an ATS adapter (the other half, the source that lists postings and reads one with its form
 * schema, is {@code search.AtsSource}): how Applyflow opens an ATS's hosted application form, reads it, fills it
 * from a {@link FillPlan} and submits it. The plan itself is {@link FillPlanner}'s, from the ATS's schema or, for an
 * ATS whose API publishes no questions, from what {@link #read} found ({@link PageSchema}).
 *
 * <p>Calls run on the thread of the Playwright that made the page.
 */
public interface FormDriver {
  /** Opens the application page at {@code url} and waits for its form. */
  OpenForm open(Page page, String url);

  /** The form's labelled controls, before anything is typed. */
  List<PageField> read(OpenForm form);

  /** Fills the plan in and reads every value back. */
  FillReport fill(OpenForm form, FillPlan plan, Map<String, Upload> files);

  /** Submits and waits for the ATS's confirmation. */
  Confirmation submit(OpenForm form);
}
