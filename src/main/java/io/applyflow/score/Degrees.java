package io.applyflow.score;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Degree levels, as asked in a job description and as held in a JSON Resume's {@code education[]}: 0 none or
 * unknown, 1 associate, 2 bachelor, 3 master, 4 PhD. Abbreviations ("BS", "M.S.") are matched only as written in
 * capitals and, in a job description, only where they read as a degree ("BS in", "BS/MS", "MS degree"), so
 * "MS SQL", "MS Office" or "Boston, MA" do not count. Stateless and thread-safe.
 */
final class Degrees {

  static final int NONE = 0;
  static final int ASSOCIATE = 1;
  static final int BACHELOR = 2;
  static final int MASTER = 3;
  static final int PHD = 4;

  /** An abbreviation such as "BS" counts in a job description only when it reads as a degree: "BS in", "BS/MS". */
  private static final Pattern AS_DEGREE_PATTERN = Pattern.compile("\\s*(/|in\\b|degree|or\\b|,|\\))");
  private static final Pattern PHD_WORDS = Pattern.compile("(?i)\\bph\\.?\\s?d\\b|\\bdoctorate|\\bdoctoral"
      + "|\\bdoctor of\\b|\\bd\\.?phil\\b");
  private static final Pattern MASTER_WORDS = Pattern.compile("(?i)\\bmaster['’]?s\\b"
      + "|\\bmasters? (of|in|degree)\\b|(?<!under)graduate degree|\\badvanced degree|\\bpostgraduate|\\bmba\\b");
  private static final Pattern MASTER_ABBREVIATIONS = Pattern.compile("\\b(MS|MSc|M\\.S\\.|M\\.Sc\\.|MEng"
      + "|M\\.Eng\\.|MA|M\\.A\\.|MPhil)(?![\\p{L}])");
  private static final Pattern BACHELOR_WORDS = Pattern.compile("(?i)\\bbachelor|\\bundergraduate degree"
      + "|\\bfour[- ]year degree|\\bcollege degree|\\buniversity degree");
  private static final Pattern BACHELOR_ABBREVIATIONS = Pattern.compile("\\b(BS|BSc|B\\.S\\.|B\\.Sc\\.|BA"
      + "|B\\.A\\.|BEng|B\\.Eng\\.|BBA)(?![\\p{L}])");
  private static final Pattern ASSOCIATE_WORDS = Pattern.compile("(?i)\\bassociate['’]?s? degree"
      + "|\\bassociate (of|in) (applied |arts|science)");
  private static final Pattern ANY_DEGREE = Pattern.compile("(?i)\\bdegree\\b(?! of\\b)");
  /** A cheap first look: could this sentence name a degree at all? */
  private static final Pattern MAYBE_DEGREE = Pattern.compile("[Dd]egree|[Bb]achelor|[Mm]aster|[Pp][Hh]\\.?\\s?[Dd]"
      + "|[Dd]octor|[Gg]raduate|MBA|mba|\\b[BM]\\.?(S|A|Sc|Eng)\\b|D\\.?Phil|BBA|MPhil|[Aa]ssociate");
  private static final Pattern RESUME_ASSOCIATE = Pattern.compile("(?i)\\bassociate|^\\s*(AAS?|A\\.A\\.S?\\.?)\\b");

  private Degrees() {
  }

  /**
   * The lowest degree a sentence of a job description names ("a bachelor's or master's degree" is a bachelor),
   * a bare "degree" counting as a bachelor; 0 when it names none.
   */
  static int askedIn(String sentence) {
    if (!MAYBE_DEGREE.matcher(sentence).find()) {
      return NONE;
    }
    int level = NONE;
    if (PHD_WORDS.matcher(sentence).find()) {
      level = PHD;
    }
    if (MASTER_WORDS.matcher(sentence).find() || abbreviated(MASTER_ABBREVIATIONS, sentence)) {
      level = MASTER;
    }
    if (BACHELOR_WORDS.matcher(sentence).find() || abbreviated(BACHELOR_ABBREVIATIONS, sentence)) {
      level = BACHELOR;
    }
    if (ASSOCIATE_WORDS.matcher(sentence).find()) {
      level = ASSOCIATE;
    }
    if (level == NONE && ANY_DEGREE.matcher(sentence).find()) {
      level = BACHELOR;
    }
    return level;
  }

  private static boolean abbreviated(Pattern abbreviations, String sentence) {
    Matcher m = abbreviations.matcher(sentence);
    while (m.find()) {
      if (AS_DEGREE_PATTERN.matcher(sentence).region(m.end(), sentence.length()).lookingAt()) {
        return true;
      }
    }
    return false;
  }

  /** The highest degree in the resume's {@code education[]}, read from {@code studyType}, else {@code area}. */
  static int held(JsonNode resume) {
    int best = NONE;
    if (resume == null) {
      return best;
    }
    for (JsonNode e : resume.path("education")) {
      int level = ofStudyType(e.path("studyType").asText(""));
      if (level == NONE) {
        level = ofStudyType(e.path("area").asText(""));
      }
      best = Math.max(best, level);
    }
    return best;
  }

  /** The level a resume's study type names: "Bachelor of Science", "B.S.", "MSc", "Ph.D.", "Associate". */
  static int ofStudyType(String s) {
    if (PHD_WORDS.matcher(s).find()) {
      return PHD;
    }
    if (MASTER_WORDS.matcher(s).find() || MASTER_ABBREVIATIONS.matcher(s).find()
        || s.matches("(?i)\\s*master.*")) {
      return MASTER;
    }
    if (BACHELOR_WORDS.matcher(s).find() || BACHELOR_ABBREVIATIONS.matcher(s).find()) {
      return BACHELOR;
    }
    if (RESUME_ASSOCIATE.matcher(s).find() || ASSOCIATE_WORDS.matcher(s).find()) {
      return ASSOCIATE;
    }
    return NONE;
  }

  static String name(int level) {
    return switch (level) {
      case ASSOCIATE -> "an associate degree";
      case BACHELOR -> "a bachelor's degree";
      case MASTER -> "a master's degree";
      case PHD -> "a PhD";
      default -> "no degree";
    };
  }
}
