package vn.bdg.registry.web;

import org.junit.jupiter.api.Test;
import vn.bdg.registry.Config;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientAddressTest {
    private final ClientAddress behindProxies = new ClientAddress(List.of("10.0.0.0/8", "192.168.1.5", "fd00::/8"));

    @Test
    void withoutTrustedProxiesTheConnectionIsTheClientWhateverTheHeaderSays() {
        ClientAddress direct = new ClientAddress(List.of());
        assertThat(direct.of("203.0.113.7", "198.51.100.1")).isEqualTo("203.0.113.7");
        assertThat(direct.of("203.0.113.7", (String) null)).isEqualTo("203.0.113.7");
    }

    @Test
    void behindATrustedProxyTheClientIsTheRightmostAddressThatIsNotAProxy() {
        assertThat(behindProxies.of("10.1.2.3", "203.0.113.7")).isEqualTo("203.0.113.7");
        // the client wrote a made-up address first; the proxies appended the real one and themselves
        assertThat(behindProxies.of("10.1.2.3", "1.2.3.4, 203.0.113.7, 192.168.1.5")).isEqualTo("203.0.113.7");
        assertThat(behindProxies.of("fd12::1", "2001:db8::7")).isEqualTo("2001:db8::7");
        assertThat(behindProxies.of("10.1.2.3", (String) null)).isEqualTo("10.1.2.3");
        assertThat(behindProxies.of("10.1.2.3", " , 10.9.9.9")).as("only proxies").isEqualTo("10.1.2.3");
        assertThat(behindProxies.of("10.1.2.3", List.of("198.51.100.1", "203.0.113.7, 10.9.9.9")))
                .as("several header lines are one list: the client wrote the first").isEqualTo("203.0.113.7");
        assertThat(behindProxies.of("10.1.2.3", List.of())).isEqualTo("10.1.2.3");
        assertThat(behindProxies.of("10.1.2.3", "203.0.113.7:40001, 192.168.1.5:443"))
                .as("a proxy that writes ports: the address without it").isEqualTo("203.0.113.7");
        assertThat(behindProxies.of("10.1.2.3", "[2001:db8::7]:40001, [fd00::1]:443")).isEqualTo("2001:db8::7");
    }

    @Test
    void aClientThatIsNotAProxyCannotChooseItsAddressWithTheHeader() {
        assertThat(behindProxies.of("203.0.113.7", "198.51.100.1")).isEqualTo("203.0.113.7");
        assertThat(behindProxies.of("11.0.0.1", "198.51.100.1")).as("just outside 10.0.0.0/8").isEqualTo("11.0.0.1");
        assertThat(behindProxies.of("192.168.1.6", "198.51.100.1")).isEqualTo("192.168.1.6");
    }

    @Test
    void aSettingThatIsNotAnAddressIsRefusedAtStart() {
        assertThatThrownBy(() -> new ClientAddress(List.of("proxy.example.org"))).isInstanceOf(Config.Invalid.class);
        assertThatThrownBy(() -> new ClientAddress(List.of("10.0.0.0/33"))).isInstanceOf(Config.Invalid.class);
    }

    @Test
    void anIpv6ClientIsCountedAsItsSlash64Network() {
        assertThat(ClientAddress.limitKey("2001:db8:7:7::1")).isEqualTo("2001:db8:7:7::/64");
        assertThat(ClientAddress.limitKey("2001:db8:7:7:abcd:1:2:3")).isEqualTo("2001:db8:7:7::/64");
        assertThat(ClientAddress.limitKey("[2001:db8::1]")).isEqualTo("2001:db8:0:0::/64");
        assertThat(ClientAddress.limitKey("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.limitKey("::ffff:203.0.113.7")).as("IPv4-mapped: the IPv4 address")
                .isEqualTo("203.0.113.7");
        assertThat(behindProxies.client("fd12::1", List.of("2001:db8:7:7::1"))).isEqualTo("2001:db8:7:7::/64");
        assertThat(new ClientAddress(List.of()).client("2001:db8:7:7::5", List.of())).isEqualTo("2001:db8:7:7::/64");
    }
}
