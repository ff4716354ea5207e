package vn.bdg.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;
import vn.bdg.registry.web.Json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Resetting its password ends every login of it at once" (found in a security review). A thief holding a
 * stolen refresh token keeps refreshing it; an administrator resets the victim's password. A
 * refresh whose transaction is under way when the reset revokes the user's tokens (READ COMMITTED:
 * the reset's UPDATE does not see the tokens that refresh inserts and commits after the UPDATE's
 * snapshot) leaves the thief a live pair of tokens that outlives the reset.
 */
class RefreshDuringRevocationIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final World world = World.create();

    private static HttpResponse<String> post(String path, String token, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(TestServer.get().baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String body) throws Exception {
        return Json.MAPPER.readTree(body);
    }

    /** One stolen login that keeps refreshing until stopped or refused; the tokens it holds last. */
    private static final class Thief extends Thread {
        volatile String refresh;
        volatile String access;
        final AtomicBoolean stop = new AtomicBoolean();

        Thief(JsonNode tokens) {
            refresh = tokens.get("refreshToken").asText();
            access = tokens.get("accessToken").asText();
        }

        @Override
        public void run() {
            try {
                while (!stop.get()) {
                    HttpResponse<String> r = post("/api/v1/auth/refresh", null, Map.of("refreshToken", refresh));
                    if (r.statusCode() != 200) {
                        return;
                    }
                    JsonNode t = json(r.body());
                    access = t.get("accessToken").asText();
                    refresh = t.get("refreshToken").asText();
                }
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }
    }

    /** What an administrator's action against the stolen account came to, over some rounds. */
    private record Outcome(int rounds, List<Integer> failedStatuses, int survivingLogins) {
    }

    /**
     * Rounds of: the victim's account is logged in three times (the thief's copies), each copy keeps
     * refreshing, and the administrator acts (reset or deactivate); then whatever the copies hold is tried.
     */
    private Outcome race(boolean deactivate) throws Exception {
        return race(deactivate ? Action.DEACTIVATE : Action.RESET);
    }

    private enum Action { RESET, DEACTIVATE, CHANGE_OWN }

    private Outcome race(Action action) throws Exception {
        boolean deactivate = action == Action.DEACTIVATE;
        world.newUser("victim", Role.trainer, null);
        String username = world.username("victim");
        String userId = World.login(username, World.PASSWORD).get("/api/v1/me").json().get("id").asText();
        String password = World.PASSWORD;
        List<Integer> failed = new ArrayList<>();
        int survived = 0;
        int rounds = 0;
        for (; rounds < 12 && survived == 0 && failed.isEmpty(); rounds++) {
            if (deactivate) {
                Api.Res on = world.admin.patch("/api/v1/users/" + userId, Map.of("active", true));
                assertThat(on.status()).as(on.body()).isEqualTo(200);
            }
            List<Thief> thieves = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> login = post("/api/v1/auth/login", null,
                        Map.of("username", username, "password", password));
                assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
                thieves.add(new Thief(json(login.body())));
            }
            thieves.forEach(Thread::start);
            Thread.sleep(40 + rounds % 7 * 5);
            Api.Res act;
            if (deactivate) {
                act = world.admin.patch("/api/v1/users/" + userId, Map.of("active", false));
            } else if (action == Action.CHANGE_OWN) {
                // the owner, on their own device (a login of their own), changes the password
                String next = "new password number " + rounds;
                act = World.login(username, password).post("/api/v1/me/password",
                        Map.of("currentPassword", password, "newPassword", next));
                if (act.status() == 204) {
                    password = next;
                }
            } else {
                String next = "new password number " + rounds;
                act = world.admin.post("/api/v1/users/" + userId + "/password", Map.of("password", next));
                if (act.status() == 204) {
                    password = next;
                }
            }
            if (act.status() >= 300) {
                failed.add(act.status());
            }
            Thread.sleep(200);
            for (Thief t : thieves) {
                t.stop.set(true);
                t.join();
            }
            if (act.status() >= 300) {
                continue;
            }
            if (deactivate) {
                // the victim gets the account back (a new phone): the lost phone's logins must stay ended
                Api.Res on = world.admin.patch("/api/v1/users/" + userId, Map.of("active", true));
                assertThat(on.status()).as(on.body()).isEqualTo(200);
            }
            Thread.sleep(50);
            for (Thief t : thieves) {
                boolean access = Api.anonymous().withToken(t.access).get("/api/v1/me").status() == 200;
                boolean refresh = post("/api/v1/auth/refresh", null, Map.of("refreshToken", t.refresh))
                        .statusCode() == 200;
                if (access || refresh) {
                    survived++;
                }
            }
        }
        return new Outcome(rounds, failed, survived);
    }

    @Test
    void aPasswordResetSucceedsAndEndsEveryStolenLoginWhileTheThiefKeepsRefreshing() throws Exception {
        Outcome o = race(false);
        assertThat(o.failedStatuses()).as("resets refused while a stolen copy refreshed (%d rounds)", o.rounds())
                .isEmpty();
        assertThat(o.survivingLogins()).as("stolen logins still working after a reset (%d rounds)", o.rounds())
                .isZero();
    }

    @Test
    void deactivatingALostPhonesAccountSucceedsAndEndsItsLoginsForGoodWhileThePhoneKeepsRefreshing()
            throws Exception {
        Outcome o = race(true);
        assertThat(o.failedStatuses()).as("deactivations refused while the phone refreshed (%d rounds)", o.rounds())
                .isEmpty();
        assertThat(o.survivingLogins())
                .as("the phone's logins working again after deactivation and reactivation (%d rounds)", o.rounds())
                .isZero();
    }

    @Test
    void changingOnesOwnPasswordEndsEveryOtherLoginEvenOneRefreshingAtThatMoment() throws Exception {
        Outcome o = race(Action.CHANGE_OWN);
        assertThat(o.failedStatuses()).as("changes refused (%d rounds)", o.rounds()).isEmpty();
        assertThat(o.survivingLogins())
                .as("other logins still working after the owner changed the password (%d rounds)", o.rounds())
                .isZero();
    }
}
