package io.applyflow.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

public class CsvTest {
  @Test
  void plainFieldsAreLeftAsTheyAreAndRecordsEndWithCrlf() {
    assertEquals("Acme,Engineer,\r\n", Csv.record(Arrays.asList("Acme", "Engineer", null)));
  }

  @Test
  void commasQuotesAndLineBreaksAreQuotedWithQuotesDoubled() {
    assertEquals("\"Acme, Inc.\"", Csv.field("Acme, Inc."));
    assertEquals("\"say \"\"hi\"\"\"", Csv.field("say \"hi\""));
    assertEquals("\"line 1\nline 2\"", Csv.field("line 1\nline 2"));
    assertEquals("\"a\r\nb\"", Csv.field("a\r\nb"));
  }

  @Test
  void aCellASpreadsheetWouldReadAsAFormulaStartsWithAnApostrophe() {
    assertEquals("'=1+1", Csv.field("=1+1"));
    assertEquals("'+49 30 1234", Csv.field("+49 30 1234"));
    assertEquals("'-2", Csv.field("-2"));
    assertEquals("'@SUM(A1)", Csv.field("@SUM(A1)"));
    assertEquals("'\tx", Csv.field("\tx"));
    assertEquals("\"'\rx\"", Csv.field("\rx"), "a leading CR is defused and still quoted");
    assertEquals("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"",
        Csv.field("=HYPERLINK(\"http://evil.example\",\"x\")"), "defused, then quoted");
    assertEquals("a=b", Csv.field("a=b"), "only the first character counts");
  }

  @Test
  void nonLatinTextIsKeptAsUtf8() {
    String row = Csv.record(List.of("株式会社テスト", "Δίκτυα", "شركة"));
    assertEquals("株式会社テスト,Δίκτυα,شركة\r\n", row);
    assertEquals(row, new String(row.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
  }

  @Test
  void theExportHasAHeaderAndOneRecordPerApplicationEvenWithLineBreaksInNotes() {
    List<JsonObject> apps = new ArrayList<>();
    apps.add(new JsonObject().put("id", 1).put("status", "INTERVIEW").put("company", "Acme, Inc.")
        .put("position", "=cmd|' /C calc'!A0").put("notes", "first line\r\nsecond \"quoted\" line")
        .put("contacts", new JsonArray().add(new JsonObject().put("name", "Ada").put("email", "ada@example.com")
            .put("role", "recruiter"))));
    apps.add(new JsonObject().put("id", 2).put("status", "NEW").put("company", "Ωmega").put("position", "Dev"));
    String csv = ApplicationsCsv.of(apps);
    List<List<String>> records = parse(csv);
    assertEquals(3, records.size(), csv);
    assertEquals(ApplicationsCsv.HEADER, records.get(0));
    assertEquals("Interview", records.get(1).get(1));
    assertEquals("Acme, Inc.", records.get(1).get(2));
    assertEquals("'=cmd|' /C calc'!A0", records.get(1).get(3));
    assertEquals("Ada <ada@example.com> (recruiter)", records.get(1).get(15));
    assertEquals("first line\r\nsecond \"quoted\" line", records.get(1).get(16));
    assertEquals("Ωmega", records.get(2).get(2));
    assertTrue(csv.endsWith("\r\n"));
    for (List<String> r : records) {
      assertEquals(ApplicationsCsv.HEADER.size(), r.size(), "every record has every column: " + r);
    }
  }

  /** A strict RFC 4180 reader: records end with CRLF outside quotes; a quoted field's "" is one quote. */
  public static List<List<String>> parse(String csv) {
    List<List<String>> out = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < csv.length(); i++) {
      char c = csv.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        assertEquals(0, field.length(), "a quote only opens a field");
        quoted = true;
      } else if (c == ',') {
        record.add(field.toString());
        field.setLength(0);
      } else if (c == '\r') {
        assertEquals('\n', csv.charAt(i + 1), "CR only as part of CRLF outside quotes");
        record.add(field.toString());
        field.setLength(0);
        out.add(record);
        record = new ArrayList<>();
        i++;
      } else {
        assertTrue(c != '\n', "a bare LF outside quotes");
        field.append(c);
      }
    }
    assertEquals(0, field.length() + record.size(), "the file ends with CRLF");
    return out;
  }
}
