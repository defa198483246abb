package io.applyflow.versions;

import com.fasterxml.jackson.databind.JsonNode;
import io.applyflow.tailor.BulletChange;
import io.applyflow.tailor.TailorDiff;
import io.applyflow.tailor.TailoredResume;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.DatabindCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A resume version against the master resume: every master bullet with what the version did with it (kept, moved,
 * reworded with the old and the new text, dropped as less relevant or to fit the page budget), the summary, the
 * skills, and whether the master changed since the version was made.
 *
 * <p>The bullet rows are the tailor stage's own {@link TailorDiff} of the job ({@code jobs.tailor_diff}, stored when the
 * job was tailored, so against the master as it was then); a job without one is diffed now with {@link TailorDiff}. When
 * the master's bullets or skills differ from the ones the version was made from, {@link Master#changed()} says so and
 * names what changed: the rows stay those of the master the version came from, never a diff against text the version
 * never saw.
 *
 * <p>Pure: no Vert.x types beyond JSON values; a few milliseconds of CPU (one BM25 ranking of the master).
 */
public record VersionDiff(List<Line> lines, Summary summary, Skills skills, Master master, Counts counts) {

  /** Kept, in its master order. */
  public static final String KEPT = "kept";
  /** Kept, reordered among the kept bullets of its role. */
  public static final String MOVED = "moved";
  /** Kept with other words (an LLM rewording that passed the fact gate), at any position. */
  public static final String REWORDED = "reworded";
  /** Not in the version. */
  public static final String DROPPED = "dropped";

  /**
   * One master bullet (or summary sentence).
   *
   * @param id            its id in the master ({@code work[0].highlights[2]})
   * @param role          "title · organisation", or "Summary"
   * @param change        {@link #KEPT}, {@link #MOVED}, {@link #REWORDED} or {@link #DROPPED}
   * @param words         the change in words, e.g. "moved up: 3rd in your master, 1st here, reworded", "dropped to fit
   *                      1 page"
   * @param masterText    the master's text
   * @param versionText   the version's text; null when dropped
   * @param masterIndex   position within its role in the master, from 0
   * @param versionIndex  position within its role in the version, from 0; -1 when dropped
   * @param moved         whether it was reordered among the bullets the version kept of its role (a bullet that only
   *                      takes the place of a dropped one above it is not)
   */
  public record Line(String id, String role, String change, String words, String masterText, String versionText,
                     int masterIndex, int versionIndex, boolean moved) {
  }

  /** The summary: the master's and the version's text, and in words what became of it. */
  public record Summary(String master, String version, String words) {
  }

  /**
   * Skills: {@code kept} are in the version (tailoring orders skills, never adds or removes one); {@code dropped} are
   * in the master now and not in the version.
   */
  public record Skills(List<String> kept, List<String> dropped) {
  }

  /**
   * Whether the master resume changed since the version was made.
   *
   * @param changed whether the diff below is against an earlier master
   * @param note    what to tell the person (null when unchanged)
   * @param changes what changed, one line each ("work[0].highlights[1] was edited", "skill added: Terraform")
   */
  public record Master(boolean changed, String note, List<String> changes) {
  }

  /** How many bullets (summary sentences apart) were kept in place, moved, reworded, dropped, dropped for pages. */
  public record Counts(int kept, int moved, int reworded, int dropped, int droppedForPages, int sentences,
                       int sentencesKept) {
    /** "Kept 7 of 12 bullets (2 moved, 1 reworded); dropped 5 (1 to fit the page budget)." */
    public String words() {
      int bullets = kept + moved + reworded + dropped;
      StringBuilder sb = new StringBuilder("Kept ").append(bullets - dropped).append(" of ")
          .append(VersionText.count(bullets, "master bullet"));
      List<String> how = new ArrayList<>();
      if (moved > 0) {
        how.add(moved + " moved");
      }
      if (reworded > 0) {
        how.add(reworded + " reworded");
      }
      if (!how.isEmpty()) {
        sb.append(" (").append(String.join(", ", how)).append(")");
      }
      sb.append("; dropped ").append(dropped);
      if (droppedForPages > 0) {
        sb.append(" (").append(droppedForPages).append(" to fit the page budget)");
      }
      sb.append(".");
      if (sentences > 0) {
        sb.append(" The summary keeps ").append(sentencesKept).append(" of its ")
            .append(VersionText.count(sentences, "sentence")).append(".");
      }
      return sb.toString();
    }
  }

