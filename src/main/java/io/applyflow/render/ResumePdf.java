package io.applyflow.render;

import io.applyflow.platform.fonts.Fonts;
import com.openhtmltopdf.extend.impl.FSDefaultCacheStore;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.XRLog;
import io.applyflow.tailor.Education;
import io.applyflow.tailor.Link;
import io.applyflow.tailor.Role;
import io.applyflow.tailor.TailoredResume;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.jsoup.Jsoup;
import org.jsoup.helper.W3CDom;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders a {@link TailoredResume} to an ATS-friendly PDF: the Thymeleaf template of the chosen
 * {@link RenderOptions.Template} ({@code templates/render/resume-<id>.html}) on the chosen paper → Jsoup →
 * W3C DOM → openhtmltopdf (PDFBox). The cover letter ({@code templates/render/cover-letter.html}) starts with the
 * same header ({@code templates/render/header.html}: name, label, contact line) on the same paper.
 *
 * <p>The output is single column with real, selectable text in the bundled {@link Fonts} (embedded subsets; Latin,
 * Greek, Cyrillic, Hebrew, Arabic, Devanagari and CJK), tagged for PDF/UA and conforming to PDF/A-3u (sRGB output
 * intent). It has no page footer: margin boxes are written first on each page in content order, so a text extractor
 * would read "Page 1 of 2" before the name. Dates like {@code 2020-02-01} are shown as "Feb 2020"; every other text is
 * shown as written.
 *
 * <p>Threading: blocking and CPU-bound (a one-page resume takes about 19 ms of CPU warm, and about 1.4 s for the first
 * render in a JVM, on the project's 2-core machine: RenderBench), so call it from a worker thread. One instance may be
 * shared by any number of threads: the template engine and the font-metrics cache are thread-safe, each thread parses
 * the fonts once ({@link Fonts}), and each render builds its own {@link PdfRendererBuilder} and document. The
 * templates are parsed once per JVM (one shared engine with a caching resolver), however many instances there are. The
 * renderer fetches no external resource (no images, fonts or stylesheets from URLs). Fitting a page budget is
 * {@link PageBudget}'s job, which calls {@link #render(TailoredResume, RenderOptions)} as often as it needs.
 */
public final class ResumePdf {

  private static final byte[] SRGB = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
  /** Font metrics parsed once and shared by every render in the JVM; roughly halves warm render time. */
  private static final FSDefaultCacheStore FONT_METRICS = new FSDefaultCacheStore();
  private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{2})(?:-\\d{2})?");

  static {
    // openhtmltopdf logs every step at INFO through java.util.logging.
    XRLog.setLoggingEnabled(false);
  }

  /**
   * One engine for the JVM: its resolver caches every parsed template, so each template file is read and parsed
   * once however many renderers exist (the tests make many; the app makes one per render deployment).
   */
  private static final TemplateEngine ENGINE = engine();

  private static TemplateEngine engine() {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(ResumePdf.class.getClassLoader());
    resolver.setPrefix("templates/");
    resolver.setSuffix(".html");
    resolver.setTemplateMode(TemplateMode.HTML);
    resolver.setCharacterEncoding("UTF-8");
    resolver.setCacheable(true);
    TemplateEngine e = new TemplateEngine();
    e.setTemplateResolver(resolver);
    return e;
  }

  /** Creates a renderer using the templates under {@code templates/render/} on the classpath. */
  public ResumePdf() {
  }

  /**
   * Renders the resume with {@link RenderOptions#DEFAULTS} (classic, Letter).
   *
   * @throws UncheckedIOException if openhtmltopdf fails to write the document
   */
  public byte[] render(TailoredResume r) {
    return render(r, RenderOptions.DEFAULTS);
  }

  /**
   * Renders the resume to PDF bytes in the options' template and paper, with every bullet it is given (the page
   * budget is {@link PageBudget}'s).
   *
   * @throws UncheckedIOException if openhtmltopdf fails to write the document
   */
  public byte[] render(TailoredResume r, RenderOptions options) {
    return pdf(html(r, options));
  }

  /**
   * Renders a cover letter on Letter paper with a header of just a name and one contact line.
   *
   * @throws UncheckedIOException if openhtmltopdf fails to write the document
   */
  public byte[] renderLetter(String name, String contact, List<String> paragraphs) {
    return renderLetter(name, contact, paragraphs, RenderOptions.DEFAULTS);
  }

  /**
   * Renders a cover letter with a header of just a name and one plain contact line, on the options' paper.
   *
   * @throws UncheckedIOException if openhtmltopdf fails to write the document
   */
  public byte[] renderLetter(String name, String contact, List<String> paragraphs, RenderOptions options) {
    List<Map<String, Object>> items = contact == null ? List.of() : List.of(item(contact, null, null));
    return letter(name, null, items, paragraphs, options);
  }

  /**
   * Renders a cover letter (the template {@code templates/render/cover-letter.html}): the resume's own header (name,
   * label, contact line with links, as {@link #render(TailoredResume, RenderOptions)} prints it), then the
   * paragraphs as written, on the options' paper.
   *
   * @throws UncheckedIOException if openhtmltopdf fails to write the document
   */
  public byte[] renderLetter(TailoredResume r, List<String> paragraphs, RenderOptions options) {
    return letter(r.name(), r.label(), contact(r), paragraphs, options);
  }

  private byte[] letter(String name, String label, List<Map<String, Object>> contact, List<String> paragraphs,
                        RenderOptions options) {
    Map<String, Object> m = new HashMap<>();
    m.put("title", name == null ? "Cover letter" : name + " – Cover letter");
    m.put("name", name);
    m.put("label", label);
    m.put("contact", contact);
    m.put("paragraphs", paragraphs);
    m.put("paper", options.paper().css());
    m.put("fontFamilies", Fonts.CSS_FAMILIES);
    return pdf(ENGINE.process("render/cover-letter", new Context(Locale.ENGLISH, m)));
  }

  /**
   * XHTML → PDF/UA + PDF/A-3u with the embedded {@link Fonts} and no external resources. The text is put in Unicode
   * NFC first, with any ligature or presentation form written as its letters ({@link TextLayer#letters}), so the text
   * layer holds the composed characters the gate compares with; right-to-left runs are
   * reordered and Arabic shaped ({@link IcuBidi}), and the shaped forms' text layer mapped back ({@link TextLayer}).
   */
  private static byte[] pdf(String html) {
    String nfc = Normalizer.normalize(TextLayer.letters(html), Normalizer.Form.NFC);
    org.jsoup.nodes.Document parsed = Jsoup.parse(nfc);
    IcuBidi.markLeftToRightLines(parsed.body());
    org.w3c.dom.Document dom = new W3CDom().fromJsoup(parsed);
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    PdfRendererBuilder b = new PdfRendererBuilder();
    PDDocument doc = new PDDocument();
    b.usePDDocument(doc);
    Fonts.register(b, doc);
    b.useUnicodeBidiSplitter(IcuBidi.SPLITTERS);
    b.useUnicodeBidiReorderer(IcuBidi.REORDERER);
    b.defaultTextDirection(BaseRendererBuilder.TextDirection.LTR);
    b.useUnicodeLineBreaker(new LineBreaks());
    b.useCacheStore(PdfRendererBuilder.CacheStore.PDF_FONT_METRICS, FONT_METRICS);
    b.usePdfUaAccessibility(true);
    b.usePdfAConformance(PdfRendererBuilder.PdfAConformance.PDFA_3_U);
    b.useColorProfile(SRGB);
    b.useExternalResourceAccessControl((uri, type) -> false,
        ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI);
    b.withProducer("Applyflow");
    b.withW3cDocument(dom, null);
    b.toStream(out);
    try (doc) {
      b.run();
    } catch (IOException e) {
      throw new UncheckedIOException("PDF render failed", e);
    }
    return TextLayer.needsFixing(nfc) ? TextLayer.fix(out.toByteArray()) : out.toByteArray();
  }

  /** The HTML the default PDF is made from; useful as a preview. */
  public String html(TailoredResume r) {
    return html(r, RenderOptions.DEFAULTS);
  }

  /** The HTML the PDF in these options is made from. */
  public String html(TailoredResume r, RenderOptions options) {
    Map<String, Object> m = model(r);
    m.put("paper", options.paper().css());
    m.put("fontFamilies", Fonts.CSS_FAMILIES);
    return ENGINE.process("render/resume-" + options.template().id(), new Context(Locale.ENGLISH, m));
  }

  /** Flattens the resume into display strings so the template holds no logic beyond loops. */
  static Map<String, Object> model(TailoredResume r) {
    Map<String, Object> m = new HashMap<>();
    m.put("title", r.name() == null ? "Resume" : r.name() + " – Resume");
    m.put("name", r.name());
    m.put("label", r.label());
    m.put("contact", contact(r));
    List<Map<String, Object>> sections = new ArrayList<>();
    for (String heading : r.sectionHeadings()) {
      Map<String, Object> s = new HashMap<>();
      s.put("heading", heading);
      switch (heading) {
        case TailoredResume.SUMMARY -> {
          s.put("kind", "summary");
          s.put("summary", r.summary() == null ? "" : r.summary().text());
        }
        case TailoredResume.EXPERIENCE -> {
          s.put("kind", "roles");
          s.put("roles", roles(r.work()));
        }
        case TailoredResume.PROJECTS -> {
          s.put("kind", "roles");
          s.put("roles", roles(r.projects()));
        }
        case TailoredResume.SKILLS -> {
          s.put("kind", "skills");
          s.put("skills", r.skillLines());
        }
        case TailoredResume.EDUCATION -> {
          s.put("kind", "education");
          s.put("education", education(r.education()));
        }
        default -> s.put("kind", "none");
      }
      sections.add(s);
    }
    m.put("sections", sections);
    return m;
  }

  private static List<Map<String, Object>> contact(TailoredResume r) {
    List<Map<String, Object>> items = new ArrayList<>();
    if (r.email() != null) {
      items.add(item(r.email(), "mailto:" + r.email(), "Email"));
    }
    if (r.phone() != null) {
      items.add(item(r.phone(), null, null));
    }
    if (r.location() != null) {
      items.add(item(r.location(), null, null));
    }
    for (Link l : r.links()) {
      if (l.url() == null) {
        continue;
      }
      items.add(item(linkText(l), isWeb(l.url()) ? l.url() : null, l.label()));
    }
    return items;
  }

  private static Map<String, Object> item(String text, String href, String title) {
    Map<String, Object> m = new HashMap<>();
    m.put("text", text);
    m.put("href", href);
    m.put("title", title == null ? text : title);
    return m;
  }

  private static List<Map<String, Object>> roles(List<Role> roles) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Role role : roles) {
      Map<String, Object> m = new HashMap<>();
      m.put("heading", join(" — ", role.title(), role.organisation()));
      m.put("meta", join(" · ", role.location(), dates(role.start(), role.end())));
      m.put("bullets", role.bullets().stream().map(b -> b.text()).toList());
      out.add(m);
    }
    return out;
  }

  private static List<Map<String, Object>> education(List<Education> education) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Education e : education) {
      Map<String, Object> m = new HashMap<>();
      m.put("heading", e.institution() == null ? join(", ", e.studyType(), e.area()) : e.institution());
      String degree = e.institution() == null ? null : join(", ", e.studyType(), e.area());
      m.put("meta", join(" · ", degree, dates(e.start(), e.end())));
      out.add(m);
    }
    return out;
  }

  /** "Feb 2020 – Present"; either end may be missing. */
  static String dates(String start, String end) {
    String s = date(start);
    String e = date(end);
    if (s != null && e != null) {
      return s.equals(e) ? s : s + " – " + e;
    }
    return s != null ? s : e;
  }

  /** "2020-02-01" and "2020-02" become "Feb 2020"; anything else is shown as written. */
  private static String date(String d) {
    if (d == null || d.isBlank()) {
      return null;
    }
    Matcher m = ISO_DATE.matcher(d.trim());
    if (m.matches()) {
      int month = Integer.parseInt(m.group(2));
      if (month >= 1 && month <= 12) {
        return Month.of(month).getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " " + m.group(1);
      }
    }
    return d;
  }

  /** Joins the non-blank parts; null when there are none. */
  static String join(String sep, String... parts) {
    List<String> kept = new ArrayList<>();
    for (String p : parts) {
      if (p != null && !p.isBlank()) {
        kept.add(p);
      }
    }
    return kept.isEmpty() ? null : String.join(sep, kept);
  }

  /** What the PDF shows for a link: a web address without its scheme, "www." and final slash; others as written. */
  static String linkText(Link l) {
    return l.url() == null ? null : isWeb(l.url()) ? shortUrl(l.url()) : l.url();
  }

  private static boolean isWeb(String url) {
    return url.matches("(?i)https?://.*");
  }

  private static String shortUrl(String url) {
    String s = url.replaceFirst("(?i)^https?://", "").replaceFirst("(?i)^www\\.", "");
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

}
