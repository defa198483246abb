package io.applyflow.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.job.JobStatus;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** What the run page and the run API say of a job a stage takes: queued for it, or being worked on. */
class RunRowsTest {
  private static RunRows.JobRow row(JobStatus status, boolean working) {
    return new RunRows.JobRow(1, "Engineer", "Acme", "Remote", "https://x", status, 70, null, working);
  }

  @Test
  void aJobAStageTakesWithNoLiveLeaseIsQueuedForThatStage() {
    JsonObject j = row(JobStatus.ACCEPTED, false).json();
    assertTrue(j.getBoolean("queued"));
    assertEquals("tailor", j.getString("stage"));
    assertEquals("Waiting for a free tailoring slot", j.getString("activity"));
    assertEquals("Waiting for a free PDF slot", row(JobStatus.TAILORED, false).activity());
    assertEquals("Waiting for a free application slot", row(JobStatus.RENDERED, false).activity());
  }

  @Test
  void aJobWithALiveLeaseIsBeingWorkedOn() {
    JsonObject j = row(JobStatus.DISCOVERED, true).json();
    assertFalse(j.getBoolean("queued"));
    assertEquals("describe", j.getString("stage"));
    assertEquals("Reading the posting now", j.getString("activity"));
  }

  @Test
  void aJobNoStageTakesIsNeitherQueuedNorWorkedOn() {
    for (JobStatus s : new JobStatus[] {JobStatus.AWAITING_APPROVAL, JobStatus.SUBMITTED, JobStatus.CLARIFY}) {
      JsonObject j = row(s, false).json();
      assertFalse(j.getBoolean("queued"), s.db());
      assertNull(j.getValue("stage"), s.db());
      assertNull(j.getValue("activity"), s.db());
    }
  }
}
