package io.applyflow.apply;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The user's own answers to questions the profile could not answer, keyed by normalised question text and
 * reused on every later job that asks the same question. Always read through the owner's id.
 */
public final class AnswerBank {
  private final Pool pool;

  public AnswerBank(Pool pool) {
    this.pool = pool;
  }

  public Future<Map<String, SavedAnswer>> load(long userId) {
    return pool.preparedQuery("""
            select id, question_key, question_text, answer from saved_answers where user_id = $1 order by id""")
        .execute(Tuple.of(userId))
        .map(rs -> {
          Map<String, SavedAnswer> out = new LinkedHashMap<>();
          for (Row r : rs) {
            out.put(r.getString("question_key"), new SavedAnswer(r.getLong("id"), r.getString("question_key"),
                r.getString("question_text"), r.getString("answer")));
          }
          return out;
        });
  }

  /** Saves (or replaces) the answer to a question. */
  public Future<Long> save(long userId, String questionText, String answer) {
    return pool.preparedQuery("""
            insert into saved_answers (user_id, question_key, question_text, answer) values ($1, $2, $3, $4)
            on conflict on constraint saved_answers_question_key
            do update set answer = excluded.answer, question_text = excluded.question_text, updated_at = now()
            returning id""")
        .execute(Tuple.of(userId, AnswerKeys.key(questionText), questionText, answer))
        .map(rs -> rs.iterator().next().getLong("id"));
  }
}
