package io.applyflow.platform.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class JsonLinesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A logger of a context of its own whose only appender writes {@link JsonLines} into {@code out}. */
  private static Logger logger(ByteArrayOutputStream out) {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(MDC.getMDCAdapter()); // the MDC the test writes to
    context.start();
    JsonLines encoder = new JsonLines();
    encoder.setContext(context);
    encoder.start();
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.setOutputStream(out);
    appender.start();
    Logger logger = context.getLogger("io.applyflow.apply.ApplyVerticle");
    logger.addAppender(appender);
    return logger;
  }

  private static List<JsonNode> lines(ByteArrayOutputStream out) throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      lines.add(JSON.readTree(line)); // throws when a line is not one complete JSON value
    }
    return lines;
  }

  @Test
  void eachEventIsOneJsonObjectWithTheJobAndRunIds() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Logger log = logger(out);
    log.atWarn().addKeyValue("job_id", 4211L).addKeyValue("run_id", 77L)
        .log("apply of job {} failed: {}", 4211, "a \"quoted\"\nmessage");
    MDC.put("run_id", "78");
    try {
      log.atInfo().addKeyValue("job_id", 4212L).log("submitted");
    } finally {
      MDC.remove("run_id");
    }
    log.error("broken", new IllegalStateException("boom"));

    List<JsonNode> lines = lines(out);
    assertEquals(3, lines.size(), out.toString(StandardCharsets.UTF_8));
    JsonNode first = lines.get(0);
    assertEquals("WARN", first.get("level").asText());
    assertEquals("io.applyflow.apply.ApplyVerticle", first.get("logger").asText());
    assertEquals("apply of job 4211 failed: a \"quoted\"\nmessage", first.get("message").asText());
    assertEquals(4211L, first.get("job_id").asLong());
    assertTrue(first.get("job_id").isNumber());
    assertEquals(77L, first.get("run_id").asLong());
    assertEquals(Thread.currentThread().getName(), first.get("thread").asText());
    assertNotNull(java.time.Instant.parse(first.get("time").asText()));
    JsonNode second = lines.get(1);
    assertEquals(4212L, second.get("job_id").asLong());
    assertEquals("78", second.get("run_id").asText(), "the MDC's entries are fields too");
    JsonNode third = lines.get(2);
    assertTrue(third.get("error").asText().contains("IllegalStateException: boom"));
    assertFalse(third.has("job_id"));
  }

  @Test
  void aKeyValuePairNeverReplacesTheLinesOwnFields() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    logger(out).atInfo().addKeyValue("message", "forged").addKeyValue("level", "DEBUG").log("real");
    JsonNode line = lines(out).get(0);
    assertEquals("real", line.get("message").asText());
    assertEquals("INFO", line.get("level").asText());
    List<String> names = new ArrayList<>();
    line.fieldNames().forEachRemaining(names::add);
    assertEquals(List.of("time", "level", "logger", "thread", "message"), names);
  }

  @Test
  void logFormatJsonSelectsTheJsonAppenderOfTheShippedConfiguration() throws Exception {
    assertEquals("json", rootAppender("json"));
    assertEquals("text", rootAppender(null));
  }

  private static String rootAppender(String format) throws Exception {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(MDC.getMDCAdapter());
    if (format != null) {
      context.putProperty("LOG_FORMAT", format);
    }
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(JsonLinesTest.class.getResource("/logback.xml"));
    Iterator<Appender<ILoggingEvent>> it = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
    Appender<ILoggingEvent> only = it.next();
    assertFalse(it.hasNext());
    if ("json".equals(format)) {
      assertTrue(((OutputStreamAppender<ILoggingEvent>) only).getEncoder() instanceof JsonLines);
    }
    return only.getName();
  }
}