  /**
   * The diff of one resume version.
   *
   * @param storedDiff      {@code jobs.tailor_diff} (BulletChange rows), or null for a job tailored before it was kept
   * @param tailored        {@code jobs.tailored}, the version's tailored resume
   * @param budgetDropped   the bullets the render stage dropped to fit the page budget ({@code [{id, text}]} of the
   *                        render event), or null
   * @param maxPages        the page budget of that render, or null
   * @param master          the profile's resume now (JSON Resume), or null when there is none
   * @param description     the job's description text (ranks the master when no diff was stored)
   * @param savedAfter      whether the profile was saved after the version was made
   */
  public static VersionDiff of(JsonArray storedDiff, JsonObject tailored, JsonArray budgetDropped, Integer maxPages,
                               JsonObject master, String description, boolean savedAfter) {
    TailoredResume version = tailored == null ? null : tailored.mapTo(TailoredResume.class);
    JsonNode masterTree = master == null ? null : DatabindCodec.mapper().valueToTree(master.getMap());
    boolean stored = storedDiff != null && !storedDiff.isEmpty();
    List<BulletChange> rows = stored ? fromJson(storedDiff) : TailorDiff.of(masterTree, version, description);

    Map<String, String> versionText = new HashMap<>();
    if (version != null) {
      version.bullets().forEach(b -> versionText.put(b.id(), b.text()));
    }
    Set<String> forPages = new LinkedHashSet<>();
    if (budgetDropped != null) {
      for (int i = 0; i < budgetDropped.size(); i++) {
        forPages.add(budgetDropped.getJsonObject(i).getString("id"));
      }
    }

    List<Line> lines = new ArrayList<>();
    int kept = 0;
    int moved = 0;
    int reworded = 0;
    int dropped = 0;
    int droppedForPages = 0;
    int sentences = 0;
    int sentencesKept = 0;
    List<String> summaryMaster = new ArrayList<>();
    Map<String, Integer> keptBefore = new HashMap<>();
    for (BulletChange c : rows) {
      boolean sentence = c.id().startsWith("basics.summary");
      boolean out = BulletChange.DROPPED.equals(c.change());
      boolean fit = !out && forPages.contains(c.id());
      // Moved means reordered among what the version kept: a bullet that only closes the gap of a dropped one above it
      // keeps its place in the order (TailorDiff counts any other index as moved).
      int inOrder = out ? -1 : keptBefore.merge(group(c.id()), 1, Integer::sum) - 1;
      boolean isMoved = !out && c.tailoredIndex() != inOrder;
      String now = out || fit ? null : sentence ? c.text() : versionText.getOrDefault(c.id(), c.text());
      boolean isReworded = now != null && !now.equals(c.text());
      String change;
      String words;
      if (out || fit) {
        change = DROPPED;
        words = fit ? "dropped to fit " + (maxPages == null ? "the page budget"
            : VersionText.count(maxPages, "page")) : "dropped: less relevant to this job";
      } else {
        change = isReworded ? REWORDED : isMoved ? MOVED : KEPT;
        words = (isMoved ? "moved " + (c.tailoredIndex() < inOrder ? "up" : "down") + ": " + ordinal(c.masterIndex() + 1)
            + " in your master, " + ordinal(c.tailoredIndex() + 1) + " here" : "kept in order")
            + (isReworded ? ", reworded" : "");
      }
      lines.add(new Line(c.id(), c.role(), change, words, c.text(), now, c.masterIndex(),
          out || fit ? -1 : c.tailoredIndex(), isMoved));
      if (sentence) {
        sentences++;
        sentencesKept += out ? 0 : 1;
        summaryMaster.add(c.text());
        continue;
      }
      switch (change) {
        case KEPT -> kept++;
        case MOVED -> moved++;
        case REWORDED -> reworded++;
        default -> {
          dropped++;
          droppedForPages += fit ? 1 : 0;
        }
      }
    }

    Summary summary = summary(summaryMaster, version, sentences, sentencesKept);
    List<String> masterSkills = skills(master);
    List<String> versionSkills = version == null ? List.of() : version.skills();
    Set<String> inVersion = lower(versionSkills);
    Set<String> inMaster = lower(masterSkills);
    List<String> skillsKept = versionSkills.stream().filter(s -> inMaster.contains(key(s))).toList();
    List<String> skillsDropped = masterSkills.stream().filter(s -> !inVersion.contains(key(s))).toList();
    List<String> skillsGone = versionSkills.stream().filter(s -> !inMaster.contains(key(s))).toList();

    Master m = master(stored, rows, masterTree, master != null, savedAfter, skillsDropped, skillsGone);
    return new VersionDiff(lines, summary, new Skills(skillsKept, skillsDropped), m,
        new Counts(kept, moved, reworded, dropped, droppedForPages, sentences, sentencesKept));
  }

  /** The bullets an id is ordered among: its role ({@code work[0]}, {@code projects[1]}) or the summary. */
  static String group(String id) {
    return id.startsWith("basics.summary") ? "basics" : id.replaceFirst("^((work|projects)\\[\\d+]).*$", "$1");
  }

  /** The stored rows ({@code jobs.tailor_diff}) read back into {@link BulletChange}s. */
  static List<BulletChange> fromJson(JsonArray stored) {
    List<BulletChange> out = new ArrayList<>();
    for (int i = 0; i < stored.size(); i++) {
      out.add(stored.getJsonObject(i).mapTo(BulletChange.class));
    }
    return out;
  }

