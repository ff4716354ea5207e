package vn.bdg.registry.attendance;

import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * If-None-Match is a list header (RFC 9110 5.3, 13.1.2): the same list sent as two header lines
 * (as a client or proxy naming several cached copies may) is the same condition, so an unchanged
 * roster is a 304 either way.
 */
class RosterIfNoneMatchLinesIT {
    private final World world = World.create();

    @Test
    void anIfNoneMatchListOverTwoHeaderLinesIsReadWhole() throws Exception {
        UUID course = Fixtures.courseToday(world, world.districtA);
        UUID session = Fixtures.sessionNow(world, course);
        Fixtures.enroll(world, course, Fixtures.participant(world, "Nguyễn Thị Hoà", "female", world.communeA1));
        String path = "/api/v1/sessions/" + session + "/roster";
        String etag = world.organizer.get(path).header("ETag");
        assertThat(world.organizer.withHeader("If-None-Match", "\"old\", " + etag).get(path).status()).isEqualTo(304);

        HttpResponse<String> twoLines = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(TestServer.get().baseUrl + path))
                .header("Authorization", "Bearer " + accessToken())
                .header("If-None-Match", "\"old\"")
                .header("If-None-Match", etag)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(twoLines.statusCode()).as("the same list in two lines").isEqualTo(304);
    }

    private String accessToken() throws Exception {
        HttpResponse<String> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(TestServer.get().baseUrl + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + world.username("organizer")
                        + "\",\"password\":\"" + World.PASSWORD + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(login.body()).get("accessToken").asText();
    }
}
