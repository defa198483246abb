package io.applyflow.score;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fixed vocabulary of skills and technologies (languages, frameworks, databases, cloud, tools and
 * engineering practices), with synonyms mapped to one canonical form ({@code js} → JavaScript,
 * {@code postgres} → PostgreSQL, {@code k8s} → Kubernetes).
 *
 * <p>Matching is case-insensitive on word boundaries, except for a few terms that are also everyday
 * English words ({@code Go}, {@code Rust}, {@code Swift}, {@code React}, {@code REST}, {@code Excel},
 * ...): those match only as written here, so "ready to go" or "react to incidents" do not count. A
 * space or hyphen inside a term matches any run of spaces or hyphens ("test driven development" and
 * "test-driven development"). At each position the longest term wins, so "Spring Boot" is one keyword,
 * not also "Spring", and "js" inside "Node.js" is not JavaScript.
 *
 * <p>Immutable and thread-safe.
 */
public final class Keywords {

  /** Canonical term, then synonyms. A leading {@code =} marks a case-sensitive term or synonym. */
  private static final String[][] VOCABULARY = {
      // languages
      {"Java", "Java SE", "Java 17", "Java 21"},
      {"Kotlin"}, {"Scala"}, {"Groovy"}, {"Python", "python3"},
      {"JavaScript", "js", "ecmascript", "es6"},
      {"TypeScript"},
      {"=Go", "golang", "=Go lang"},
      {"=Rust"},
      {"C++", "cpp"},
      {"C#", "csharp"},
      {"=C"},
      {"Ruby"}, {"PHP"}, {"=Swift"}, {"Objective-C", "objc"},
      {"Elixir"}, {"Erlang"}, {"Haskell"}, {"Clojure"}, {"Perl"}, {"Lua"}, {"MATLAB"},
      {"=Dart"}, {"=Julia"},
      {"Bash", "shell scripting", "shell scripts"},
      {"SQL", "t-sql", "pl/sql"},
      {"HTML", "html5"},
      {"CSS", "css3"},
      // frameworks and libraries
      {"=Spring", "spring framework"},
      {"Spring Boot", "springboot"},
      {"Hibernate"}, {"Vert.x", "vertx"}, {"Quarkus"}, {"Micronaut"},
      {"Jakarta EE", "java ee", "j2ee"},
      {"Django"}, {"Flask"}, {"FastAPI"},
      {"Ruby on Rails", "=Rails", "ror"},
      {"Laravel"},
      {"=React", "react.js", "reactjs", "react native"},
      {"Angular", "angularjs"},
      {"Vue.js", "vue", "vuejs"},
      {"Svelte"},
      {"Next.js", "nextjs"},
      {"Node.js", "nodejs"},
      {"Express.js", "expressjs"},
      {"jQuery"}, {"Redux"},
      {"Tailwind CSS", "tailwind"},
      {".NET", "dotnet", ".net core"},
      {"ASP.NET"},
      {"htmx"}, {"Thymeleaf"},
      {"GraphQL"}, {"gRPC"},
      {"=REST", "=RESTful", "=REST API", "=REST APIs", "rest api", "rest apis", "restful"},
      {"Prisma"},
      {"pandas"}, {"NumPy"},
      {"scikit-learn", "sklearn"},
      {"TensorFlow"}, {"PyTorch"}, {"Keras"},
      {"=Spark", "apache spark", "pyspark"},
      {"Hadoop"}, {"Airflow", "apache airflow"},
      {"dbt"}, {"Matplotlib"},
      {"Playwright"}, {"Selenium"}, {"JUnit"}, {"pytest"}, {"Jest"}, {"Mockito"},
      {"WebGL"},
      // databases and messaging
      {"PostgreSQL", "postgres", "postgre"},
      {"MySQL"}, {"MariaDB"}, {"SQLite"},
      {"=Oracle", "oracle database", "oracle db"},
      {"SQL Server", "mssql", "ms sql"},
      {"MongoDB", "mongo"},
      {"Redis"}, {"Cassandra", "apache cassandra"},
      {"DynamoDB"}, {"Elasticsearch", "elastic search"}, {"OpenSearch"},
      {"=Snowflake"}, {"BigQuery"}, {"Neo4j"}, {"ClickHouse"}, {"CockroachDB"},
      {"NoSQL"},
      {"Kafka", "apache kafka"},
      {"RabbitMQ"},
      // cloud, infrastructure and tools
      {"AWS", "amazon web services"},
      {"GCP", "google cloud", "google cloud platform"},
      {"Azure", "microsoft azure"},
      {"S3", "amazon s3"},
      {"EC2"},
      {"AWS Lambda", "=Lambda"},
      {"Docker", "dockerfile"},
      {"Kubernetes", "k8s"},
      {"=Helm"},
      {"Terraform"}, {"Ansible"}, {"=Puppet"}, {"=Chef"},
      {"Vercel"}, {"Heroku"}, {"Netlify"}, {"Cloudflare"},
      {"OpenStack"},
      {"Linux", "unix"},
      {"Nginx"},
      {"Prometheus"}, {"Grafana"}, {"Datadog"}, {"OpenTelemetry"},
      {"Jenkins"}, {"GitHub Actions"}, {"GitLab CI"},
      {"CI/CD", "ci cd", "continuous integration", "continuous delivery", "continuous deployment"},
      {"Git"}, {"GitHub"}, {"GitLab"},
      {"Jira"}, {"Maven"}, {"Gradle"}, {"npm"}, {"Webpack"},
      {"Tableau"}, {"Looker Studio"}, {"=Looker"}, {"Power BI"}, {"=Excel", "microsoft excel"},
      {"Figma"},
      {"serverless"},
      {"microservices", "microservice", "micro services"},
      {"distributed systems", "distributed system", "distributed computing"},
      {"object storage", "object stores", "object store"},
      {"erasure coding"},
      {"consensus", "consensus protocols"},
      {"=Raft"}, {"Paxos"},
      {"replication"},
      // practices
      {"code review", "code reviews", "design review", "design reviews", "pull request reviews"},
      {"testing", "tests", "test suite", "unit testing", "unit tests", "integration tests"},
      {"A/B testing", "ab testing", "a/b tests", "experimentation"},
      {"TDD", "test driven development"},
      {"Agile"}, {"Scrum"}, {"Kanban"},
      {"DevOps"},
      {"SRE", "site reliability engineering", "site reliability"},
      {"observability"}, {"monitoring"},
      {"on-call", "on call", "pager duty", "pagerduty"},
      {"incident response", "incident management"},
      {"compression", "lossless compression"},
      {"algorithms", "algorithm"},
      {"data structures", "data structure"},
      {"system design", "systems design"},
      {"API design"},
      {"security", "application security", "appsec"},
      {"accessibility", "a11y"},
      {"machine learning", "=ML"},
      {"deep learning"},
      {"NLP", "natural language processing"},
      {"data analysis", "data analytics"},
      {"data visualization", "data visualisation", "dashboards", "dashboard", "dashboarding"},
      {"ETL", "elt", "data pipelines", "data pipeline"},
      {"data modeling", "data modelling", "sql models"},
      {"caching"},
      {"concurrency", "multithreading", "multi threading"},
      {"scalability", "scalable"},
      {"performance optimization", "performance tuning", "latency"},
      {"mentoring", "mentorship", "mentored", "mentor"},
      {"technical leadership", "tech lead", "technical lead"},
      {"documentation", "runbook", "runbooks"},
      {"pair programming"},
      {"refactoring"}, {"debugging"}, {"profiling"},
      {"infrastructure as code", "iac"},
      {"open source", "open sourced"},
      {"statistics", "statistical analysis"},
      {"reporting"},
  };

