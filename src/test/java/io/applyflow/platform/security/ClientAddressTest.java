package io.applyflow.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
  @Test
  void withoutTrustedProxiesTheConnectionIsTheClientWhateverTheHeaderSays() {
    assertEquals("203.0.113.7", ClientAddress.of("203.0.113.7", List.of("198.51.100.1"), 0));
    assertEquals("unknown", ClientAddress.of(null, List.of(), 0));
  }

  @Test
  void behindProxiesTheEntryOurOutermostProxyWroteCounts() {
    // the client sent "1.1.1.1" itself; our one proxy appended the address it saw
    assertEquals("203.0.113.7", ClientAddress.of("10.0.0.2", List.of("1.1.1.1, 203.0.113.7"), 1));
    // two proxies: CDN then nginx, nginx appends the CDN's address
    assertEquals("203.0.113.7", ClientAddress.of("10.0.0.2", List.of("1.1.1.1, 203.0.113.7", "10.0.0.9"), 2));
    // no header: the connection
    assertEquals("10.0.0.2", ClientAddress.of("10.0.0.2", List.of(), 1));
  }

  @Test
  void ipv6CountsByItsSlash64AndNothingIsLookedUp() {
    assertEquals("2001:db8:1:2::/64", ClientAddress.of("2001:db8:1:2:aaaa:bbbb:cccc:dddd", List.of(), 0));
    assertEquals("2001:db8:1:2::/64", ClientAddress.of("2001:db8:1:2::1", List.of(), 0));
    assertEquals("192.0.2.1", ClientAddress.of("::ffff:192.0.2.1", List.of(), 0));
    assertEquals("other:evil.example", ClientAddress.of("10.0.0.2", List.of("evil.example"), 1));
    assertEquals(70, ClientAddress.of("10.0.0.2", List.of("x".repeat(5000)), 1).length());
  }
}
