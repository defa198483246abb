package io.applyflow.score;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of {@link Scorer#score}: a total and four sub-scores, each 0–100, the keyword and skill lists
 * behind them, the years and degree the posting asks for, and a short explanation for the job page.
 *
 * @param total             weighted sum of the sub-scores (see {@link Scorer})
 * @param skills            section-weighted share of the description's vocabulary terms the resume names
 * @param keywords          section-weighted share of the description's salient other words the resume names
 * @param experience        the resume's years of work against the years asked (or implied by the title)
 * @param education         the resume's highest degree against the degree asked; 100 when none is asked
 * @param matchingKeywords  vocabulary terms and salient words found in the resume, in description order
 * @param missingKeywords   vocabulary terms and salient words not found, heaviest first
 * @param matchingSkills    vocabulary terms from requirement and responsibility sections the resume names
 * @param missingSkills     vocabulary terms from requirement and responsibility sections it lacks, heaviest first
 * @param yearsRequired     years of experience the posting asks for; 0 for "up to N years"; null when it names none
 * @param yearsOfExperience years of work in the resume, overlaps counted once, one decimal
 * @param degreeRequired    the degree asked, e.g. "bachelor's degree or equivalent experience"; null when none
 * @param explanation       one to three plain sentences
 */
public record ScoreDetail(int total, int skills, int keywords, int experience, int education,
    List<String> matchingKeywords, List<String> missingKeywords, List<String> matchingSkills,
    List<String> missingSkills, Double yearsRequired, double yearsOfExperience, String degreeRequired,
    String explanation) {

  /** Copies the lists so the record stays immutable. */
  public ScoreDetail {
    matchingKeywords = List.copyOf(matchingKeywords);
    missingKeywords = List.copyOf(missingKeywords);
    matchingSkills = List.copyOf(matchingSkills);
    missingSkills = List.copyOf(missingSkills);
  }

  /** The breakdown with snake_case keys in a fixed order, as stored in {@code jobs.score_detail}. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("total", total);
    m.put("skills", skills);
    m.put("keywords", keywords);
    m.put("experience", experience);
    m.put("education", education);
    m.put("matching_keywords", matchingKeywords);
    m.put("missing_keywords", missingKeywords);
    m.put("matching_skills", matchingSkills);
    m.put("missing_skills", missingSkills);
    m.put("years_required", yearsRequired);
    m.put("years_of_experience", yearsOfExperience);
    m.put("degree_required", degreeRequired);
    m.put("explanation", explanation);
    return m;
  }
}
