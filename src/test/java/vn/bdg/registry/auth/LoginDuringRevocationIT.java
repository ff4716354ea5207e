package vn.bdg.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Resetting its password ends every login of it at once", also a login under way at that moment:
 * one that checked the old password just before the reset committed, and issues its tokens just
 * after, must not come out of it with a login that outlives the reset (as a refresh under way does
 * not, see RefreshDuringRevocationIT). On a server of its own, so that the failed logins the reset
 * causes do not count against the shared server's tests.
 */
class LoginDuringRevocationIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final World world = World.create();
    @RegisterExtension
    final OwnServer.EachTest own = OwnServer.eachTest(UnaryOperator.identity());

    private HttpResponse<String> login(String username, String password) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(own.baseUrl() + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(
                        Json.MAPPER.writeValueAsBytes(Map.of("username", username, "password", password))))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Someone who knows the old password logging in again and again, keeping every login they get. */
    private final class Thief extends Thread {
        final String username;
        final ConcurrentLinkedQueue<JsonNode> logins;
        final AtomicBoolean stop = new AtomicBoolean();

        Thief(String username, ConcurrentLinkedQueue<JsonNode> logins) {
            this.username = username;
            this.logins = logins;
        }

        @Override
        public void run() {
            try {
                while (!stop.get()) {
                    HttpResponse<String> r = login(username, World.PASSWORD);
                    if (r.statusCode() != 200) {
                        return; // the reset is through: the old password logs in no more
                    }
                    logins.add(Json.MAPPER.readTree(r.body()));
                }
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }
    }

    @Test
    void aPasswordResetEndsALoginThatCheckedTheOldPasswordJustBeforeIt() throws Exception {
        Api admin = world.admin.at(own.baseUrl());
        List<String> survivors = new ArrayList<>();
        int rounds = 0;
        // a new account each round: the failed logins of one (after its reset) stay under the limits
        for (; rounds < 8 && survivors.isEmpty(); rounds++) {
            String name = "victim" + rounds;
            String id = world.newUser(name, Role.trainer, null).get("/api/v1/me").json().get("id").asText();
            ConcurrentLinkedQueue<JsonNode> logins = new ConcurrentLinkedQueue<>();
            List<Thief> thieves = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                thieves.add(new Thief(world.username(name), logins));
            }
            thieves.forEach(Thread::start);
            Thread.sleep(60 + rounds % 5 * 7);
            Api.Res reset = admin.post("/api/v1/users/" + id + "/password", Map.of("password", "mật khẩu mới " + rounds));
            assertThat(reset.status()).as(reset.body()).isEqualTo(204);
            for (Thief t : thieves) {
                t.stop.set(true);
                t.join();
            }
            for (JsonNode l : logins) {
                int access = Api.anonymous(own.baseUrl()).withToken(l.get("accessToken").asText()).get("/api/v1/me").status();
                int refresh = Api.anonymous(own.baseUrl()).post("/api/v1/auth/refresh",
                        Map.of("refreshToken", l.get("refreshToken").asText())).status();
                if (access != 401 || refresh != 401) {
                    survivors.add("round " + rounds + ": access " + access + ", refresh " + refresh);
                }
            }
        }
        assertThat(survivors).as("logins made with the old password still working after its reset (%d rounds)",
                rounds).isEmpty();
    }
}
