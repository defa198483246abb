package io.applyflow.account;

import io.applyflow.platform.security.Auth;
import io.applyflow.platform.security.Tokens;
import io.applyflow.platform.web.Http;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;

/**
 * The caller's own tokens: {@code GET /api/tokens} lists them ({@code [{id, kind, created_at, last_used_at,
 * expires_at, current}]}, never a token's secret) and {@code DELETE /api/tokens/{id}} revokes one (204; 404 when the
 * caller has no such token, someone else's included). The settings page shows the same list (SettingsRoutes).
 */
public final class TokenRoutes {
  private final Tokens tokens;

  private TokenRoutes(Tokens tokens) {
    this.tokens = tokens;
  }

  public static void mount(Router router, Tokens tokens) {
    TokenRoutes r = new TokenRoutes(tokens);
    router.get("/api/tokens").handler(Auth.requireApiUser()).handler(r::list);
    router.delete("/api/tokens/:id").handler(Auth.requireApiUser()).handler(r::revoke);
  }

  private void list(RoutingContext ctx) {
    Long current = Auth.tokenId(ctx);
    tokens.list(Auth.userId(ctx))
        .onSuccess(list -> {
          JsonArray out = new JsonArray();
          list.forEach(t -> out.add(new JsonObject().put("id", t.id()).put("kind", t.kind())
              .put("created_at", iso(t.createdAt())).put("last_used_at", iso(t.lastUsedAt()))
              .put("expires_at", iso(t.expiresAt())).put("current", current != null && current == t.id())));
          Http.json(ctx, 200, out);
        })
        .onFailure(t -> Http.fail(ctx, t));
  }

  private void revoke(RoutingContext ctx) {
    long id = Http.idParam(ctx, "id");
    tokens.revoke(Auth.userId(ctx), id)
        .onSuccess(found -> {
          if (found) {
            ctx.response().setStatusCode(204).end();
          } else {
            Http.error(ctx, 404, "not_found", "you have no token " + id);
          }
        })
        .onFailure(t -> Http.fail(ctx, t));
  }

  private static String iso(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }
}
