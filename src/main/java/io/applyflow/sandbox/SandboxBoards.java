package io.applyflow.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The postings of the built-in sandbox job boards, read once from {@code sandbox/boards.json} on the
 * classpath. The file holds Greenhouse-shaped job objects (with {@code questions}, {@code compliance} and
 * unescaped {@code content}) plus a {@code sandbox} object per posting that never leaves the server and
 * says which scenario the hosted page plays: {@code standard} for the ordinary postings, and for the
 * "Solutions Engineer" postings at the end of each board one of {@link #SCENARIOS} (see {@link SandboxRoutes}); it may
 * also name the widgets of the hosted page ({@code widgets}, see {@link Posting#widget}) and whether the employer embeds
 * the posting in its careers page ({@code embed}, see {@link Posting#embedded}).
 * {@code sandbox/locations.json} feeds the location typeahead.
 *
 * <p>Threading: immutable after loading; {@link #get()} is safe from any thread, including event loops
 * (the first call parses the resource, about 400 kB, once per JVM).
 */
public final class SandboxBoards {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static volatile SandboxBoards instance;

  /** Every scenario a posting can play, {@code standard} first. */
  public static final List<String> SCENARIOS = List.of("standard", "every-field", "knockout", "captcha", "reject-first",
      "slow", "login-wall", "classic", "security-code");

  /**
   * The single-select widgets a hosted page can render: {@code react-select} (job-boards.greenhouse.io), {@code listbox}
   * (the WAI-ARIA APG select-only combobox: a focusable {@code div[role=combobox]} with {@code aria-controls} and
   * {@code aria-activedescendant}), {@code portal} (an input whose listbox is appended to {@code body}, with no
   * {@code aria-controls}) and {@code radio} (a fieldset of native radio buttons). The three custom ones carry the value
   * in a named form control, as a plain form would post it.
   */
  public static final List<String> WIDGETS = List.of("react-select", "listbox", "portal", "radio");

  private final Map<String, Board> boards;
  private final List<Country> countries;
  private final List<Location> locations;

  /** One sandbox board: its token (the path segment), company name and postings in file order. */
  public record Board(String token, String name, String content, String confirmationMessage, List<Posting> postings) {
  }

  /**
   * One posting. {@code json} is the full stored object (unescaped content, questions, the private
   * {@code sandbox} object); callers must treat it as read-only and copy before changing it.
   */
  public record Posting(String board, long id, String title, String companyName, String scenario, ObjectNode json) {

    /** The description as HTML (the resource keeps it unescaped; the API escapes it on the way out). */
    public String contentHtml() {
      return json.path("content").asText("");
    }

    public String locationName() {
      return json.path("location").path("name").asText("");
    }

    /**
     * The widget the hosted page renders a single-select question as: the private {@code sandbox.widgets} object
     * names one per field ({@code "question_42": "radio"}) or one for every single select ({@code "select"}); the
     * default is {@code react-select}, as on job-boards.greenhouse.io. See {@link #WIDGETS}.
     */
    public String widget(String field) {
      JsonNode w = json.path("sandbox").path("widgets");
      String named = w.path(field).asText(w.path("select").asText("react-select"));
      return WIDGETS.contains(named) ? named : "react-select";
    }

    /**
     * True when the employer embeds its board in its own careers page ({@code sandbox.embed}): the API's
     * {@code absolute_url} is that page, which frames the classic application form ({@code #grnhse_iframe}).
     */
    public boolean embedded() {
      return json.path("sandbox").path("embed").asBoolean(false);
    }

    /** The {@code questions} array, in display order. */
    public ArrayNode questions() {
      JsonNode q = json.get("questions");
      return q instanceof ArrayNode a ? a : MAPPER.createArrayNode();
    }

    /** The {@code location_questions} array; empty when the form asks for no location. */
    public ArrayNode locationQuestions() {
      JsonNode q = json.get("location_questions");
      return q instanceof ArrayNode a ? a : MAPPER.createArrayNode();
    }

    /** The location question ({@code fields[0].name == "location"}), if the form asks for one. */
    public Optional<JsonNode> locationQuestion() {
      for (JsonNode q : locationQuestions()) {
        if ("location".equals(q.path("fields").path(0).path("name").asText())) {
          return Optional.of(q);
        }
      }
      return Optional.empty();
    }

    /** The {@code compliance} blocks, or null when the posting has none. */
    public JsonNode compliance() {
      JsonNode c = json.get("compliance");
      return c == null || c.isNull() ? null : c;
    }

    /** The {@code demographic_questions} object, or null. */
    public JsonNode demographicQuestions() {
      JsonNode d = json.get("demographic_questions");
      return d == null || d.isNull() ? null : d;
    }

    /** True when a field of this name appears in any question (e.g. {@code "phone"}, {@code "question_42"}). */
    public boolean hasField(String name) {
      for (JsonNode q : questions()) {
        for (JsonNode f : q.path("fields")) {
          if (name.equals(f.path("name").asText())) {
            return true;
          }
        }
      }
      return false;
    }

    /** The question holding the field {@code name}, if any. */
    public Optional<JsonNode> questionFor(String name) {
      for (JsonNode q : questions()) {
        for (JsonNode f : q.path("fields")) {
          if (name.equals(f.path("name").asText())) {
            return Optional.of(q);
          }
        }
      }
      return Optional.empty();
    }
  }

  /** A phone-country option: ISO 3166 alpha-2 code, English name and dialling code. */
  public record Country(String code, String name, String dialCode) {
    /** The label the country combobox shows, e.g. {@code "United States +1"}. */
    public String label() {
      return name + " " + dialCode;
    }
  }

  /** A place the location typeahead offers ({@code "Pittsburgh, Pennsylvania, United States"}) with coordinates. */
  public record Location(String name, double latitude, double longitude) {
  }

  private SandboxBoards(Map<String, Board> boards, List<Country> countries, List<Location> locations) {
    this.boards = boards;
    this.countries = countries;
    this.locations = locations;
  }

  /** The boards from the classpath resource, loaded on first use. */
  public static SandboxBoards get() {
    SandboxBoards b = instance;
    if (b == null) {
      synchronized (SandboxBoards.class) {
        if (instance == null) {
          instance = load();
        }
        b = instance;
      }
    }
    return b;
  }

  static SandboxBoards load() {
    JsonNode root = readResource("sandbox/boards.json");
    Map<String, Board> boards = new LinkedHashMap<>();
    for (JsonNode b : root.path("boards")) {
      String token = b.path("token").asText();
      String name = b.path("name").asText();
      List<Posting> postings = new ArrayList<>();
      for (JsonNode j : b.path("jobs")) {
        ObjectNode job = (ObjectNode) j;
        postings.add(new Posting(token, job.path("id").asLong(), job.path("title").asText(),
            job.path("company_name").asText(name), job.path("sandbox").path("scenario").asText("standard"), job));
      }
      boards.put(token, new Board(token, name, b.path("content").asText(""),
          b.path("confirmation_message").asText("Thank you for applying."), List.copyOf(postings)));
    }
    List<Country> countries = new ArrayList<>();
    for (JsonNode c : readResource("sandbox/countries.json")) {
      countries.add(new Country(c.path("code").asText(), c.path("name").asText(), c.path("dial_code").asText()));
    }
    List<Location> locations = new ArrayList<>();
    for (JsonNode l : readResource("sandbox/locations.json")) {
      locations.add(new Location(l.path("name").asText(), l.path("latitude").asDouble(), l.path("longitude").asDouble()));
    }
    return new SandboxBoards(Collections.unmodifiableMap(boards), List.copyOf(countries), List.copyOf(locations));
  }

  private static JsonNode readResource(String path) {
    try (InputStream in = SandboxBoards.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("classpath resource " + path + " is missing");
      }
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + path, e);
    }
  }

  /** Board tokens in file order. */
  public List<String> boardTokens() {
    return List.copyOf(boards.keySet());
  }

  public Optional<Board> board(String token) {
    return Optional.ofNullable(token == null ? null : boards.get(token));
  }

  public Optional<Posting> posting(String board, long id) {
    return board(board).flatMap(b -> b.postings().stream().filter(p -> p.id() == id).findFirst());
  }

  /** Every posting of every board. */
  public List<Posting> postings() {
    return boards.values().stream().flatMap(b -> b.postings().stream()).toList();
  }

  /** Options of the phone-country combobox, United States first, then by name. */
  public List<Country> countries() {
    return countries;
  }

  /** Places of the location typeahead, by name. */
  public List<Location> locations() {
    return locations;
  }

  /** A country by ISO code, name or combobox label ({@code US}, {@code United States}, {@code United States +1}). */
  public Optional<Country> country(String codeNameOrLabel) {
    String s = codeNameOrLabel == null ? "" : codeNameOrLabel.strip();
    return countries.stream()
        .filter(c -> c.code().equalsIgnoreCase(s) || c.name().equalsIgnoreCase(s) || c.label().equalsIgnoreCase(s))
        .findFirst();
  }
}
