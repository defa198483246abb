package io.applyflow.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.templ.thymeleaf.ThymeleafTemplateEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the Lever and Ashby sandbox boards share: their JSON resources, page rendering, JSON answers and reading a
 * multipart application (fields by name, each upload's bytes and what they are by {@link FileKind}).
 */
final class AtsPages {
  private volatile ThymeleafTemplateEngine engine;

  /** A resource under {@code /sandbox/} on the class path, parsed. */
  static JsonNode resource(String name) {
    try (InputStream in = AtsPages.class.getResourceAsStream("/sandbox/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing class path resource /sandbox/" + name);
      }
      return GreenhouseJson.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A copy of a posting as the ATS's API shows it: without the private {@code sandbox} object. */
  static ObjectNode publicCopy(JsonNode posting) {
    ObjectNode copy = posting.deepCopy();
    copy.remove("sandbox");
    return copy;
  }

  void render(RoutingContext ctx, int status, String template, Map<String, Object> model) {
    ThymeleafTemplateEngine e = engine;
    if (e == null) {
      e = ThymeleafTemplateEngine.create(ctx.vertx());
      engine = e;
    }
    e.render(model, template)
        .onSuccess(html -> ctx.response().setStatusCode(status)
            .putHeader("content-type", "text/html; charset=utf-8")
            .putHeader("cache-control", "no-store")
            .end(html))
        .onFailure(ctx::fail);
  }

  static void json(RoutingContext ctx, int status, JsonNode body) {
    try {
      ctx.response().setStatusCode(status)
          .putHeader("content-type", "application/json; charset=utf-8")
          .end(GreenhouseJson.MAPPER.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      ctx.fail(e);
    }
  }

  /** The form's fields by name, every value kept in order. */
  static Map<String, List<String>> fields(RoutingContext ctx) {
    Map<String, List<String>> raw = new LinkedHashMap<>();
    MultiMap attrs = ctx.request().formAttributes();
    for (String name : attrs.names()) {
      raw.put(name, attrs.getAll(name));
    }
    return raw;
  }

  /** Every upload's bytes (the body limit bounds them all) and what each is by its bytes alone. */
  static Future<List<SubmissionForm.Part>> parts(RoutingContext ctx) {
    List<Future<SubmissionForm.Part>> reads = new ArrayList<>();
    for (FileUpload u : ctx.fileUploads()) {
      reads.add(u.size() == 0
          ? Future.succeededFuture(new SubmissionForm.Part(u.name(), u.fileName(), 0, Buffer.buffer(), null))
          : ctx.vertx().fileSystem().readFile(u.uploadedFileName()).map(buf -> new SubmissionForm.Part(u.name(),
              u.fileName(), buf.length(), buf, FileKind.sniff(buf).orElse(null))));
    }
    return Future.all(reads).map(all -> all.<SubmissionForm.Part>list());
  }

  /**
   * The stored file for an accepted part, under the employer's field name {@code field} ({@code resume}: what the
   * received-applications routes serve): the client's base name, cleaned, with its kind's extension.
   */
  static SandboxSubmissions.NewFile file(SubmissionForm.Part p, String field) {
    String n = p.filename() == null ? "" : p.filename().replace('\\', '/');
    n = n.substring(n.lastIndexOf('/') + 1).replaceAll("[\"\\p{Cntrl}]", "_").strip();
    if (n.isEmpty() || n.equals(".") || n.equals("..")) {
      n = "upload";
    }
    if (n.length() > 200) {
      n = n.substring(n.length() - 200);
    }
    return new SandboxSubmissions.NewFile(field, p.kind().fileName(n), p.kind().contentType, p.content());
  }

  /** A full name split at its last space: (everything before, the last word); a single word is all first name. */
  static String[] splitName(String full) {
    String n = full.strip();
    int sp = n.lastIndexOf(' ');
    return sp < 0 ? new String[] {n, ""} : new String[] {n.substring(0, sp).strip(), n.substring(sp + 1)};
  }

  /** Whether {@code s} is a UUID in its canonical text form (any case). */
  static boolean isUuid(String s) {
    return s != null && s.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  }
}
