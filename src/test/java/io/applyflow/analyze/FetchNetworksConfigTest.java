package io.applyflow.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.platform.config.Config;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** FETCH_ALLOWED_NETWORKS: empty by default, a comma list of CIDR blocks, a bad entry named. */
class FetchNetworksConfigTest {

  @Test
  void defaultsToNoAllowedNetwork() {
    assertEquals(List.of(), Config.fromEnv(Map.of()).fetchAllowedNetworks());
  }

  @Test
  void readsIpv4AndIpv6Blocks() {
    Config c = Config.fromEnv(Map.of("FETCH_ALLOWED_NETWORKS", " 127.0.0.0/8, 10.1.0.0/16 ,fd00::/8"));
    assertEquals(List.of("127.0.0.0/8", "10.1.0.0/16", "fd00::/8"), c.fetchAllowedNetworks());
    new Addresses(c.fetchAllowedNetworks()); // every entry Config accepts, the rules read
  }

  @Test
  void namesABadEntryWithoutLookingAnythingUp() {
    for (String bad : List.of("localhost/8", "127.0.0.1", "127.0.0.0/33", "300.1.1.1/8", "fd00::/129", "10.0.0.0/x",
        "example.com/24")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Config.fromEnv(Map.of("FETCH_ALLOWED_NETWORKS", bad)), bad);
      assertTrue(e.getMessage().startsWith("FETCH_ALLOWED_NETWORKS entry '" + bad + "' is not a network"),
          e.getMessage());
    }
  }
}
