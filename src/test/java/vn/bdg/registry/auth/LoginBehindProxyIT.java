package vn.bdg.registry.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.OwnServer;
import vn.bdg.registry.support.World;
import vn.bdg.registry.web.Json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The login throttle of a service behind a reverse proxy (TRUSTED_PROXIES=127.0.0.1). */
class LoginBehindProxyIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final World world = World.create();
    @RegisterExtension
    final OwnServer.EachTest own = OwnServer.eachTest(config -> config.withPublicRequestsPerMinute(60, List.of("127.0.0.1")));

    /**
     * A login through a proxy that adds its own X-Forwarded-For line (HAProxy's "option forwardfor",
     * for one) after the one the client wrote: the request then has two lines.
     */
    private int loginThroughProxy(String writtenByClient, String addedByProxy, String password) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(own.baseUrl() + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", writtenByClient)
                .header("X-Forwarded-For", addedByProxy)
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(
                        Map.of("username", world.username("reporter"), "password", password))))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void aClientCannotPickItsAddressWithAnXForwardedForLineOfItsOwn() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(loginThroughProxy("198.51.100." + i, "203.0.113.7", "guess " + i)).isEqualTo(401);
        }
        assertThat(loginThroughProxy("198.51.100.99", "203.0.113.7", World.PASSWORD))
                .as("the five failures count against 203.0.113.7, the address the proxy saw").isEqualTo(429);
        assertThat(loginThroughProxy("198.51.100.99", "203.0.113.8", World.PASSWORD)).isEqualTo(200);
    }

    @Test
    void theAddressesOfOneIpv6NetworkShareOneAllowance() {
        String username = world.username("trainer");
        for (int i = 1; i <= 5; i++) {
            Api hop = Api.anonymous(own.baseUrl()).withHeader("X-Forwarded-For", "2001:db8:7:7::" + i);
            assertThat(hop.post("/api/v1/auth/login", Map.of("username", username, "password", "guess " + i)).status())
                    .isEqualTo(401);
        }
        Api next = Api.anonymous(own.baseUrl()).withHeader("X-Forwarded-For", "2001:db8:7:7:abcd::99");
        assertThat(next.post("/api/v1/auth/login", Map.of("username", username, "password", World.PASSWORD)).status())
                .as("a phone or host gets a whole /64: a new address in it is not a new client").isEqualTo(429);
        Api elsewhere = Api.anonymous(own.baseUrl()).withHeader("X-Forwarded-For", "2001:db8:7:8::1");
        assertThat(elsewhere.post("/api/v1/auth/login", Map.of("username", username, "password", World.PASSWORD))
                .status()).isEqualTo(200);
    }

    /**
     * A proxy that writes the client's address with its port ("203.0.113.9:40001": Azure
     * Application Gateway does, and "[2001:db8::1]:40001" for IPv6): each connection of one client
     * comes from another port, so the port is no part of the client.
     */
    @Test
    void aProxyThatWritesTheClientsPortGivesEachConnectionNoFreshAllowance() {
        String username = world.username("organizer");
        for (int i = 1; i <= 5; i++) {
            Api hop = Api.anonymous(own.baseUrl()).withHeader("X-Forwarded-For", "203.0.113.9:" + (40000 + i));
            assertThat(hop.post("/api/v1/auth/login", Map.of("username", username, "password", "guess " + i)).status())
                    .isEqualTo(401);
        }
        Api next = Api.anonymous(own.baseUrl()).withHeader("X-Forwarded-For", "203.0.113.9:40006");
        assertThat(next.post("/api/v1/auth/login", Map.of("username", username, "password", World.PASSWORD)).status())
                .as("the five failures count against 203.0.113.9, whatever port each came from").isEqualTo(429);

        String trainer = world.username("trainer");
        for (int i = 1; i <= 5; i++) {
            Api hop = Api.anonymous(own.baseUrl()).withHeader("X-Forwarded-For", "[2001:db8:7:9::" + i + "]:" + (40000 + i));
            assertThat(hop.post("/api/v1/auth/login", Map.of("username", trainer, "password", "guess " + i)).status())
                    .isEqualTo(401);
        }
        Api sixth = Api.anonymous(own.baseUrl()).withHeader("X-Forwarded-For", "[2001:db8:7:9::6]:40006");
        assertThat(sixth.post("/api/v1/auth/login", Map.of("username", trainer, "password", World.PASSWORD)).status())
                .isEqualTo(429);
    }
}
