package io.applyflow.platform.web;

import io.applyflow.platform.bus.Failure;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rules every input of the app is held to, in one place. A value is first checked against its documented
 * maximum length, and only then read, always in linear time (plain scans, no backtracking regular expression on
 * anything a user sent). NUL and the other control characters (C0 except TAB, LF and CR in multi-line fields, DEL,
 * C1) are refused with a 400 naming the field; so is a JSON body nested deeper than {@link #JSON_DEPTH} or holding
 * U+0000 anywhere (Postgres refuses it later otherwise). The request's address (path and query) gets the same
 * control-character check before any route sees it ({@link #addressGuard()}), and every form field the same
 * checks plus a generic length cap ({@link #formGuard()}).
 */
public final class Inputs {
  /** An email address (RFC 5321: a path of 256 octets, so 254 characters for the address). */
  public static final int EMAIL = 254;
  /** The part of an email address before the {@code @} (RFC 5321 §4.5.3.1.1). */
  public static final int EMAIL_LOCAL = 64;
  /** A person's name (account name, first/last/preferred name, resume.basics.name). */
  public static final int NAME = 200;
  /** A phone number as typed ({@code +1 (912) 555-4321}). */
  public static final int PHONE = 30;
  /** Short single-line text: phone country, a resume's label, network, position, institution, area... */
  public static final int SHORT_TEXT = 200;
  /** A URL (links, profiles). */
  public static final int URL = 2048;
  /** A search's position (job title). */
  public static final int POSITION = 200;
  /** A search's location. */
  public static final int LOCATION = 200;
  /** A word from a fixed list (level, mode, a yes/no answer, an EEOC answer). */
  public static final int WORD = 40;
  /** A number sent as text (thresholds, limit). */
  public static final int NUMBER = 16;
  /** One answer to an application question (multi-line). */
  public static final int ANSWER = 10_000;
  /** A question's field name in an answers object. */
  public static final int FIELD_NAME = 200;
  /** One multi-line text of a resume (a summary, a highlight, a description). */
  public static final int RESUME_STRING = 20_000;
  /** A whole resume as JSON text (the profile page's box, or the resume object of {@code PUT /api/profile}). */
  public static final int RESUME_TEXT = 1_000_000;
  /** Any key of a JSON object. */
  public static final int JSON_KEY = 200;
  /** How deeply a JSON body may nest objects and arrays. */
  public static final int JSON_DEPTH = 64;
  /** Any form field without a maximum of its own. */
  public static final int FORM_FIELD = 10_000;
  /** Any query parameter. */
  public static final int QUERY_VALUE = 2_048;
  /** How many fields a form may have (the HTTP server's decoder refuses more). */
  public static final int FORM_FIELDS = 256;

  /** Form fields whose maximum differs from {@link #FORM_FIELD}. */
  private static final Map<String, Integer> FIELD_MAXIMA = Map.of("resume", RESUME_TEXT);

  /** The documented maxima, in characters (the README's table). */
  public static final Map<String, String> MAXIMA;

  static {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("email (account, resume.basics.email)", EMAIL + " (local part " + EMAIL_LOCAL + ")");
    m.put("name (account, applicant first/last/preferred, resume.basics.name)", String.valueOf(NAME));
    m.put("applicant.phone", String.valueOf(PHONE));
    m.put("applicant.phone_country, resume labels/positions/institutions/skills", String.valueOf(SHORT_TEXT));
    m.put("URLs (applicant.links.*, resume profiles)", String.valueOf(URL));
    m.put("search position", String.valueOf(POSITION));
    m.put("search location", String.valueOf(LOCATION));
    m.put("level, mode, yes/no and EEOC answers", String.valueOf(WORD));
    m.put("numbers sent as text (thresholds, limit)", String.valueOf(NUMBER));
    m.put("an answer to an application question", String.valueOf(ANSWER));
    m.put("a question's field name", String.valueOf(FIELD_NAME));
    m.put("one resume text (summary, highlight, description)", String.valueOf(RESUME_STRING));
    m.put("the whole resume JSON", String.valueOf(RESUME_TEXT));
    m.put("any JSON key", String.valueOf(JSON_KEY));
    m.put("JSON nesting", JSON_DEPTH + " levels");
    m.put("any other form field", String.valueOf(FORM_FIELD));
    m.put("any query parameter", String.valueOf(QUERY_VALUE));
    m.put("fields in one form", FORM_FIELDS + " fields");
    MAXIMA = Collections.unmodifiableMap(m);
  }

  private Inputs() {
  }

  // --- single values ------------------------------------------------------------------------------------------

  /** A single-line text: at most {@code max} characters (checked first), no control character at all. */
  public static String line(String field, String value, int max) {
    return checked(field, value, max, false);
  }

  /** A multi-line text: at most {@code max} characters (checked first); TAB, LF and CR allowed. */
  public static String multiline(String field, String value, int max) {
    return checked(field, value, max, true);
  }

  private static String checked(String field, String value, int max, boolean multiline) {
    if (value == null) {
      return null;
    }
    if (value.length() > max) {
      throw Failure.BAD_INPUT.with(field + " is too long: at most " + max + " characters, got " + value.length());
    }
    int at = controlCharAt(value, multiline);
    if (at >= 0) {
      throw Failure.BAD_INPUT.with(field + " contains a control character (" + codePoint(value.charAt(at))
          + " at position " + at + "); remove it");
    }
    return value;
  }

  /**
   * Whether {@code email} is a plausible address, in one pass: at most {@link #EMAIL} characters (checked first),
   * exactly one {@code @}, a local part of 1 to {@link #EMAIL_LOCAL} characters, a domain with a dot that neither
   * starts nor ends it and ends in at least two characters, no whitespace or control characters anywhere.
   */
  public static boolean isEmail(String email) {
    if (email == null || email.isEmpty() || email.length() > EMAIL) {
      return false;
    }
    int at = -1;
    int lastDot = -1;
    for (int i = 0; i < email.length(); i++) {
      char c = email.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c) || isControl(c, false)) {
        return false;
      }
      if (c == '@') {
        if (at >= 0) {
          return false;
        }
        at = i;
      } else if (c == '.' && at >= 0) {
        lastDot = i;
      }
    }
    int domainLength = email.length() - at - 1;
    return at >= 1 && at <= EMAIL_LOCAL && domainLength >= 4 && lastDot > at + 1
        && email.length() - lastDot - 1 >= 2;
  }

  /** {@link #isEmail} or BAD_INPUT naming {@code field} (and the maximum when that is what is wrong). */
  public static String email(String field, String value) {
    if (value != null && value.length() > EMAIL) {
      throw Failure.BAD_INPUT.with(field + " is too long: at most " + EMAIL + " characters, got " + value.length());
    }
    if (!isEmail(value)) {
      throw Failure.BAD_INPUT.with(field + " is not a valid email address");
    }
    return value;
  }

  /**
   * The index of the first control character of {@code s} (C0, DEL, C1; TAB, LF and CR allowed when
   * {@code multiline}), or -1.
   */
  public static int controlCharAt(String s, boolean multiline) {
    for (int i = 0; i < s.length(); i++) {
      if (isControl(s.charAt(i), multiline)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isControl(char c, boolean multiline) {
    if (c < 0x20) {
      return !(multiline && (c == '\t' || c == '\n' || c == '\r'));
    }
    return c >= 0x7f && c <= 0x9f;
  }

  private static String codePoint(char c) {
    return String.format("U+%04X", (int) c);
  }

  // --- JSON ---------------------------------------------------------------------------------------------------

  /**
   * How deeply {@code raw} JSON nests, counted in one pass without parsing (brackets inside strings do not count);
   * BAD_INPUT past {@link #JSON_DEPTH}. Run before the parser, so a 10,000-level body costs one scan.
   */
  public static void jsonDepth(String what, String raw) {
    int depth = 0;
    boolean inString = false;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        if (++depth > JSON_DEPTH) {
          throw Failure.BAD_INPUT.with(what + " nests objects and arrays deeper than " + JSON_DEPTH + " levels");
        }
      } else if (c == '}' || c == ']') {
        depth--;
      }
    }
  }

  /**
   * Walks a parsed JSON value: every key at most {@link #JSON_KEY} characters without control characters, no
   * U+0000 in any string
   * (BAD_INPUT naming its JSON path, e.g. {@code resume.basics.name}).
   */
  public static void jsonTree(String path, Object value) {
    if (value instanceof JsonObject o) {
      for (Map.Entry<String, Object> e : o) {
        String key = e.getKey();
        if (key.length() > JSON_KEY) {
          throw Failure.BAD_INPUT.with("a key of " + (path.isEmpty() ? "the body" : path) + " is too long: at most "
              + JSON_KEY + " characters, got " + key.length());
        }
        String p = path.isEmpty() ? key : path + "." + key;
        if (controlCharAt(key, false) >= 0) {
          throw Failure.BAD_INPUT.with("the key " + shown(p) + " contains a control character; remove it");
        }
        jsonTree(p, e.getValue());
      }
    } else if (value instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        jsonTree(path + "[" + i + "]", a.getValue(i));
      }
    } else if (value instanceof String s && s.indexOf('\0') >= 0) {
      throw Failure.BAD_INPUT.with(shown(path) + " contains a NUL character (U+0000 at position " + s.indexOf('\0')
          + "); remove it");
    }
  }

  /** A path or value for an error message: control characters shown as {@code U+XXXX}. */
  public static String shown(String s) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), 200));
    for (int i = 0; i < s.length() && b.length() < 200; i++) {
      char c = s.charAt(i);
      b.append(isControl(c, false) ? "\\" + codePoint(c) : String.valueOf(c));
    }
    return b.length() < s.length() ? b + "..." : b.toString();
  }

  // --- the router's guards ------------------------------------------------------------------------------------

  /**
   * The first handler of the router: a path or query (percent-decoded) holding a control character, a malformed
   * percent escape, or a query parameter over {@link #QUERY_VALUE} characters is refused with a 400 naming it.
   */
  public static Handler<RoutingContext> addressGuard() {
    return ctx -> {
      String raw = ctx.request().path();
      if (raw != null && malformedEscapeAt(raw) >= 0) {
        // the router cannot even match such a path (nor route its failure), so the answer is written here
        ctx.response().setStatusCode(400).putHeader("content-type", "text/plain; charset=utf-8")
            .end("the address's path has a malformed percent escape at position " + malformedEscapeAt(raw) + "\n");
        return;
      }
      try {
        String path = decode(ctx.request().path(), false);
        int at = controlCharAt(path, false);
        if (at >= 0) {
          throw Failure.BAD_INPUT.with("the address's path contains a control character (" + codePoint(path.charAt(at))
              + "); no page or endpoint has one");
        }
        String query = ctx.request().query();
        if (query != null) {
          if (query.length() > QUERY_VALUE * 4) {
            throw Failure.BAD_INPUT.with("the address's query is too long: at most " + QUERY_VALUE * 4 + " characters");
          }
          for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), true);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
            line("query parameter '" + shown(name) + "'", name, FIELD_NAME);
            line("query parameter '" + shown(name) + "'", value, QUERY_VALUE);
          }
        }
      } catch (Failure.Coded e) {
        ctx.fail(400, e);
        return;
      }
      ctx.next();
    };
  }

  /**
   * After the body handler: every field of a form body (urlencoded or multipart) within its maximum
   * ({@link #FORM_FIELD} unless listed) and free of control characters (TAB, LF, CR allowed); 400 naming it.
   */
  public static Handler<RoutingContext> formGuard() {
    return ctx -> {
      String type = ctx.request().getHeader("content-type");
      if (type == null || !(type.regionMatches(true, 0, "application/x-www-form-urlencoded", 0, 33)
          || type.regionMatches(true, 0, "multipart/form-data", 0, 19))) {
        ctx.next();
        return;
      }
      try {
        MultiMap form = ctx.request().formAttributes();
        for (Map.Entry<String, String> e : form) {
          String name = e.getKey();
          line("a form field's name", name, FIELD_NAME);
          multiline("the form field '" + name + "'", e.getValue(), FIELD_MAXIMA.getOrDefault(name, FORM_FIELD));
        }
      } catch (Failure.Coded e) {
        ctx.fail(400, e);
        return;
      }
      ctx.next();
    };
  }

  /** The index of the first {@code %} of {@code s} not followed by two hex digits, or -1. */
  static int malformedEscapeAt(String s) {
    for (int i = s.indexOf('%'); i >= 0; i = s.indexOf('%', i + 1)) {
      if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0 || Character.digit(s.charAt(i + 2), 16) < 0) {
        return i;
      }
    }
    return -1;
  }

  /**
   * A failure of the HTTP layer's form decoder (more than {@link #FORM_FIELDS} fields, a field over the decoder's
   * cap, a body it cannot decode) as the BAD_INPUT it is; any other failure as it is.
   */
  public static Throwable explain(Throwable t) {
    if (t == null || !t.getClass().getName().startsWith("io.netty.handler.codec.http.multipart.")) {
      return t;
    }
    String name = t.getClass().getSimpleName();
    if (name.contains("TooManyFormFields")) {
      return Failure.BAD_INPUT.with("the form has too many fields: at most " + FORM_FIELDS);
    }
    if (name.contains("TooLongFormField")) {
      return Failure.BAD_INPUT.with("a form field is too long: at most " + FORM_FIELD + " characters (the resume "
          + RESUME_TEXT + ")");
    }
    return Failure.BAD_INPUT.with("the form could not be read: " + (t.getMessage() == null ? name : t.getMessage()));
  }

  /**
   * Percent-decodes {@code s} (UTF-8; {@code +} is a space in a query). A malformed escape is BAD_INPUT; bytes that
   * are not UTF-8 become U+FFFD.
   */
  static String decode(String s, boolean query) {
    if (s.indexOf('%') < 0 && (!query || s.indexOf('+') < 0)) {
      return s;
    }
    byte[] out = new byte[s.length()];
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
        int lo = hi >= 0 ? Character.digit(s.charAt(i + 2), 16) : -1;
        if (lo < 0) {
          throw Failure.BAD_INPUT.with("the address has a malformed percent escape at position " + i);
        }
        out[n++] = (byte) (hi * 16 + lo);
        i += 2;
      } else if (c == '+' && query) {
        out[n++] = ' ';
      } else if (c < 0x80) {
        out[n++] = (byte) c;
      } else {
        // the request line is ASCII; anything else is kept as it is (it cannot be a control character below 0x80)
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (n + b.length > out.length) {
          out = java.util.Arrays.copyOf(out, out.length * 2 + b.length);
        }
        System.arraycopy(b, 0, out, n, b.length);
        n += b.length;
      }
    }
    return new String(out, 0, n, StandardCharsets.UTF_8);
  }
}