  private static final Map<String, String> EXACT = new HashMap<>();
  private static final Map<String, String> FOLDED = new HashMap<>();
  private static final List<String> CANONICAL = new ArrayList<>();
  private static final Pattern GAPS = Pattern.compile("[\\s\\-]+");
  /** Term patterns by the lower-case ASCII character they start with. */
  private static final Pattern[] FIRST = new Pattern[128];

  static {
    List<String[]> alternatives = new ArrayList<>(); // {term, regex}
    for (String[] entry : VOCABULARY) {
      String canonical = strip(entry[0]);
      CANONICAL.add(canonical);
      for (String term : entry) {
        boolean exact = term.startsWith("=");
        String t = strip(term);
        if (exact) {
          EXACT.put(key(t), canonical);
        } else {
          FOLDED.put(key(t).toLowerCase(Locale.ROOT), canonical);
        }
        String body = termRegex(t);
        alternatives.add(new String[] {t, exact ? body : "(?iu:" + body + ")"});
      }
    }
    // Longest first: the regex engine takes the first alternative that matches at a position.
    alternatives.sort(Comparator.comparingInt((String[] a) -> a[0].length()).reversed());
    // One pattern per first character: at each word start only the dozen terms that can begin there are
    // tried, not all of them (an order of magnitude faster on a long description than one big alternation).
    Map<Character, StringBuilder> byFirst = new HashMap<>();
    for (String[] a : alternatives) {
      StringBuilder group = byFirst.computeIfAbsent(Character.toLowerCase(a[0].charAt(0)), c -> new StringBuilder());
      group.append(group.length() == 0 ? "" : "|").append(a[1]);
    }
    // Not inside a word, and not a file extension such as ".js" in "app.js".
    String before = "(?<![\\p{L}\\p{N}_])(?<![\\p{L}\\p{N}][.])";
    String after = "(?![\\p{L}\\p{N}_])(?![.][\\p{L}\\p{N}])";
    for (Map.Entry<Character, StringBuilder> g : byFirst.entrySet()) {
      if (g.getKey() >= FIRST.length) {
        throw new IllegalStateException("vocabulary terms start with ASCII: " + g.getKey());
      }
      FIRST[g.getKey()] = Pattern.compile(before + "(?:" + g.getValue() + ")" + after);
    }
  }

