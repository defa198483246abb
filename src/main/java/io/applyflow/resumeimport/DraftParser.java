package io.applyflow.resumeimport;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a draft JSON Resume from the lines of a document ({@link PdfText}, {@link DocxText}). Only what the text
 * says is written: a field the text does not give is left out, nothing is guessed or filled in.
 *
 * <p>How it reads: the lines before the first section heading ({@link Headings}) are the header: the name (the
 * title style, else the largest type), a label, and contact items split at "·", "|" or "•" (email, phone, web
 * addresses as the URL and profiles, a place as the location). Each section then: the summary's lines joined; skills
 * as "Group: a, b, c"; work, projects and education as entries, each starting at a bold or heading-styled line (or,
 * in plain text, after the bullets of the one before), whose heading ("Title — Company", "Company | Title",
 * "Title at Company") gives the position and the employer, whose first dated line gives the dates and the place, and
 * whose other lines are its highlights. In a PDF a line that wraps (it fills the measure and the next follows at the
 * normal line distance, or the next starts in lower case) is joined to the next.
 */
final class DraftParser {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\d._%+'-]+@[\\p{L}\\d.-]+\\.\\p{L}{2,}");
  private static final Pattern WEB = Pattern.compile(
      "(?i)(https?://)?(www\\.)?[\\p{L}\\d-]+(\\.[\\p{L}\\d-]+)*\\.\\p{L}{2,}(:\\d+)?(/[^\\s]*)?");
  private static final Pattern CONTACT_SPLIT = Pattern.compile("\\s*[·|•◆♦▪●]\\s*|\\s{2,}");
  private static final Pattern LABEL_PREFIX = Pattern.compile(
      "(?i)^(e-?mail|mail|phone|tel|telephone|mobile|cell|linkedin|github|web|website|site|portfolio|address|"
          + "location|telefon|téléphone|teléfono|handy)\\s*[:：]\\s*");
  private static final Pattern GPA = Pattern.compile("(?i)\\b(?:GPA|grade|note|Note)\\s*[:：]?\\s*([\\d.,]+(?:\\s?/\\s?[\\d.,]+)?)");
  private static final String[] HEADING_SEPARATORS = {" — ", " – ", " | ", " @ ", " at ", " bei ", " chez ", " en ",
      " - ", ", "};
  private static final List<String> TITLE_WORDS = List.of("engineer", "developer", "programmer", "manager",
      "director", "analyst", "designer", "consultant", "intern", "lead", "architect", "scientist", "specialist",
      "coordinator", "assistant", "officer", "administrator", "teacher", "nurse", "head of", "vp", "vice president",
      "president", "founder", "ceo", "cto", "cfo", "coo", "associate", "representative", "technician", "researcher",
      "editor", "writer", "accountant", "supervisor", "graduate", "student", "volunteer", "tutor", "professor",
      "lecturer", "owner", "partner", "principal", "staff", "senior", "junior", "sre", "devops", "executive",
      "advisor", "adviser", "contractor", "freelancer", "agent", "clerk", "cook", "chef", "driver", "operator",
      "fellow", "trainee", "apprentice", "entwickler", "ingenieur", "leiter", "berater", "praktikant", "ingénieur",
      "développeur", "stagiaire", "chef de", "ingeniero", "desarrollador", "gerente", "engenheiro",
      "desenvolvedor", "sviluppatore", "μηχανικός", "προγραμματιστής", "инженер", "разработчик", "программист",
      "руководитель", "エンジニア", "開発", "マネージャー", "工程师", "经理", "开发", "מהנדס", "مهندس", "इंजीनियर");
  private static final List<String> SCHOOL_WORDS = List.of("university", "college", "school", "institute",
      "academy", "polytechnic", "universität", "hochschule", "université", "école", "universidad", "universidade",
      "università", "politecnico", "politechnika", "uniwersytet", "universiteit", "πανεπιστήμιο", "университет",
      "институт", "大学", "大學", "学院", "संस्थान", "विश्वविद्यालय", "אוניברסיטת", "جامعة", "bootcamp");
  private static final Map<String, String> NETWORKS = new HashMap<>();

