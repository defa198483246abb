package io.applyflow.platform.bus;

import io.applyflow.job.JobBus;
import io.applyflow.pipeline.PipelineBus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.applyflow.search.SearchBus;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonCodecTest {
  @SuppressWarnings("unchecked")
  private static <T> T overTheWire(T value) {
    JsonCodec<T> codec = new JsonCodec<>((Class<T>) value.getClass());
    Buffer wire = Buffer.buffer("prefix");
    codec.encodeToWire(wire, value);
    return codec.decodeFromWire("prefix".length(), wire);
  }

  @Test
  void everyBusRecordSurvivesTheClusterWire() {
    List<Object> messages = List.of(new PipelineBus.Start(7, 3), new JobBus.Progress(7, 11, 3, "described"),
        new JobBus.JobCommand(11, 3), new JobBus.StageResult(11, "scored"), new SearchBus.Request(7, 3),
        new SearchBus.Found(List.of(11L, 12L), List.of("board x: answered 404")));
    for (Object m : messages) {
      assertEquals(m, overTheWire(m));
    }
  }
}
