package io.applyflow.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The table of allowed transitions, and its agreement with the database's CHECK constraint. */
class JobStatusTest {
  @Test
  void aFinalStateHasNoWayOut() {
    for (JobStatus s : JobStatus.values()) {
      if (s.isFinal()) {
        assertTrue(s.next().isEmpty(), s + " is final but may move to " + s.next());
      }
    }
  }

  @Test
  void everyStateOnItsWayHasAStageThatTakesIt() {
    for (JobStatus s : JobStatus.values()) {
      if (s.isSettled()) {
        assertNull(s.stage(), s + " waits for the user or is final: no stage may claim it");
      } else {
        assertNotNull(s.stage(), s + " is on its way, so some stage must claim it or it is stranded");
        assertTrue(JobStatus.claimedBy(s.stage()).contains(s));
      }
    }
  }

  @Test
  void aSubmissionIsReachedOnlyFromTheApplyStagesStatesOrTheSecurityCode() {
    assertEquals(Set.of(JobStatus.RENDERED, JobStatus.APPLYING, JobStatus.NEEDS_INPUT),
        JobStatus.from(JobStatus.SUBMITTED));
    assertFalse(JobStatus.AWAITING_APPROVAL.allows(JobStatus.SUBMITTED), "approval goes through applying");
    assertFalse(JobStatus.NEEDS_ATTENTION.allows(JobStatus.APPLYING), "a retry starts again from rendered");
  }

  @Test
  void fromIsTheInverseOfNext() {
    for (JobStatus to : JobStatus.values()) {
      for (JobStatus from : JobStatus.values()) {
        assertEquals(from.allows(to), JobStatus.from(to).contains(from), from + " → " + to);
      }
    }
  }

  @Test
  void theDatabaseKnowsExactlyTheseStates() throws IOException {
    String sql = Files.readString(Path.of("src/main/resources/db/migration/V18__transitions_and_leases.sql"));
    Matcher m = Pattern.compile("constraint jobs_status_check check \\(status in \\(([^)]*)\\)\\)").matcher(sql);
    assertTrue(m.find(), "V18 declares jobs_status_check");
    Set<String> inSql = Arrays.stream(m.group(1).split(",")).map(s -> s.trim().replace("'", ""))
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> inJava = Arrays.stream(JobStatus.values()).map(JobStatus::db)
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(inJava, inSql);
  }
}