  private Keywords() {
  }

  /**
   * Returns the canonical keywords found in {@code text}, without duplicates, in the order they first
   * appear. A null or blank text gives an empty list.
   */
  public static List<String> extract(String text) {
    Set<String> found = new LinkedHashSet<>();
    for (Hit h : find(text)) {
      found.add(h.term());
    }
    return List.copyOf(found);
  }

  /** One occurrence of a vocabulary term: its canonical form and where it was matched in the text. */
  public record Hit(String term, int start, int end) {
  }

  /**
   * Every occurrence of a vocabulary term in {@code text}, in text order, with duplicates. A null or blank
   * text gives an empty list.
   */
  public static List<Hit> find(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    List<Hit> hits = new ArrayList<>();
    Matcher[] matchers = new Matcher[FIRST.length];
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = Character.toLowerCase(text.charAt(i));
      boolean wordStart = i == 0 || !isWordChar(text.charAt(i - 1));
      if (wordStart && c < FIRST.length && FIRST[c] != null) {
        Matcher m = matchers[c];
        if (m == null) {
          m = matchers[c] = FIRST[c].matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        }
        m.region(i, n);
        if (m.lookingAt()) {
          String canonical = canonicalOf(m.group());
          if (canonical != null) {
            hits.add(new Hit(canonical, m.start(), m.end()));
          }
          i = Math.max(m.end(), i + 1);
          continue;
        }
      }
      i++;
    }
    return hits;
  }

  /** Every canonical term of the vocabulary, in vocabulary order. */
  public static List<String> vocabulary() {
    return List.copyOf(CANONICAL);
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  private static String canonicalOf(String matched) {
    String k = key(matched);
    String exact = EXACT.get(k);
    return exact != null ? exact : FOLDED.get(k.toLowerCase(Locale.ROOT));
  }

  private static String strip(String term) {
    return term.startsWith("=") ? term.substring(1) : term;
  }

  /** Lookup key: runs of spaces and hyphens become one space. */
  private static String key(String s) {
    return GAPS.matcher(s).replaceAll(" ").trim();
  }

  private static String termRegex(String term) {
    StringBuilder sb = new StringBuilder();
    boolean gap = false;
    for (int i = 0; i < term.length(); i++) {
      char c = term.charAt(i);
      if (c == ' ' || c == '-') {
        gap = true;
        continue;
      }
      if (gap) {
        sb.append("[\\s\\-]+");
        gap = false;
      }
      sb.append(Pattern.quote(String.valueOf(c)));
    }
    String regex = sb.toString();
    // "C" alone: not the start of "C-level", "C++" or "C#".
    return term.equals("C") ? regex + "(?![+#\\-])" : regex;
  }
}
