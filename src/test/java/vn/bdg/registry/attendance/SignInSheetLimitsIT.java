package vn.bdg.registry.attendance;

import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The signed sheet an organiser attaches is bounded in size however it is sent (found in review). */
class SignInSheetLimitsIT {
    private final World world = World.create();

    /** A 5 MB "PNG" (the tests run with MAX_REQUEST_BYTES = 4 MB). */
    private static byte[] bigPng() {
        byte[] png = new byte[5 * 1024 * 1024];
        byte[] magic = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        System.arraycopy(magic, 0, png, 0, magic.length);
        return png;
    }

    @Test
    void aSheetOverTheLimitIsRefusedAlsoWhenSentWithoutContentLength() throws Exception {
        LocalDate day = LocalDate.now(Fixtures.VIETNAM);
        UUID course = Fixtures.course(world, world.districtA, "running", day, day);
        UUID session = Fixtures.sessionNow(world, course);
        String path = "/api/v1/sessions/" + session + "/sign-in-sheets";

        // with a Content-Length: refused, as every oversized body is
        Api.Res sized = world.organizer.send("POST", path, "image/png", bigPng());
        assertThat(sized.status()).as(sized.body()).isEqualTo(413);

        // the same file sent chunked (no Content-Length: what a phone's or proxy's streaming upload does)
        String token = Api.anonymous().post("/api/v1/auth/login", Map.of("username", world.username("organizer"),
                "password", World.PASSWORD)).json().get("accessToken").asText();
        HttpRequest chunked = HttpRequest.newBuilder(URI.create(TestServer.get().baseUrl + path))
                .header("Content-Type", "image/png").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bigPng())))
                .build();
        HttpResponse<String> res = HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as("chunked 5 MB sheet: " + res.body()).isEqualTo(411);
        assertThat(res.body()).contains("length_required");
        assertThat(world.organizer.get(path).json().get("items")).as("nothing stored").isEmpty();
    }
}
