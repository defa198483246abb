package io.applyflow.resumeimport;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Section headings in the wordings resumes use, in English and (where cheap) German, French, Spanish, Portuguese,
 * Italian, Dutch, Greek, Russian, Japanese and Chinese: "Experience", "Work Experience", "Employment History",
 * "Berufserfahrung", "職歴"... A heading is matched as a whole line, case and a trailing colon ignored.
 */
final class Headings {
  /** The sections a draft is built from; {@link #OTHER} is a known section the draft does not read. */
  enum Section { SUMMARY, WORK, EDUCATION, SKILLS, PROJECTS, OTHER }

  private static final Map<String, Section> WORDS = new HashMap<>();

  static {
    put(Section.SUMMARY, "summary", "professional summary", "profile", "professional profile", "about", "about me",
        "objective", "career objective", "career summary", "overview", "personal statement", "executive summary",
        "profil", "zusammenfassung", "kurzprofil", "über mich", "résumé", "à propos", "resumen", "perfil",
        "sobre mí", "acerca de mí", "resumo", "sobre mim", "profilo", "sommario", "profiel", "samenvatting",
        "προφίλ", "περίληψη", "о себе", "резюме", "профиль", "自己pr", "概要", "プロフィール", "个人简介", "简介", "自我评价");
    put(Section.WORK, "experience", "work experience", "professional experience", "employment", "employment history",
        "work history", "career history", "relevant experience", "experience highlights", "professional background",
        "work", "career", "positions", "berufserfahrung", "erfahrung", "beruflicher werdegang", "berufspraxis",
        "expérience", "expériences", "expérience professionnelle", "expériences professionnelles", "experiencia",
        "experiencia laboral", "experiencia profesional", "experiência", "experiência profissional", "esperienza",
        "esperienze", "esperienza lavorativa", "esperienze lavorative", "werkervaring", "ervaring",
        "επαγγελματική εμπειρία", "εμπειρία", "опыт работы", "опыт", "職歴", "職務経歴", "経歴", "工作经历",
        "工作经验", "工作經歷");
    put(Section.EDUCATION, "education", "education and training", "academic background", "academic history",
        "qualifications", "education & training", "studies", "ausbildung", "bildung", "bildungsweg", "studium",
        "formation", "études", "educación", "formación", "formación académica", "educação", "formação", "istruzione",
        "formazione", "opleiding", "opleidingen", "εκπαίδευση", "σπουδές", "образование", "学歴", "教育背景",
        "教育经历", "学历");
    put(Section.SKILLS, "skills", "technical skills", "core skills", "key skills", "skills & tools", "skills and tools",
        "core competencies", "competencies", "technologies", "tools", "tech stack", "expertise", "areas of expertise",
        "kenntnisse", "fähigkeiten", "kompetenzen", "fachkenntnisse", "compétences", "habilidades", "competencias",
        "conocimientos", "competências", "competenze", "vaardigheden", "δεξιότητες", "навыки", "ключевые навыки",
        "スキル", "技能", "专业技能", "技术栈");
    put(Section.PROJECTS, "projects", "personal projects", "selected projects", "side projects", "open source",
        "open-source", "key projects", "projekte", "projets", "proyectos", "projetos", "progetti", "projecten",
        "έργα", "проекты", "プロジェクト", "项目经历", "项目");
    put(Section.OTHER, "certifications", "certificates", "licenses", "licenses & certifications",
        "licenses and certifications", "awards", "honors", "honours", "awards & honors", "achievements", "languages",
        "interests", "hobbies", "volunteer", "volunteering", "volunteer experience", "publications", "references",
        "activities", "extracurricular activities", "courses", "coursework", "relevant coursework", "training",
        "memberships", "affiliations", "talks", "presentations", "patents", "sprachen", "interessen", "hobbys",
        "zertifikate", "langues", "centres d'intérêt", "idiomas", "intereses", "certificaciones", "lingue",
        "γλώσσες", "языки", "資格", "语言", "证书");
  }

  private static void put(Section s, String... words) {
    for (String w : words) {
      WORDS.put(w, s);
    }
  }

  private Headings() {
  }

  /** The section a whole line names, or null: "Work Experience:", "EDUCATION", "Skills & Tools". */
  static Section of(String line) {
    if (line == null || line.length() > 60) {
      return null;
    }
    String k = Text.trimSeparators(line.trim()).toLowerCase(Locale.ROOT);
    if (k.length() > 40) {
      return null;
    }
    Section s = WORDS.get(k);
    if (s == null) {
      s = WORDS.get(k.replace(" and ", " & "));
    }
    if (s == null) {
      s = WORDS.get(k.replace('：', ' ').trim());
    }
    return s;
  }
}