  private static Summary summary(List<String> masterSentences, TailoredResume version, int sentences, int kept) {
    String now = version == null || version.summary() == null ? null : version.summary().text();
    if (masterSentences.isEmpty() && now == null) {
      return null;
    }
    String before = String.join(" ", masterSentences);
    String words = now == null ? "left out of this version"
        : kept == sentences ? "kept whole" : "shortened: keeps " + kept + " of its " + VersionText.count(sentences, "sentence");
    return new Summary(before, now, words);
  }

  /**
   * Whether the master now differs from the one the version was made from. With a stored diff the master's bullets then
   * (their ids and texts) are known and compared with the master's bullets now; skills are compared with the version's
   * (tailoring keeps every skill). Without one, a profile saved after the version is all there is to go on.
   */
  private static Master master(boolean stored, List<BulletChange> then, JsonNode masterTree, boolean hasMaster,
                               boolean savedAfter, List<String> skillsAdded, List<String> skillsRemoved) {
    if (!hasMaster) {
      return new Master(true, "You have no master resume stored now, so this version is shown against the master it "
          + "was made from.", List.of());
    }
    List<String> changes = new ArrayList<>();
    if (stored) {
      Map<String, String> before = new LinkedHashMap<>();
      then.forEach(c -> before.put(c.id(), c.text()));
      Map<String, String> now = new LinkedHashMap<>();
      TailorDiff.of(masterTree, null, "").forEach(c -> now.put(c.id(), c.text()));
      for (Map.Entry<String, String> e : before.entrySet()) {
        String text = now.get(e.getKey());
        if (text == null) {
          changes.add(e.getKey() + " is no longer in your master: \"" + e.getValue() + "\"");
        } else if (!text.equals(e.getValue())) {
          changes.add(e.getKey() + " was edited: \"" + e.getValue() + "\" → \"" + text + "\"");
        }
      }
      for (Map.Entry<String, String> e : now.entrySet()) {
        if (!before.containsKey(e.getKey())) {
          changes.add(e.getKey() + " was added: \"" + e.getValue() + "\"");
        }
      }
    }
    skillsAdded.forEach(s -> changes.add("skill added to your master: " + s));
    skillsRemoved.forEach(s -> changes.add("skill no longer in your master: " + s));
    if (!changes.isEmpty()) {
      return new Master(true, "Your master resume changed after this version was made ("
          + VersionText.count(changes.size(), "change") + ", listed below). The rows compare this version with the "
          + "master it was made from, not with your master as it is now.", changes);
    }
    if (!stored && savedAfter) {
      return new Master(true, "Your profile was saved after this version was made, and this job did not keep the "
          + "master it was tailored from, so the rows may not match the master this version came from.", changes);
    }
    return new Master(false, null, changes);
  }

  /**
   * The master's skills as {@link io.applyflow.tailor.Tailor} reads them: every keyword of each {@code skills[]} entry,
   * and the name of an entry without keywords; in resume order, each once.
   */
  static List<String> skills(JsonObject master) {
    List<String> out = new ArrayList<>();
    Set<String> seen = new java.util.HashSet<>();
    JsonArray entries = master == null || !(master.getValue("skills") instanceof JsonArray a) ? new JsonArray() : a;
    for (Object o : entries) {
      if (!(o instanceof JsonObject entry)) {
        continue;
      }
      JsonArray keywords = entry.getValue("keywords") instanceof JsonArray k ? k : new JsonArray();
      List<String> names = new ArrayList<>();
      keywords.forEach(k -> {
        if (k instanceof String s && !s.isBlank()) {
          names.add(s.strip());
        }
      });
      if (names.isEmpty() && entry.getValue("name") instanceof String n && !n.isBlank()) {
        names.add(n.strip());
      }
      names.stream().filter(s -> seen.add(key(s))).forEach(out::add);
    }
    return out;
  }

  private static Set<String> lower(List<String> skills) {
    Set<String> out = new java.util.HashSet<>();
    skills.forEach(s -> out.add(key(s)));
    return out;
  }

  private static String key(String s) {
    return s.strip().toLowerCase(Locale.ROOT);
  }

  /** 1st, 2nd, 3rd, 4th, 11th, 21st. */
  static String ordinal(int n) {
    int mod100 = n % 100;
    String suffix = mod100 >= 11 && mod100 <= 13 ? "th" : switch (n % 10) {
      case 1 -> "st";
      case 2 -> "nd";
      case 3 -> "rd";
      default -> "th";
    };
    return n + suffix;
  }

  /** The API's view. */
  public JsonObject json() {
    return JsonObject.mapFrom(this).put("words", counts.words());
  }

  /** The diff page's view: plain maps for the templates. */
  public Map<String, Object> view() {
    Map<String, Object> m = new HashMap<>();
    m.put("lines", lines.stream().map(l -> JsonObject.mapFrom(l).getMap()).toList());
    m.put("summary", summary == null ? null : JsonObject.mapFrom(summary).getMap());
    m.put("skills", JsonObject.mapFrom(skills).getMap());
    m.put("master", JsonObject.mapFrom(master).getMap());
    m.put("counts", JsonObject.mapFrom(counts).getMap());
    m.put("words", counts.words());
    return m;
  }
}
