package io.applyflow.home;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The three first steps of a new user (profile, first run, first decision) and which are done, read from what the
 * user has actually done, so the list ticks itself. Also the user's name for a greeting.
 */
public final class Checklist {
  private final Pool pool;

  public Checklist(Pool pool) {
    this.pool = pool;
  }

  /** One step: what to do, why, where, and whether it is done. */
  record Step(int n, String what, String why, String href, String cta, boolean done) {
    Map<String, Object> map() {
      Map<String, Object> m = new HashMap<>();
      m.put("n", n);
      m.put("what", what);
      m.put("why", why);
      m.put("href", href);
      m.put("cta", cta);
      m.put("done", done);
      return m;
    }
  }

  /** The steps of this user, plus {@code complete}, {@code next} (the first step not done) and {@code name}. */
  public Future<Map<String, Object>> of(long userId) {
    return pool.preparedQuery("""
            select u.name,
              exists (select 1 from profiles p where p.user_id = u.id) as has_profile,
              exists (select 1 from runs r where r.user_id = u.id) as has_run,
              exists (select 1 from jobs j where j.user_id = u.id and j.status in ('submitted', 'discarded')) as decided
            from users u where u.id = $1""")
        .execute(Tuple.of(userId))
        .map(rs -> {
          Row r = rs.iterator().hasNext() ? rs.iterator().next() : null;
          boolean profile = r != null && r.getBoolean("has_profile");
          boolean run = r != null && r.getBoolean("has_run");
          boolean decided = r != null && r.getBoolean("decided");
          return model(r == null ? "" : r.getString("name"), profile, run, decided);
        });
  }

  static Map<String, Object> model(String name, boolean profile, boolean run, boolean decided) {
    List<Step> steps = List.of(
        new Step(1, "Add your resume", "Paste your resume as JSON Resume on your profile. Applyflow only ever uses what"
            + " is written there.", "/profile", "Go to your profile", profile),
        new Step(2, "Start your first run", "Type a job title and a level: Applyflow finds postings, scores them against"
            + " your resume and fills in the forms.", "/runs/new", "Start a run", run),
        new Step(3, "Review what it prepared", "Look at a filled form and its tailored resume, then submit or discard it."
            + " In review mode nothing is sent without you.", "/review", "Open the review queue", decided));
    Map<String, Object> m = new HashMap<>();
    List<Map<String, Object>> list = new ArrayList<>();
    Integer next = null;
    for (Step s : steps) {
      list.add(s.map());
      if (!s.done() && next == null) {
        next = s.n();
      }
    }
    m.put("steps", list);
    m.put("next", next);
    m.put("complete", next == null);
    m.put("name", name);
    return m;
  }
}
