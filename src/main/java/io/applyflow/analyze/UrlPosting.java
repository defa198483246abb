package io.applyflow.analyze;

/**
 * A posting read from a URL or pasted: what the analyser scores and the tracker stores.
 *
 * @param title           the posting's title ("" when the page names none)
 * @param company         the employer, or null when unknown
 * @param location        where the job is ("Berlin, DE; Remote"), or null
 * @param descriptionHtml the description, sanitised HTML
 * @param url             the URL the user gave (null when pasted)
 * @param source          where it was read from: greenhouse, lever, ashby (their APIs), json-ld (a page's schema.org
 *                        JobPosting), page (a page's readable text) or pasted
 * @param datePosted      the posting's date as the page gives it, or null
 * @param validThrough    the posting's closing date as the page gives it, or null
 * @param salary          the base salary as text ("USD 120,000–150,000 per year"), or null
 */
public record UrlPosting(String title, String company, String location, String descriptionHtml, String url,
    String source, String datePosted, String validThrough, String salary) {

  public UrlPosting {
    title = title == null ? "" : title.strip();
    descriptionHtml = descriptionHtml == null ? "" : descriptionHtml;
  }
}
