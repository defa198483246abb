package io.applyflow.fault;

import io.applyflow.job.JobStatus;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a set of users' runs came to, read straight from Postgres: their runs, their jobs by status, their submit
 * ledger, and what the sandbox board (the employer) received with their applicant emails. {@link #violations()} lists
 * every broken promise of the fault tests: a job neither final nor waiting, a run still running, a posting the
 * employer received twice from one applicant or that has two ledger rows (duplicates), an application the employer
 * received that no ledger row accounts for or whose job is neither submitted nor needs_attention with an unconfirmed
 * attempt, a job marked submitted that the employer did not receive exactly once (lost).
 */
public final class Outcome {
  /** One job: its id, run, status and posting. */
  public record JobRow(long id, long runId, long userId, String status, String posting, long leaseToken) {
  }

  /** One ledger row. */
  public record LedgerRow(long id, long userId, long jobId, String posting, String state, String receipt) {
  }

  /** One application the sandbox received. */
  public record Received(long id, String email, String posting, String at) {
  }

  public final Map<Long, String> runs = new TreeMap<>();
  public final List<JobRow> jobs = new ArrayList<>();
  public final List<LedgerRow> ledger = new ArrayList<>();
  public final List<Received> received = new ArrayList<>();
  private final Map<Long, String> emailOf = new HashMap<>();

  private Outcome() {
  }

  /** Reads the outcome of every run of the users with these emails (lower case) from the database at {@code jdbcUrl}. */
  public static Outcome read(String jdbcUrl, List<String> emails) {
    Outcome o = new Outcome();
    try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", null)) {
      Array mails = c.createArrayOf("text", emails.stream().map(String::toLowerCase).toArray());
      try (PreparedStatement st = c.prepareStatement("select id, lower(email) from users where lower(email) = any(?)")) {
        st.setArray(1, mails);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            o.emailOf.put(rs.getLong(1), rs.getString(2));
          }
        }
      }
      Array users = c.createArrayOf("bigint", o.emailOf.keySet().toArray());
      try (PreparedStatement st = c.prepareStatement("select id, status from runs where user_id = any(?) order by id")) {
        st.setArray(1, users);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            o.runs.put(rs.getLong(1), rs.getString(2));
          }
        }
      }
      try (PreparedStatement st = c.prepareStatement("""
          select id, run_id, user_id, status, source || ':' || board || ':' || external_id, lease_token
            from jobs where user_id = any(?) order by id
          """)) {
        st.setArray(1, users);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            o.jobs.add(new JobRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                rs.getLong(6)));
          }
        }
      }
      try (PreparedStatement st = c.prepareStatement("""
          select id, user_id, job_id, source || ':' || board || ':' || external_id, state, receipt
            from submit_ledger where user_id = any(?) order by id
          """)) {
        st.setArray(1, users);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            o.ledger.add(new LedgerRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                rs.getString(6)));
          }
        }
      }
      try (PreparedStatement st = c.prepareStatement("""
          select id, lower(email), source || ':' || board || ':' || coalesce(job_id::text, posting_id), received_at::text
            from sandbox_submissions where lower(email) = any(?) order by id
          """)) {
        st.setArray(1, mails);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            o.received.add(new Received(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the outcome: " + e.getMessage(), e);
    }
    return o;
  }

  /** Jobs per status, e.g. {@code {submitted=47, needs_attention=3}}. */
  public Map<String, Integer> statuses() {
    Map<String, Integer> out = new TreeMap<>();
    jobs.forEach(j -> out.merge(j.status(), 1, Integer::sum));
    return out;
  }

  public long submitted() {
    return jobs.stream().filter(j -> j.status().equals("submitted")).count();
  }

  /** One line: jobs per status, ledger rows per state, applications received. */
  public String summary() {
    Map<String, Integer> states = new TreeMap<>();
    ledger.forEach(l -> states.merge(l.state(), 1, Integer::sum));
    Map<String, Integer> runStates = new TreeMap<>();
    runs.values().forEach(s -> runStates.merge(s, 1, Integer::sum));
    return jobs.size() + " jobs " + statuses() + ", runs " + runStates + ", ledger " + states + ", received "
        + received.size();
  }

  private static String key(String email, String posting) {
    return email + " " + posting;
  }

  /** Every broken promise, one line each naming the ids; empty when the outcome is sound. */
  public List<String> violations() {
    List<String> out = new ArrayList<>();
    runs.forEach((id, status) -> {
      if (!"done".equals(status)) {
        out.add("run " + id + " is " + status + ", not done");
      }
    });
    for (JobRow j : jobs) {
      JobStatus s = JobStatus.of(j.status());
      if (!s.isSettled()) {
        out.add("stranded: job " + j.id() + " (run " + j.runId() + ", " + j.posting() + ") is " + j.status()
            + ", neither final nor waiting");
      }
    }
    Map<String, List<Received>> byApplicantPosting = new HashMap<>();
    received.forEach(r -> byApplicantPosting.computeIfAbsent(key(r.email(), r.posting()), k -> new ArrayList<>()).add(r));
    byApplicantPosting.forEach((k, rows) -> {
      if (rows.size() > 1) {
        out.add("duplicate: the employer received " + rows.size() + " applications from " + k + " (sandbox ids "
            + rows.stream().map(r -> r.id() + " at " + r.at()).toList() + ")");
      }
    });
    Map<String, List<LedgerRow>> ledgerByPosting = new HashMap<>();
    ledger.forEach(l -> ledgerByPosting.computeIfAbsent(key(emailOf.get(l.userId()), l.posting()),
        k -> new ArrayList<>()).add(l));
    ledgerByPosting.forEach((k, rows) -> {
      if (rows.size() > 1) {
        out.add("duplicate: " + rows.size() + " ledger rows for " + k + " (ledger ids "
            + rows.stream().map(LedgerRow::id).toList() + ")");
      }
    });
    Map<Long, JobRow> jobById = new HashMap<>();
    jobs.forEach(j -> jobById.put(j.id(), j));
    for (Received r : received) {
      List<LedgerRow> rows = ledgerByPosting.get(key(r.email(), r.posting()));
      if (rows == null) {
        out.add("lost: the employer received " + key(r.email(), r.posting()) + " (sandbox id " + r.id()
            + ") but no ledger row accounts for it");
        continue;
      }
      for (LedgerRow l : rows) {
        JobRow j = jobById.get(l.jobId());
        String status = j == null ? "(no such job)" : j.status();
        boolean ok = "submitted".equals(status) || "needs_attention".equals(status) && "attempted".equals(l.state());
        if (!ok) {
          out.add("lost: the employer received " + key(r.email(), r.posting()) + " (sandbox id " + r.id()
              + ", ledger " + l.id() + " " + l.state() + ") but job " + l.jobId() + " is " + status);
        }
      }
    }
    for (JobRow j : jobs) {
      if (!"submitted".equals(j.status())) {
        continue;
      }
      String k = key(emailOf.get(j.userId()), j.posting());
      int n = byApplicantPosting.getOrDefault(k, List.of()).size();
      if (n != 1) {
        out.add("lost: job " + j.id() + " (run " + j.runId() + ") is submitted but the employer received " + n
            + " applications for " + k);
      }
    }
    return out;
  }
}
