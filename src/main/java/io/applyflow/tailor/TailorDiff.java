package io.applyflow.tailor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The diff of a tailored resume against its master: one {@link BulletChange} per master bullet (each
 * summary sentence, or the whole summary when it is one sentence; every work and project highlight; the
 * summary or description standing in for an entry without highlights), in master order, with the
 * relevance the engine gave it.
 *
 * <p>Bullets are matched by id within their role, so a reworded bullet that kept its id counts as kept.
 * A summary bullet {@code basics.summary[0,2]} keeps sentences 0 and 2 at tailored positions 0 and 1.
 *
 * <p>Pure, stateless and thread-safe.
 */
public final class TailorDiff {

  private TailorDiff() {
  }

  /**
   * Diffs {@code tailored} against {@code resume}, scoring with the same ranker {@link Tailor} used for
   * {@code descriptionText}. A null resume has no bullets; a null tailored resume drops every bullet.
   */
  public static List<BulletChange> of(JsonNode resume, TailoredResume tailored, String descriptionText) {
    JsonNode root = resume == null ? MissingNode.getInstance() : resume;
    Tailor.Ranking ranking = Tailor.rank(root, descriptionText);
    List<BulletChange> out = new ArrayList<>();
    for (Tailor.Source source : ranking.sources()) {
      Map<String, Integer> positions = positions(source, tailored);
      List<Bullet> master = source.bullets();
      for (int m = 0; m < master.size(); m++) {
        Bullet b = master.get(m);
        int t = positions.getOrDefault(b.id(), -1);
        String change = t < 0 ? BulletChange.DROPPED : t == m ? BulletChange.KEPT : BulletChange.MOVED;
        out.add(new BulletChange(b.id(), source.label(), b.text(), ranking.relevance().get(b.id()), change, m, t));
      }
    }
    return out;
  }

  /** Master bullet id → its position within the tailored counterpart of {@code source}. */
  private static Map<String, Integer> positions(Tailor.Source source, TailoredResume tailored) {
    Map<String, Integer> out = new HashMap<>();
    if (tailored == null) {
      return out;
    }
    List<Bullet> master = source.bullets();
    switch (source.kind()) {
      case SUMMARY -> {
        if (tailored.summary() != null) {
          List<Integer> kept = Tailor.summarySentences(tailored.summary().id(), master.size());
          for (int p = 0; p < kept.size(); p++) {
            if (kept.get(p) < master.size()) {
              out.put(master.get(kept.get(p)).id(), p);
            }
          }
        }
      }
      case WORK -> index(out, role(tailored.work(), source.index()));
      case PROJECT -> index(out, role(tailored.projects(), source.index()));
    }
    return out;
  }

  private static Role role(List<Role> roles, int index) {
    return index < roles.size() ? roles.get(index) : null;
  }

  private static void index(Map<String, Integer> out, Role role) {
    if (role != null) {
      for (int p = 0; p < role.bullets().size(); p++) {
        out.putIfAbsent(role.bullets().get(p).id(), p);
      }
    }
  }
}
