package io.applyflow.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.applyflow.search.Descriptions;
import io.applyflow.job.Jobs;
import io.applyflow.sandbox.SandboxBoards;
import io.applyflow.score.Scorer;
import io.applyflow.settings.Settings;
import io.applyflow.settings.Settings.Band;
import io.applyflow.support.Fixtures;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Entities;
import org.junit.jupiter.api.Test;

/**
 * What a new user's searches of the sandbox pick and where the JSON Resume sample lands, without a database or a
 * browser: the boards in the order the app lists them, the title filter and the round robin of {@link SearchVerticle},
 * each description as the describe stage stores it, the score stage's {@link Scorer} call and a new user's bands
 * ({@link Settings#DEFAULTS}). The README's walk-through and the acceptance tests rely on these outcomes.
 */
class SandboxSearchTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);
  private final SandboxBoards boards = SandboxBoards.get();

  /** The postings a sandbox search picks, in the order it stores them. */
  private List<SandboxBoards.Posting> search(String position, Level level, int limit) {
    List<List<Jobs.Posting>> perBoard = new ArrayList<>();
    Map<String, SandboxBoards.Posting> byKey = new LinkedHashMap<>();
    for (String token : boards.boardTokens()) {
      List<Jobs.Posting> matching = new ArrayList<>();
      for (SandboxBoards.Posting p : boards.board(token).orElseThrow().postings()) {
        if (TitleMatch.matches(position, level, p.title())) {
          String id = String.valueOf(p.id());
          matching.add(new Jobs.Posting("greenhouse", token, id, "", "", p.title(), p.companyName(), null));
          byKey.put(token + "/" + id, p);
        }
      }
      perBoard.add(matching);
    }
    return SearchVerticle.roundRobin(perBoard, limit, p -> false).stream() // a new user knows no posting yet
        .map(j -> byKey.get(j.board() + "/" + j.externalId())).toList();
  }

  /** The sample resume's total on {@code p}, scored as the pipeline scores it. */
  private static int score(SandboxBoards.Posting p, JsonNode resume) {
    String stored = Descriptions.sanitise(Entities.escape(p.contentHtml()));
    return Scorer.score(p.title(), stored, List.of(p.companyName(), p.board()), resume, TODAY).total();
  }

  private Map<String, Integer> scores(List<SandboxBoards.Posting> picked) throws IOException {
    JsonNode sample = Fixtures.resume("sample");
    Map<String, Integer> out = new LinkedHashMap<>();
    for (SandboxBoards.Posting p : picked) {
      out.put(p.title(), score(p, sample));
    }
    return out;
  }

  @Test
  void theDefaultSoftwareEngineerSearchPicksFivePostingsTheSampleIsAcceptedFor() throws IOException {
    // WalkingSkeletonIT: a new user, the sample resume, "Software Engineer"/mid with the default limit, auto mode.
    Map<String, Integer> picked = scores(search("Software Engineer", Level.MID, 5));
    assertEquals(List.of("Software Engineer, Robot Fleet Services", "Software Engineer II, Storage",
        "Backend Software Engineer", "Full Stack Software Engineer", "Backend Software Engineer, Ingestion"),
        List.copyOf(picked.keySet()));
    picked.forEach((title, total) ->
        assertEquals(Band.ACCEPT, Settings.DEFAULTS.band(total), title + " scores " + total + ": " + picked));
  }

  @Test
  void theDemoSearchShowsEveryBand() throws IOException {
    // The README's demo: the same search with limit 10 reaches the postings the sample matches only in part.
    Map<String, Integer> picked = scores(search("Software Engineer", Level.MID, 10));
    assertEquals(10, picked.size(), picked.toString());
    Map<Band, List<String>> byBand = new LinkedHashMap<>();
    picked.forEach((title, total) ->
        byBand.computeIfAbsent(Settings.DEFAULTS.band(total), b -> new ArrayList<>()).add(title + " " + total));
    assertEquals(EnumSet.allOf(Band.class), EnumSet.copyOf(byBand.keySet()), byBand.toString());
    // six: the tenth pick is Acme's fourth mid-level posting (Fleet Console, a widget posting the sample is accepted for)
    assertEquals(6, byBand.get(Band.ACCEPT).size(), byBand.toString());
    assertTrue(byBand.get(Band.CLARIFY).size() >= 2, byBand.toString());
  }

  @Test
  void theScenarioSearchStillFindsEveryScenarioPostingAndTheSampleIsAcceptedForEach() throws IOException {
    // ScenariosIT: "Solutions Engineer"/mid, limit 10, a new user's bands.
    List<SandboxBoards.Posting> picked = search("Solutions Engineer", Level.MID, 10);
    assertEquals(Set.copyOf(SandboxBoards.SCENARIOS.subList(1, SandboxBoards.SCENARIOS.size())),
        Set.copyOf(picked.stream().map(SandboxBoards.Posting::scenario).toList()));
    scores(picked).forEach((title, total) ->
        assertEquals(Band.ACCEPT, Settings.DEFAULTS.band(total), title + " scores " + total));
  }
}
