package io.applyflow.fault;

import io.applyflow.support.Api;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * An auto-mode workload of about {@code jobs} jobs on the sandbox board. One sandbox search yields at most about 20
 * postings for one position and level ("Software Engineer", mid: the three Greenhouse boards, the Lever site and the
 * Ashby board hold 68 postings in all), so the workload is several users, each with one run of at most
 * {@link #PER_RUN} jobs; every user accepts every job (score bands 0/0) and applies with the sample profile.
 */
public final class Workload {
  public static final int PER_RUN = 17;
  public static final String POSITION = "Software Engineer";

  /** A user of the workload: applicant email, bearer token, and the run it started. */
  public record User(String email, String token, long runId, int limit) {
  }

  public final List<User> users;

  private Workload(List<User> users) {
    this.users = users;
  }

  /** The limits that add up to {@code jobs}: as even as possible, none above {@code perRun}. */
  static List<Integer> limits(int jobs, int perRun) {
    int runs = (jobs + perRun - 1) / perRun;
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      out.add(jobs / runs + (i < jobs % runs ? 1 : 0));
    }
    return out;
  }

  /** Registers the users (on {@code api}, a web node) and starts their runs, one after the other. */
  public static Workload start(Api api, String tag, int jobs) {
    return start(api, tag, jobs, PER_RUN);
  }

  /** Like {@link #start(Api, String, int)} with runs of at most {@code perRun} jobs (at most {@link #PER_RUN}). */
  public static Workload start(Api api, String tag, int jobs, int perRun) {
    List<User> users = new ArrayList<>();
    for (int limit : limits(jobs, Math.min(perRun, PER_RUN))) {
      String email = Api.uniqueEmail(tag);
      String token = api.userWithProfile(email);
      users.add(new User(email, token, startRun(api, token, limit), limit));
    }
    return new Workload(users);
  }

  /** Starts one auto run of {@code limit} jobs for the user with {@code token}; returns its id. */
  public static long startRun(Api api, String token, int limit) {
    Api.Response r = api.post("/api/search", token, new JsonObject().put("position", POSITION).put("level", "mid")
        .put("mode", "auto").put("limit", limit));
    if (r.status() != 202) {
      throw new IllegalStateException("POST /api/search answered " + r.status() + ": " + r.text());
    }
    return r.json().getLong("run_id");
  }

  public List<String> emails() {
    return users.stream().map(User::email).toList();
  }

  public List<Long> runIds() {
    return users.stream().map(User::runId).toList();
  }
}
