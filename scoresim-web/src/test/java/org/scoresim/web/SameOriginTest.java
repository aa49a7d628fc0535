package org.scoresim.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which Host values name the server, for each address it may listen on. */
class SameOriginTest {
    static final int PORT = 8080;

    static boolean names(String listenHost, String hostHeader) {
        SameOrigin s = new SameOrigin(listenHost, () -> PORT, new SecureRandom());
        return SameOrigin.Authority.parse(hostHeader).map(s::namesThisServer).orElse(false);
    }

    @Test
    void aHostHeaderIsANameOrAnAddressWithAnOptionalPort() {
        assertThat(SameOrigin.Authority.parse("LocalHost:8080")).contains(new SameOrigin.Authority("localhost", 8080));
        assertThat(SameOrigin.Authority.parse("127.0.0.1")).contains(new SameOrigin.Authority("127.0.0.1", -1));
        assertThat(SameOrigin.Authority.parse("[::1]:8080")).contains(new SameOrigin.Authority("[::1]", 8080));
        assertThat(SameOrigin.Authority.parse("[::1]")).contains(new SameOrigin.Authority("[::1]", -1));
        for (String bad : new String[] {"", ":8080", "a:b:c", "[::1]x", "[::1]:", "host:80a", "::1", "[::1"}) {
            assertThat(SameOrigin.Authority.parse(bad)).as(bad).isEmpty();
        }
    }

    @Test
    void theLoopbackNamesWithThePortOrNoneNameTheServer() {
        for (String h : new String[] {"localhost", "localhost:8080", "127.0.0.1:8080", "[::1]:8080", "[0:0::1]"}) {
            assertThat(names("127.0.0.1", h)).as(h).isTrue();
        }
        for (String h : new String[] {
            "localhost:8081", "127.0.0.2:8080", "example.org:8080", "localhost.", "0.0.0.0:8080", "[::2]", "[::1%eth0]"
        }) {
            assertThat(names("127.0.0.1", h)).as(h).isFalse();
        }
    }

    @Test
    void theAddressOrNameGivenWithHostNamesTheServerToo() {
        assertThat(names("192.0.2.7", "192.0.2.7:8080")).isTrue();
        assertThat(names("127.0.0.1", "192.0.2.7:8080")).isFalse();
        assertThat(names("2001:db8::7", "[2001:db8:0:0:0:0:0:7]:8080")).isTrue();
        assertThat(names("dashboard.lan", "Dashboard.LAN:8080")).isTrue();
        assertThat(names("dashboard.lan", "other.lan:8080")).isFalse();
        // every interface: the literal given, and still no name of another site
        assertThat(names("0.0.0.0", "0.0.0.0:8080")).isTrue();
        assertThat(names("0.0.0.0", "127.0.0.1:8080")).isTrue();
        assertThat(names("0.0.0.0", "attacker.example:8080")).isFalse();
        assertThat(names("::", "[::]:8080")).isTrue();
        assertThat(names("::", "[::1]:8080")).isTrue();
        assertThat(names("::", "attacker.example:8080")).isFalse();
    }

    @Test
    void listeningOnEveryInterfaceTheMachinesOwnAddressesNameIt() throws Exception {
        Optional<String> lan = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(n -> Collections.list(n.getInetAddresses()).stream())
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
                .map(InetAddress::getHostAddress)
                .findFirst();
        assumeTrue(lan.isPresent(), "this machine has no IPv4 address besides the loopback");
        assertThat(names("0.0.0.0", lan.get() + ":8080")).isTrue();
        assertThat(names("127.0.0.1", lan.get() + ":8080")).isFalse();
    }

    @Test
    void literalsAreNeverLookedUpAsNames() {
        assertThat(SameOrigin.literal("127.0.0.1")).isPresent();
        assertThat(SameOrigin.literal("[::1]")).isPresent();
        assertThat(SameOrigin.literal("999.0.0.1")).isEqualTo(Optional.empty());
        assertThat(SameOrigin.literal("[::g]")).isEqualTo(Optional.empty());
        assertThat(SameOrigin.literal("localhost")).isEqualTo(Optional.empty());
    }
}