  static {
    NETWORKS.put("linkedin.com", "LinkedIn");
    NETWORKS.put("github.com", "GitHub");
    NETWORKS.put("gitlab.com", "GitLab");
    NETWORKS.put("twitter.com", "Twitter");
    NETWORKS.put("x.com", "X");
    NETWORKS.put("stackoverflow.com", "Stack Overflow");
    NETWORKS.put("medium.com", "Medium");
    NETWORKS.put("behance.net", "Behance");
    NETWORKS.put("dribbble.com", "Dribbble");
    NETWORKS.put("kaggle.com", "Kaggle");
    NETWORKS.put("bitbucket.org", "Bitbucket");
    NETWORKS.put("xing.com", "XING");
    NETWORKS.put("youtube.com", "YouTube");
    NETWORKS.put("soundcloud.com", "SoundCloud");
  }

  private DraftParser() {
  }

  static ObjectNode parse(List<Line> input) {
    List<Line> lines = joinWrapped(input);
    ObjectNode resume = JSON.objectNode();
    ObjectNode basics = JSON.objectNode();
    int first = 0;
    while (first < lines.size() && !isSectionHeading(lines.get(first))) {
      first++;
    }
    header(lines.subList(0, first), basics);

    Headings.Section section = null;
    List<Line> body = new ArrayList<>();
    for (int i = first; i <= lines.size(); i++) {
      Line l = i < lines.size() ? lines.get(i) : null;
      if (l == null || isSectionHeading(l)) {
        if (section != null) {
          section(section, body, resume, basics);
        }
        if (l != null) {
          section = Headings.of(l.text());
        }
        body = new ArrayList<>();
      } else {
        body.add(l);
      }
    }
    if (!basics.has("email")) {
      for (Line l : lines) { // an address at the foot of the page, or in a section
        Matcher m = EMAIL.matcher(l.text());
        if (m.find()) {
          basics.put("email", m.group());
          break;
        }
      }
    }
    if (!basics.isEmpty()) {
      resume.set("basics", basics);
      // keep basics first, as JSON Resume writes it
      ObjectNode ordered = JSON.objectNode();
      ordered.set("basics", basics);
      resume.fields().forEachRemaining(e -> {
        if (!e.getKey().equals("basics")) {
          ordered.set(e.getKey(), e.getValue());
        }
      });
      return ordered;
    }
    return resume;
  }

  // --- lines -----------------------------------------------------------------------------------------------------

  static boolean isSectionHeading(Line l) {
    return !l.bullet() && Headings.of(l.text()) != null;
  }

  /** Joins the PDF lines that continue the one above (a wrapped paragraph or bullet). */
  static List<Line> joinWrapped(List<Line> in) {
    Map<Integer, Float> minGap = new HashMap<>();
    for (Line l : in) {
      if (l.page() > 0 && l.gap() > l.size() * 0.8f) {
        minGap.merge(sizeKey(l), l.gap(), Math::min);
      }
    }
    List<Line> out = new ArrayList<>();
    for (Line l : in) {
      Line prev = out.isEmpty() ? null : out.get(out.size() - 1);
      if (prev != null && continues(prev, l, minGap)) {
        String sep = endsWithWideChar(prev.text()) ? "" : " ";
        out.set(out.size() - 1, new Line(prev.text() + sep + l.text(), prev.size(), prev.bold(), prev.styled(),
            prev.level(), prev.bullet(), prev.page(), prev.gap(), l.full()));
      } else {
        out.add(l);
      }
    }
    return out;
  }

