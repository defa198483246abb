package io.applyflow.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.ibm.icu.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineBreaksTest {

  /** The pieces a line may be cut into. */
  private static List<String> pieces(String text) {
    LineBreaks breaks = new LineBreaks();
    breaks.setText(text);
    List<String> out = new ArrayList<>();
    int from = 0;
    for (int at = breaks.next(); at != BreakIterator.DONE; at = breaks.next()) {
      out.add(text.substring(from, at));
      from = at;
    }
    return out;
  }

  @Test
  void hyphenatedSlashedAndDashedTokensStayWhole() {
    assertEquals(List.of("customer-facing ", "CI/CD ", "pipelines"), pieces("customer-facing CI/CD pipelines"));
    assertEquals(List.of("2019–2021 ", "and ", "A—B"), pieces("2019–2021 and A—B"));
    assertEquals(List.of("read/write ", "TCP/IP"), pieces("read/write TCP/IP"));
  }

  @Test
  void spacesAndCjkStillBreak() {
    assertEquals(List.of("Jan ", "2020 ", "– ", "Present"), pieces("Jan 2020 – Present"));
    assertEquals(List.of("東", "京", "大", "学"), pieces("東京大学"));
  }
}
