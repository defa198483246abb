package io.applyflow.run;

import io.applyflow.job.JobStatus;
import io.applyflow.job.Runs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunViewTest {
  private static Runs.Run run(String status) {
    return new Runs.Run(4, 1, "Software Engineer", "mid", null, 5, "review", status, null,
        "2026-12-02T10:00:00Z", null);
  }

  @Test
  void aDoneRunWithJobsWaitingSaysSoAndWhereToGo() {
    Map<String, Object> m = RunView.of(run("done"), Map.of(JobStatus.AWAITING_APPROVAL, 3L, JobStatus.CLARIFY, 2L,
        JobStatus.REJECTED, 1L));
    assertEquals("waiting", m.get("state"));
    assertEquals("5 waiting for you", m.get("state_label"));
    assertEquals(3L, m.get("review"));
    assertEquals(2L, m.get("clarify"));
    assertEquals("/review", m.get("review_href"));
    assertEquals(List.of("Borderline: your call", "Not a match", "Ready for your approval"),
        ((List<?>) m.get("counts")).stream().map(c -> ((Map<?, ?>) c).get("label")).sorted().toList());
  }

  @Test
  void onlyBorderlineJobsLeadToTheClarifyQueue() {
    Map<String, Object> m = RunView.of(run("done"), Map.of(JobStatus.CLARIFY, 1L));
    assertEquals("/clarify", m.get("review_href"));
    assertEquals("1 waiting for you", m.get("state_label"));
  }

  @Test
  void statesOfRunsThatNeedNothing() {
    assertEquals("Finished", RunView.of(run("done"), Map.of(JobStatus.SUBMITTED, 2L)).get("state_label"));
    assertEquals("running", RunView.of(run("running"), Map.of(JobStatus.AWAITING_APPROVAL, 2L)).get("state"));
    assertEquals("failed", RunView.of(run("failed"), Map.of()).get("state"));
  }

  @Test
  void stoppedJobsShowNoProgress() {
    for (JobStatus s : List.of(JobStatus.REJECTED, JobStatus.DUPLICATE, JobStatus.DISCARDED, JobStatus.FAILED)) {
      assertEquals(true, s.isStopped(), s.name());
    }
    assertEquals(false, JobStatus.SUBMITTED.isStopped());
    assertEquals(false, JobStatus.AWAITING_APPROVAL.isStopped());
  }
}
