package io.applyflow.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.platform.bus.Failure;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressesTest {
  private final Addresses strict = new Addresses(List.of());
  private final Addresses tests = new Addresses(List.of("127.0.0.0/8"));

  private String refusal(Addresses rules, String url) {
    Failure.Coded e = assertThrows(Failure.Coded.class, () -> rules.target(url), url + " must be refused");
    assertEquals(Failure.BAD_INPUT, e.failure);
    return e.getMessage();
  }

  private static InetAddress ip(String literal) throws Exception {
    return InetAddress.getByName(literal); // literals only: never a lookup
  }

  @Test
  void refusesTheMetadataAddressAsLinkLocalEvenWhenLoopbackIsAllowed() {
    String m = refusal(tests, "http://169.254.169.254/latest/meta-data");
    assertTrue(m.startsWith("169.254.169.254 is a link-local address"), m);
    assertTrue(m.contains("Applyflow does not fetch"), m);
    assertTrue(refusal(new Addresses(List.of("169.254.0.0/16")), "http://169.254.169.254/").contains("metadata"));
    assertTrue(refusal(strict, "http://169.254.1.1/").contains("link-local"));
  }

  @Test
  void refusesMetadataAndPrivateUseNamesBeforeAnyLookup() {
    assertTrue(refusal(tests, "http://metadata.google.internal/computeMetadata/v1/").startsWith(
        "metadata.google.internal is a cloud metadata name"));
    assertTrue(refusal(tests, "http://METADATA.google.internal./").startsWith("metadata.google.internal"));
    assertTrue(refusal(tests, "http://db.corp.internal/").contains("private network name"));
    assertTrue(refusal(tests, "http://printer.local/").contains("private network name"));
    assertTrue(refusal(strict, "http://localhost:8080/").contains("loopback"));
  }

  @Test
  void refusesIpv4RulesAndAllowsPublicAddresses() throws Exception {
    Object[][] cases = {
        {"127.0.0.1", "a loopback address"}, {"127.255.1.2", "a loopback address"},
        {"10.0.0.1", "a private address"}, {"172.16.0.1", "a private address"}, {"172.31.255.255", "a private address"},
        {"192.168.1.1", "a private address"}, {"169.254.0.1", "a link-local address"},
        {"0.0.0.0", "an unspecified address"}, {"100.64.0.1", "a shared (carrier-grade NAT) address"},
        {"100.127.255.255", "a shared (carrier-grade NAT) address"}, {"224.0.0.1", "a multicast address"},
        {"255.255.255.255", "a broadcast address"}, {"240.0.0.1", "a reserved address"},
        {"8.8.8.8", null}, {"172.32.0.1", null}, {"100.128.0.1", null}, {"192.169.0.1", null}, {"1.1.1.1", null}};
    for (Object[] c : cases) {
      assertEquals(c[1], strict.refusal(ip((String) c[0])), (String) c[0]);
    }
  }

  @Test
  void refusesIpv6RulesAndIpv4WrappedInIpv6() throws Exception {
    Object[][] cases = {
        {"::1", "a loopback address"}, {"::", "an unspecified address"}, {"fe80::1", "a link-local address"},
        {"febf::1", "a link-local address"}, {"fc00::1", "a private address"}, {"fd12:3456::1", "a private address"},
        {"ff02::1", "a multicast address"}, {"64:ff9b::a9fe:a9fe", "a NAT64 address of a link-local address"},
        {"2002:7f00:1::", "a 6to4 address of a loopback address"}, {"::127.0.0.1", "an IPv4-mapped address of a loopback address"},
        {"2001:0:4136:e378::1", "a Teredo tunnel address"}, {"2606:4700::1111", null}, {"2a00:1450::1", null}};
    for (Object[] c : cases) {
      assertEquals(c[1], strict.refusal(ip((String) c[0])), (String) c[0]);
    }
    // Java returns a mapped address as IPv4: the rules see 169.254.169.254 itself
    assertTrue(refusal(strict, "http://[::ffff:169.254.169.254]/").contains("link-local"));
    assertTrue(refusal(strict, "http://[::ffff:a9fe:a9fe]/").contains("169.254.169.254"));
    assertTrue(refusal(strict, "http://[::ffff:10.0.0.1]/").contains("a private address"));
    assertTrue(refusal(strict, "http://[::1]:8080/").contains("loopback"));
    assertTrue(refusal(strict, "http://[fe80::1%25eth0]/").contains("url:"));
  }

  @Test
  void readsNumericHostsAsBrowsersDo() {
    // one decimal number: 2852039166 = 0xA9FEA9FE = 169.254.169.254
    assertTrue(refusal(tests, "http://2852039166/").startsWith("2852039166 (169.254.169.254) is a link-local address"),
        refusal(tests, "http://2852039166/"));
    // java.net.URI gives these no host at all; a browser reads 127.0.0.1
    assertTrue(refusal(strict, "http://0x7f.1/").startsWith("0x7f.1 (127.0.0.1) is a loopback address"),
        refusal(strict, "http://0x7f.1/"));
    assertTrue(refusal(strict, "http://127.1/").contains("(127.0.0.1) is a loopback"));
    assertTrue(refusal(strict, "http://0x7f000001/").contains("(127.0.0.1) is a loopback"));
    // octal parts: 0177.0.0.1 is 127.0.0.1 to a browser (the JDK would read 177.0.0.1)
    assertTrue(refusal(strict, "http://0177.0.0.1/").contains("(127.0.0.1) is a loopback"));
    assertTrue(refusal(strict, "http://0251.0376.0251.0376/").contains("(169.254.169.254)"));
    assertTrue(refusal(strict, "http://1.2.3.4.5/").contains("neither a name nor an IPv4 address"));
    assertTrue(refusal(strict, "http://256.1.1.1/").contains("not a valid IPv4 address"));
    assertEquals("169.254.169.254", Addresses.ipv4("0xa9.0xfe.0xa9.0xfe").getHostAddress());
    assertNull(Addresses.ipv4("jobs.example.com"));
    assertNull(Addresses.ipv4("1.2.3.example"));
  }

  @Test
  void refusesWhatIsNotAnHttpUrlNamingTheProblem() {
    assertTrue(refusal(tests, "file:///etc/passwd").contains("only http and https URLs are opened"));
    assertTrue(refusal(tests, "gopher://127.0.0.1:6379/_INFO").contains("only http and https"));
    assertTrue(refusal(tests, "http://user:pw@jobs.example.com/").contains("user info"));
    assertTrue(refusal(tests, "").contains("there is no URL"));
    assertTrue(refusal(tests, "http://jobs.example.com:99999/").startsWith("url:"));
  }

  @Test
  void allowedNetworksLetLoopbackThroughButNothingElse() throws Exception {
    Addresses.Target t = tests.target("http://127.0.0.1:8080/jobs/1?x=1");
    assertEquals("127.0.0.1", t.host());
    assertEquals(8080, t.port());
    assertEquals("/jobs/1?x=1", t.pathAndQuery());
    assertNull(tests.refusal(ip("127.0.0.2")));
    assertEquals("a private address", tests.refusal(ip("10.0.0.1")));
    assertEquals("a loopback address", new Addresses(List.of("127.0.0.1/32")).refusal(ip("127.0.0.2")));
    assertNull(new Addresses(List.of("fd00::/8")).refusal(ip("fd00::5")));
    Addresses.Target name = strict.target("https://Jobs.Example.com/careers/42");
    assertEquals("jobs.example.com", name.host());
    assertEquals(443, name.port());
    assertNull(name.literal(), "a name is resolved later, by the fetcher");
  }
}