  private static boolean continues(Line prev, Line l, Map<Integer, Float> minGap) {
    if (l.page() == 0 || prev.page() == 0 || l.bullet() || l.strong() || prev.strong() || sizeKey(l) != sizeKey(prev)
        || isSectionHeading(l) || isSectionHeading(prev)) {
      return false;
    }
    String p = prev.text();
    char last = p.charAt(p.length() - 1);
    boolean sentenceEnded = last == '.' || last == '!' || last == '?' || last == ':' || last == '。';
    if (Text.startsLowerCase(l.text()) && !sentenceEnded && prev.full()) {
      return true;
    }
    Float normal = minGap.get(sizeKey(l));
    if (!prev.full()) {
      return false;
    }
    if (l.page() != prev.page()) {
      return Text.startsLowerCase(l.text());
    }
    return normal != null && l.gap() > 0 && l.gap() <= normal * 1.025f;
  }

  private static boolean endsWithWideChar(String s) {
    int cp = s.codePointBefore(s.length());
    Character.UnicodeScript sc = Character.UnicodeScript.of(cp);
    return sc == Character.UnicodeScript.HAN || sc == Character.UnicodeScript.HIRAGANA
        || sc == Character.UnicodeScript.KATAKANA;
  }

  private static int sizeKey(Line l) {
    return Math.round(l.size() * 2);
  }

  // --- header ----------------------------------------------------------------------------------------------------

  private static void header(List<Line> header, ObjectNode basics) {
    if (header.isEmpty()) {
      return;
    }
    int nameAt = -1;
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).level() == 0) {
        nameAt = i;
        break;
      }
    }
    if (nameAt < 0) {
      float max = -1;
      for (int i = 0; i < header.size(); i++) {
        Line l = header.get(i);
        if (l.size() > max && isNameLike(l.text())) {
          max = l.size();
          nameAt = i;
        }
      }
    }
    if (nameAt >= 0) {
      basics.put("name", header.get(nameAt).text());
    }
    ArrayNode profiles = JSON.arrayNode();
    for (int i = 0; i < header.size(); i++) {
      if (i == nameAt) {
        continue;
      }
      String text = header.get(i).text();
      List<String> items = List.of(CONTACT_SPLIT.split(text));
      boolean contactLine = items.stream().anyMatch(it -> kindOf(it) != null);
      if (!contactLine && !basics.has("label") && i == nameAt + 1 && items.size() == 1
          && (isTitleish(text) || !isPlace(text))) {
        basics.put("label", text);
        continue;
      }
      for (String raw : items) {
        String it = LABEL_PREFIX.matcher(Text.trimSeparators(raw)).replaceFirst("");
        if (it.isEmpty()) {
          continue;
        }
        String kind = kindOf(it);
        if ("email".equals(kind) && !basics.has("email")) {
          Matcher m = EMAIL.matcher(it);
          m.find();
          basics.put("email", m.group());
        } else if ("phone".equals(kind) && !basics.has("phone")) {
          basics.put("phone", it);
        } else if ("web".equals(kind)) {
          web(it, basics, profiles);
        } else if (kind == null && !basics.has("location") && isPlace(it)) {
          basics.set("location", location(it));
        } else if (kind == null && !basics.has("label") && !contactLine && i == nameAt + 1) {
          basics.put("label", it);
        }
      }
    }
    if (!profiles.isEmpty()) {
      basics.set("profiles", profiles);
    }
  }

  private static boolean isNameLike(String t) {
    return t.length() <= 80 && !t.contains("@") && kindOf(t) == null && t.codePoints().anyMatch(Character::isLetter);
  }

  /** "email", "phone", "web" or null. */
  static String kindOf(String item) {
    String it = LABEL_PREFIX.matcher(item.trim()).replaceFirst("");
    if (it.isEmpty()) {
      return null;
    }
    int at = it.indexOf('@');
    int slash = it.indexOf('/');
    if (at > 0 && (slash < 0 || slash > at) && EMAIL.matcher(it).find()) {
      return "email";
    }
    if (isPhone(it)) {
      return "phone";
    }
    if (!it.contains(" ") && WEB.matcher(it).matches() && (it.contains("/") || it.contains("www.")
        || it.matches("(?i).*\\.(com|org|net|io|dev|me|app|co|de|fr|uk|ch|nl|es|it|ai|info|page|site|xyz|tech|eu)$"))) {
      return "web";
    }
    return null;
  }

  private static boolean isPhone(String s) {
    int digits = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isDigit(c)) {
        digits++;
      } else if ("+()-. /".indexOf(c) < 0) {
        return false;
      }
    }
    return digits >= 7 && digits <= 15;
  }

  private static boolean isPlace(String s) {
    if (s.length() > 60 || s.chars().filter(Character::isDigit).count() > 5 || !s.codePoints().anyMatch(Character::isLetter)) {
      return false;
    }
    return s.contains(",") || s.split(" ").length <= 3;
  }

  private static ObjectNode location(String s) {
    ObjectNode loc = JSON.objectNode();
    String[] parts = s.split("\\s*,\\s*");
    loc.put("city", parts[0]);
    if (parts.length == 3 && parts[2].matches("[A-Z]{2}")) {
      loc.put("region", parts[1]);
      loc.put("countryCode", parts[2]);
    } else if (parts.length >= 2) {
      loc.put("region", String.join(", ", List.of(parts).subList(1, parts.length)));
    }
    return loc;
  }

  private static void web(String it, ObjectNode basics, ArrayNode profiles) {
    String url = it.matches("(?i)https?://.*") ? it : "https://" + it;
    String rest = url.replaceFirst("(?i)^https?://", "");
    int slash = rest.indexOf('/');
    String host = (slash < 0 ? rest : rest.substring(0, slash)).toLowerCase(Locale.ROOT).replaceFirst("^www\\.", "");
    String path = slash < 0 ? "" : rest.substring(slash + 1);
    String network = NETWORKS.get(host);
    if (network == null && host.endsWith(".linkedin.com")) {
      network = "LinkedIn";
    }
    if (network == null && path.isEmpty() && !basics.has("url")) {
      basics.put("url", url);
      return;
    }
    ObjectNode p = JSON.objectNode();
    p.put("network", network == null ? host : network);
    String[] segs = path.split("/");
    String user = null;
    for (int i = segs.length - 1; i >= 0; i--) {
      if (!segs[i].isBlank()) {
        user = segs[i].startsWith("@") ? segs[i].substring(1) : segs[i];
        break;
      }
    }
    if (user != null && !user.contains("?")) {
      p.put("username", user);
    }
    p.put("url", url);
    profiles.add(p);
  }

  // --- sections --------------------------------------------------------------------------------------------------

  private static void section(Headings.Section section, List<Line> body, ObjectNode resume, ObjectNode basics) {
    if (body.isEmpty()) {
      return;
    }
    switch (section) {
      case SUMMARY -> {
        StringBuilder s = new StringBuilder(basics.path("summary").asText(""));
        for (Line l : body) {
          s.append(s.length() == 0 ? "" : l.bullet() ? "\n" : " ").append(l.text());
        }
        basics.put("summary", s.toString());
      }
      case SKILLS -> {
        ArrayNode skills = resume.withArray("skills");
        for (Line l : body) {
          skills(l.text(), skills);
        }
      }
      case WORK, PROJECTS, EDUCATION -> {
        String key = section == Headings.Section.WORK ? "work"
            : section == Headings.Section.PROJECTS ? "projects" : "education";
        ArrayNode out = resume.withArray(key);
        for (List<Line> entry : entries(body)) {
          ObjectNode o = section == Headings.Section.EDUCATION ? education(entry) : role(entry,
              section == Headings.Section.PROJECTS);
          if (!o.isEmpty()) {
            out.add(o);
          }
        }
        if (out.isEmpty()) {
          resume.remove(key);
        }
      }
      default -> {
        // a section the draft does not read (certificates, languages...): its text is in the source shown beside
      }
    }
  }

  static void skills(String text, ArrayNode skills) {
    int colon = text.indexOf(':');
    if (colon < 0) {
      colon = text.indexOf('：');
    }
    if (colon > 0 && colon < 60) {
      ObjectNode s = JSON.objectNode().put("name", text.substring(0, colon).trim());
      ArrayNode kw = s.putArray("keywords");
      for (String k : text.substring(colon + 1).split("\\s*[,;|·•、，]\\s*")) {
        if (!k.isBlank()) {
          kw.add(k.trim());
        }
      }
      if (kw.isEmpty()) {
        s.remove("keywords");
      }
      skills.add(s);
      return;
    }
    for (String k : text.split("\\s*[,;|·•、，]\\s*")) {
      if (!k.isBlank()) {
        skills.add(JSON.objectNode().put("name", k.trim()));
      }
    }
  }

  /** The lines of a section cut into entries (a role, a school, a project). */
  static List<List<Line>> entries(List<Line> body) {
    boolean anyStrong = body.stream().anyMatch(l -> l.strong() && !l.bullet());
    List<List<Line>> out = new ArrayList<>();
    List<Line> cur = null;
    boolean curHasBody = false;
    boolean curHasDate = false;
    boolean curHasBullet = false;
    for (int i = 0; i < body.size(); i++) {
      Line l = body.get(i);
      boolean start;
      boolean dated = Dates.find(l.text()) != null;
      // a plain line followed by a dated one, after an entry with its dates: the next entry's heading in a font
      // without a bold face (CJK in a bold heading)
      // (not a sentence, which is the last line of the entry above: a bullet drawn as a shape, not a sign; and not
      // when the dated line is itself a heading in bold)
      boolean headsNext = !l.bullet() && !dated && curHasDate && i + 1 < body.size() && !body.get(i + 1).bullet()
          && !body.get(i + 1).strong() && !Text.endsSentence(l.text()) && isRange(body.get(i + 1).text());
      if (anyStrong) {
        start = cur == null || !l.bullet() && (l.strong() && curHasBody || headsNext);
      } else {
        start = cur == null || !l.bullet() && (curHasBullet || dated && curHasDate);
      }
      if (start) {
        cur = new ArrayList<>();
        out.add(cur);
        curHasBody = false;
        curHasDate = false;
        curHasBullet = false;
      }
      cur.add(l);
      curHasBody |= !l.strong() || l.bullet();
      curHasDate |= dated;
      curHasBullet |= l.bullet() || (anyStrong && !l.strong() && !dated);
    }
    return out;
  }

  private static boolean isRange(String text) {
    Dates.Range r = Dates.find(text);
    return r != null && !r.single();
  }

  /** The heading lines of an entry (bold ones, or in plain text those before the first bullet, up to a date). */
  private record Parts(List<String> heading, Dates.Range range, String place, List<String> rest) {
  }

  private static Parts parts(List<Line> entry) {
    List<String> heading = new ArrayList<>();
    Dates.Range range = null;
    String place = null;
    List<String> rest = new ArrayList<>();
    boolean anyStrong = entry.get(0).strong();
    int i = 0;
    for (; i < entry.size(); i++) {
      Line l = entry.get(i);
      if (l.bullet() || (anyStrong ? !l.strong() : heading.size() >= 2 || range != null)) {
        break;
      }
      Dates.Range r = range == null ? Dates.find(l.text()) : null;
      if (r != null && !heading.isEmpty()) {
        break; // the meta line under the heading
      }
      if (r != null && !r.single() || r != null && r.rest(l.text()).length() < l.text().length()) {
        range = r;
        String h = r.rest(l.text());
        if (!h.isEmpty()) {
          heading.add(h);
        }
      } else {
        heading.add(l.text());
      }
    }
    // the meta lines right after the heading, before the bullets: the dates (and the place beside them), and before
    // them a short second heading line ("Company" in a heading style, then "Position" in plain type)
    for (; i < entry.size() && range == null; i++) {
      Line l = entry.get(i);
      Dates.Range r = Dates.find(l.text());
      if (l.bullet() || l.text().length() > 120) {
        break;
      }
      if (r == null) {
        String t = l.text();
        if (heading.size() == 1 && split(heading.get(0)).size() == 1 && t.length() <= 80 && !t.endsWith(".")
            && i + 1 < entry.size() && !entry.get(i + 1).bullet() && Dates.find(entry.get(i + 1).text()) != null) {
          heading.add(t);
          continue;
        }
        break;
      }
      range = r;
      // beside the dates: the place, and (under a heading that names only the employer) the job title, in either
      // order: "Site Reliability Engineer · Austin, TX · 06/2019 – 11/2023"
      List<String> meta = new ArrayList<>();
      for (String bit : META_SPLIT.split(r.rest(l.text()))) {
        if (!bit.isBlank()) {
          meta.add(bit.strip());
        }
      }
      boolean oneName = heading.size() == 1 && split(heading.get(0)).size() == 1 && !isTitleish(heading.get(0));
      for (String bit : meta) {
        if (oneName && isTitleish(bit)) {
          heading.add(bit);
          oneName = false;
        } else {
          place = place == null ? bit : place + ", " + bit;
        }
      }
    }
    for (; i < entry.size(); i++) {
      rest.add(entry.get(i).text());
    }
    return new Parts(heading, range, place, rest);
  }

  /** What separates the parts of a meta line (title, place, dates): a middle dot, a bar, a bullet sign. */
  private static final Pattern META_SPLIT = Pattern.compile("\\s+[·|•◆♦▪]\\s+");

  private static final String[] SCHOOL_SEPARATORS = {" — ", " – ", " | ", " - "};

  private static List<String> split(String heading) {
    return split(heading, HEADING_SEPARATORS);
  }

  private static List<String> split(String heading, String[] separators) {
    for (String sep : separators) {
      int at = heading.indexOf(sep);
      if (at > 0) {
        return List.of(heading.substring(0, at).trim(), heading.substring(at + sep.length()).trim());
      }
    }
    return List.of(heading);
  }

  private static ObjectNode role(List<Line> entry, boolean project) {
    Parts p = parts(entry);
    List<String> rest = new ArrayList<>(p.rest);
    List<String> names = new ArrayList<>();
    for (String h : p.heading) {
      names.addAll(split(h));
    }
    if (names.size() == 1 && !project && !rest.isEmpty() && !entry.get(0).strong()) {
      String next = rest.get(0);
      if (next.length() <= 60 && !next.endsWith(".") && rest.size() > 1) {
        names.add(rest.remove(0));
      }
    }
    ObjectNode o = JSON.objectNode();
    if (project) {
      if (!names.isEmpty()) {
        o.put("name", names.get(0));
      }
      if (names.size() > 1) {
        o.put("entity", names.get(1));
      }
    } else if (names.size() == 1) {
      o.put(isTitleish(names.get(0)) ? "position" : "name", names.get(0));
    } else if (names.size() >= 2) {
      String a = names.get(0);
      String b = names.get(1);
      boolean swap = isTitleish(b) && !isTitleish(a);
      o.put("name", swap ? a : b);
      o.put("position", swap ? b : a);
    }
    if (p.place != null && !project) {
      o.put("location", p.place);
    }
    dates(o, p.range, false);
    highlights(o, rest);
    return o;
  }

  private static ObjectNode education(List<Line> entry) {
    Parts p = parts(entry);
    List<String> rest = new ArrayList<>(p.rest);
    List<String> names = new ArrayList<>();
    for (String h : p.heading) {
      names.addAll(schoolParts(split(h, SCHOOL_SEPARATORS)));
    }
    ObjectNode o = JSON.objectNode();
    String institution = null;
    String degree = null;
    for (String n : names) {
      if (institution == null && isSchool(n)) {
        institution = n;
      }
    }
    if (institution == null && !names.isEmpty()) {
      institution = names.get(0);
    }
    for (String n : names) {
      if (!n.equals(institution) && degree == null) {
        degree = n;
      }
    }
    if (degree == null && p.place != null) {
      degree = p.place; // "Bachelor of Science, Computer Science · Sep 2002 – May 2006"
    }
    if (degree == null && !rest.isEmpty() && rest.get(0).length() <= 120 && !GPA.matcher(rest.get(0)).find()) {
      degree = rest.remove(0);
    }
    if (institution != null) {
      o.put("institution", institution);
    }
    if (degree != null) {
      int in = degree.indexOf(" in ");
      int comma = degree.indexOf(", ");
      if (in > 0) {
        o.put("studyType", degree.substring(0, in).trim());
        o.put("area", degree.substring(in + 4).trim());
      } else if (comma > 0) {
        o.put("studyType", degree.substring(0, comma).trim());
        o.put("area", degree.substring(comma + 2).trim());
      } else {
        o.put("studyType", degree);
      }
    }
    dates(o, p.range, true);
    for (String r : new ArrayList<>(rest)) {
      Matcher m = GPA.matcher(r);
      if (m.find() && !o.has("score")) {
        o.put("score", m.group(1));
        rest.remove(r);
      }
    }
    if (!rest.isEmpty()) {
      ArrayNode courses = JSON.arrayNode();
      rest.forEach(courses::add);
      o.set("courses", courses);
    }
    return o;
  }

  private static void dates(ObjectNode o, Dates.Range r, boolean education) {
    if (r == null) {
      return;
    }
    if (r.single()) {
      if (!education) {
        o.put("startDate", r.start());
      }
      o.put("endDate", r.start());
      return;
    }
    o.put("startDate", r.start());
    if (r.end() != null) {
      o.put("endDate", r.end());
    }
  }

  private static void highlights(ObjectNode o, List<String> rest) {
    if (rest.isEmpty()) {
      return;
    }
    ArrayNode h = o.putArray("highlights");
    rest.forEach(h::add);
  }

  static boolean isTitleish(String s) {
    String l = " " + s.toLowerCase(Locale.ROOT) + " ";
    for (String w : TITLE_WORDS) {
      int at = l.indexOf(w);
      if (at >= 0) {
        boolean ascii = w.chars().allMatch(c -> c < 128);
        if (!ascii || !Character.isLetter(l.charAt(at - 1)) && (at + w.length() >= l.length()
            || !Character.isLetter(l.charAt(at + w.length())) || l.charAt(at + w.length()) == 's')) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * "BSc in Computer Science, University of Leeds": a part that names both a degree and a school is cut at the comma
   * between them (but "University of California, Berkeley" stays whole).
   */
  private static List<String> schoolParts(List<String> parts) {
    List<String> out = new ArrayList<>();
    for (String part : parts) {
      int comma = part.indexOf(", ");
      boolean cut = false;
      while (comma > 0) {
        String a = part.substring(0, comma);
        String b = part.substring(comma + 2);
        if (isDegree(a) && !isSchool(a) && isSchool(b) || isSchool(a) && isDegree(b) && !isSchool(b)) {
          out.add(a.trim());
          out.add(b.trim());
          cut = true;
          break;
        }
        comma = part.indexOf(", ", comma + 2);
      }
      if (!cut) {
        out.add(part);
      }
    }
    return out;
  }

  private static final List<String> DEGREE_WORDS = List.of("bachelor", "master", "bsc", "b.sc", "b.s.", "bs ", "ba ",
      "b.a.", "msc", "m.sc", "m.s.", "ms ", "ma ", "m.a.", "mba", "phd", "ph.d", "doctor", "associate", "diploma",
      "degree", "licence", "licenciatura", "magister", "ingénieur", "abitur", "beng", "b.eng", "meng", "m.eng",
      "b.tech", "m.tech", "certificate");

  static boolean isDegree(String s) {
    String l = s.toLowerCase(Locale.ROOT) + " ";
    return DEGREE_WORDS.stream().anyMatch(l::contains);
  }

  static boolean isSchool(String s) {
    String l = s.toLowerCase(Locale.ROOT);
    return SCHOOL_WORDS.stream().anyMatch(l::contains);
  }
}
