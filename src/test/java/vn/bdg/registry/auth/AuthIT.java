package vn.bdg.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.OwnServer;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.text.Normalizer;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.db.Tables.APP_USER;

class AuthIT {
    private final World world = World.create();
    private final Api anonymous = Api.anonymous();

    @Test
    void loginGivesTokensThatIdentifyTheUser() {
        Api.Res login = anonymous.post("/api/v1/auth/login",
                Map.of("username", world.username("organizer"), "password", World.PASSWORD));
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.header("Cache-Control")).as("RFC 6749 5.1: tokens are not kept by caches").isEqualTo("no-store");
        JsonNode body = login.json();
        assertThat(body.get("tokenType").asText()).isEqualTo("Bearer");
        assertThat(body.get("user").get("role").asText()).isEqualTo("organizer");
        assertThat(body.get("user").has("passwordHash")).isFalse();

        JsonNode me = anonymous.withToken(body.get("accessToken").asText()).get("/api/v1/me").json();
        assertThat(me.get("username").asText()).isEqualTo(world.username("organizer"));
        assertThat(me.get("provinceCode").asText()).isEqualTo(world.province);
    }

    @Test
    void wrongPasswordAndUnknownUserAreTheSame401() {
        Api.Res wrong = anonymous.post("/api/v1/auth/login",
                Map.of("username", world.username("admin"), "password", "not the password"));
        Api.Res unknown = anonymous.post("/api/v1/auth/login",
                Map.of("username", "nobody-" + world.province, "password", "not the password"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.json().get("code").asText()).isEqualTo(unknown.json().get("code").asText())
                .isEqualTo("invalid_credentials");
    }

    @Test
    void repeatedFailedLoginsAreRateLimitedEvenWithTheRightPassword() {
        String username = world.username("reporter");
        for (int i = 0; i < 5; i++) {
            assertThat(anonymous.post("/api/v1/auth/login", Map.of("username", username, "password", "guess" + i))
                    .status()).isEqualTo(401);
        }
        Api.Res limited = anonymous.post("/api/v1/auth/login", Map.of("username", username, "password", World.PASSWORD));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isNotNull();
        assertThat(limited.json().get("code").asText()).isEqualTo("rate_limited");
    }

    private static java.util.UUID userId(String username) {
        return TestServer.get().database.dsl().select(APP_USER.ID).from(APP_USER)
                .where(APP_USER.USERNAME.eq(username)).fetchOne(APP_USER.ID);
    }

    @Test
    void aLoginRemovesTheAccountsExpiredTokensAndKeepsItsLiveOnes() {
        var dsl = TestServer.get().database.dsl();
        String username = world.username("reporter");
        java.util.UUID userId = userId(username);
        // a token of a login a month and a half ago, long expired
        dsl.execute("insert into auth_token (token_hash, session_id, user_id, kind, expires_at) values"
                + " (sha256('old'::bytea), gen_random_uuid(), ?, 'refresh', now() - interval '15 days')", userId);
        String count = "select count(*) from auth_token where user_id = ? and expires_at < now()";
        assertThat(dsl.fetchValue(count, userId)).isEqualTo(1L);

        Api.Res login = anonymous.post("/api/v1/auth/login", Map.of("username", username, "password", World.PASSWORD));
        assertThat(login.status()).isEqualTo(200);
        assertThat(dsl.fetchValue(count, userId)).as("expired tokens gone").isEqualTo(0L);
        assertThat(world.reporter.get("/api/v1/me").status()).as("the live login before it still works").isEqualTo(200);
        assertThat(anonymous.withToken(login.json().get("accessToken").asText()).get("/api/v1/me").status())
                .isEqualTo(200);
    }

    /**
     * A phone's login lives on by refreshing (each refresh token lasts REFRESH_TOKEN_DAYS from its
     * refresh), so its user may never log in again: each refresh adds two tokens, and a refresh
     * removes the account's expired ones as a login does, or the table grows for as long as it runs.
     */
    @Test
    void aRefreshRemovesTheAccountsExpiredTokensAsALoginDoes() {
        var dsl = TestServer.get().database.dsl();
        String username = world.username("trainer");
        java.util.UUID userId = userId(username);
        String refresh = anonymous.post("/api/v1/auth/login", Map.of("username", username, "password", World.PASSWORD))
                .json().get("refreshToken").asText();
        // the tokens a month of refreshing leaves behind: spent, and expired since
        dsl.execute("insert into auth_token (token_hash, session_id, user_id, kind, expires_at, revoked_at)"
                + " select sha256(('spent' || i)::bytea), gen_random_uuid(), ?, 'access', now() - interval '1 day', now()"
                + " from generate_series(1, 50) i", userId);
        String count = "select count(*) from auth_token where user_id = ? and expires_at < now()";
        assertThat(dsl.fetchValue(count, userId)).isEqualTo(50L);

        assertThat(anonymous.post("/api/v1/auth/refresh", Map.of("refreshToken", refresh)).status()).isEqualTo(200);
        assertThat(dsl.fetchValue(count, userId)).as("expired tokens gone").isEqualTo(0L);
    }

    @Test
    void refreshTokenWorksOnceAndLogoutRevokesTheSession() {
        JsonNode tokens = anonymous.post("/api/v1/auth/login",
                Map.of("username", world.username("trainer"), "password", World.PASSWORD)).json();
        String refresh = tokens.get("refreshToken").asText();

        Api.Res refreshed = anonymous.post("/api/v1/auth/refresh", Map.of("refreshToken", refresh));
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.header("Cache-Control")).isEqualTo("no-store");

        Api fresh = anonymous.withToken(refreshed.json().get("accessToken").asText());
        assertThat(fresh.get("/api/v1/me").status()).isEqualTo(200);
        assertThat(fresh.post("/api/v1/auth/logout", Map.of()).status()).isEqualTo(204);
        assertThat(fresh.get("/api/v1/me").status()).isEqualTo(401);
        assertThat(anonymous.post("/api/v1/auth/refresh",
                Map.of("refreshToken", refreshed.json().get("refreshToken").asText())).status())
                .as("logout revokes the refresh token of the session too").isEqualTo(401);
        assertThat(anonymous.post("/api/v1/auth/refresh", Map.of("refreshToken", refresh)).status())
                .as("a refresh token is single-use").isEqualTo(401);
    }

    @Test
    void protectedRoutesNeedAValidTokenAndTheRightRole() {
        assertThat(anonymous.get("/api/v1/me").status()).isEqualTo(401);
        assertThat(anonymous.withToken("forged").get("/api/v1/me").status()).isEqualTo(401);
        assertThat(world.trainer.get("/api/v1/audit-log").status()).isEqualTo(403);
        assertThat(world.admin.get("/api/v1/audit-log").status()).isEqualTo(200);
    }

    @Test
    void anAdminOfOneDistrictCannotReadTheProvincesAuditLogWhichNamesEveryDistrictsPeople() {
        Api.Res created = world.organizer.post("/api/v1/participants", Map.of("fullName", "Lục Thị Bí Mật",
                "sex", "female", "unitCode", world.communeB1));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Api districtAdmin = world.newUser("dadmin", Role.admin, world.districtA);
        assertThat(districtAdmin.get("/api/v1/participants/" + created.json().get("id").asText()).status())
                .isEqualTo(404);

        Api.Res log = districtAdmin.get("/api/v1/audit-log?entity=participant&entityId="
                + created.json().get("id").asText());
        assertThat(log.status()).isEqualTo(403);
        assertThat(log.body()).doesNotContain("Lục Thị Bí Mật");
    }

    @Test
    void aRefreshTokenReplayedAfterUseEndsTheWholeLoginSession() {
        JsonNode first = anonymous.post("/api/v1/auth/login",
                Map.of("username", world.username("organizer"), "password", World.PASSWORD)).json();
        String stolen = first.get("refreshToken").asText();
        // the real client refreshes first; the thief replays the old refresh token later
        JsonNode real = anonymous.post("/api/v1/auth/refresh", Map.of("refreshToken", stolen)).json();
        Api.Res replay = anonymous.post("/api/v1/auth/refresh", Map.of("refreshToken", stolen));
        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.json().get("code").asText()).isEqualTo("invalid_token");

        assertThat(anonymous.post("/api/v1/auth/refresh",
                Map.of("refreshToken", real.get("refreshToken").asText())).status())
                .as("reuse of a spent refresh token revokes the refresh tokens of the login").isEqualTo(401);
        assertThat(anonymous.withToken(real.get("accessToken").asText()).get("/api/v1/me").status())
                .as("and its access tokens").isEqualTo(401);
        assertThat(anonymous.withToken(first.get("accessToken").asText()).get("/api/v1/me").status())
                .isEqualTo(401);
        assertThat(world.organizer.get("/api/v1/me").status()).as("other logins are untouched").isEqualTo(200);
    }

    @Test
    void aThiefWhoRefreshesFirstIsCutOffWhenTheRealClientRefreshes() {
        JsonNode first = anonymous.post("/api/v1/auth/login",
                Map.of("username", world.username("reporter"), "password", World.PASSWORD)).json();
        String refresh = first.get("refreshToken").asText();
        JsonNode thief = anonymous.post("/api/v1/auth/refresh", Map.of("refreshToken", refresh)).json();
        assertThat(anonymous.post("/api/v1/auth/refresh", Map.of("refreshToken", refresh)).status()).isEqualTo(401);
        assertThat(anonymous.withToken(thief.get("accessToken").asText()).get("/api/v1/me").status()).isEqualTo(401);
        assertThat(anonymous.post("/api/v1/auth/refresh",
                Map.of("refreshToken", thief.get("refreshToken").asText())).status()).isEqualTo(401);
    }

    @Test
    void aVietnamesePasswordLogsInWhicheverUnicodeFormThePhoneTypes() {
        String password = "Mật khẩu của Hoà ở Bắc Kạn";
        String nfc = Normalizer.normalize(password, Normalizer.Form.NFC);
        String nfd = Normalizer.normalize(password, Normalizer.Form.NFD);
        assertThat(nfd).isNotEqualTo(nfc);
        String username = world.username("unicode");
        assertThat(world.admin.post("/api/v1/users",
                Map.of("username", username, "password", nfc, "role", "trainer")).status()).isEqualTo(201);

        assertThat(anonymous.post("/api/v1/auth/login", Map.of("username", username, "password", nfc)).status())
                .isEqualTo(200);
        assertThat(anonymous.post("/api/v1/auth/login", Map.of("username", username, "password", nfd)).status())
                .as("the same password typed on a keyboard that sends combining marks").isEqualTo(200);

        String decomposed = world.username("unicode-nfd");
        assertThat(world.admin.post("/api/v1/users",
                Map.of("username", decomposed, "password", nfd, "role", "trainer")).status()).isEqualTo(201);
        assertThat(anonymous.post("/api/v1/auth/login", Map.of("username", decomposed, "password", nfc)).status())
                .isEqualTo(200);
    }

    @Test
    void overlongPasswordsAreRefusedBeforeTheyAreHashed() {
        String longest = "a".repeat(256);
        assertThat(world.admin.post("/api/v1/users", Map.of("username", world.username("long"),
                "password", longest, "role", "trainer")).status()).isEqualTo(201);
        assertThat(anonymous.post("/api/v1/auth/login",
                Map.of("username", world.username("long"), "password", longest)).status()).isEqualTo(200);

        Api.Res tooLong = world.admin.post("/api/v1/users", Map.of("username", world.username("longer"),
                "password", "a".repeat(257), "role", "trainer"));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("errors").get(0).get("code").asText()).isEqualTo("too_long");

        Api.Res huge = anonymous.post("/api/v1/auth/login",
                Map.of("username", world.username("long"), "password", "a".repeat(5_000)));
        assertThat(huge.status()).isEqualTo(401);
        assertThat(huge.json().get("code").asText()).isEqualTo("invalid_credentials");
    }

    @Test
    void aUsernameLongerThanAnyAccountsIsTheUsual401() {
        for (int i = 0; i < 3; i++) {
            Api.Res huge = anonymous.post("/api/v1/auth/login",
                    Map.of("username", i + "x".repeat(10_000), "password", "not the password"));
            assertThat(huge.status()).isEqualTo(401);
            assertThat(huge.json().get("code").asText()).isEqualTo("invalid_credentials");
        }
        assertThat(anonymous.post("/api/v1/auth/login",
                Map.of("username", world.username("admin"), "password", World.PASSWORD)).status()).isEqualTo(200);
    }

    /**
     * A login or refresh is a few hundred bytes. Bodies of megabytes (MAX_REQUEST_BYTES is 32 MB, for
     * imports) were read and parsed on these public routes, several copies of each in memory: eight
     * sent at once made the service run out of memory. They are refused unread.
     */
    @Test
    void aLoginOrRefreshBodyOfMegabytesIsRefusedUnread() {
        Api.Res login = anonymous.post("/api/v1/auth/login",
                Map.of("username", "x".repeat(2_000_000), "password", "not the password"));
        assertThat(login.status()).isEqualTo(413);
        assertThat(login.json().get("code").asText()).isEqualTo("payload_too_large");
        Api.Res refresh = anonymous.post("/api/v1/auth/refresh", Map.of("refreshToken", "x".repeat(2_000_000)));
        assertThat(refresh.status()).isEqualTo(413);
        assertThat(refresh.json().get("code").asText()).isEqualTo("payload_too_large");

        String longest = "\uD83C\uDF38".repeat(PasswordHasher.MAX_LENGTH); // 256 characters of 2 UTF-16 units each
        assertThat(anonymous.post("/api/v1/auth/login", Map.of("username", "u".repeat(64), "password", longest))
                .status()).as("the longest credentials, however written, are not too large").isEqualTo(401);
    }

    /** Tokens carry no role or scope: each request reads the account as it is now. */
    @Test
    void tokensIssuedBeforeAnAccountChangeActWithTheAccountAsItIsNow() {
        JsonNode changed = anonymous.post("/api/v1/auth/login",
                Map.of("username", world.username("admin"), "password", World.PASSWORD)).json();
        JsonNode deactivated = anonymous.post("/api/v1/auth/login",
                Map.of("username", world.username("dorganizer"), "password", World.PASSWORD)).json();
        var dsl = TestServer.get().database.dsl();
        dsl.update(APP_USER).set(APP_USER.ROLE, "trainer").set(APP_USER.UNIT_CODE, world.communeB1)
                .where(APP_USER.USERNAME.eq(world.username("admin"))).execute();
        dsl.update(APP_USER).set(APP_USER.ACTIVE, false)
                .where(APP_USER.USERNAME.eq(world.username("dorganizer"))).execute();

        Api demoted = anonymous.withToken(changed.get("accessToken").asText());
        JsonNode me = demoted.get("/api/v1/me").json();
        assertThat(me.get("role").asText()).isEqualTo("trainer");
        assertThat(me.get("unitCode").asText()).isEqualTo(world.communeB1);
        assertThat(demoted.get("/api/v1/audit-log").status()).isEqualTo(403);
        JsonNode refreshed = anonymous.post("/api/v1/auth/refresh",
                Map.of("refreshToken", changed.get("refreshToken").asText())).json();
        assertThat(refreshed.get("user").get("role").asText()).isEqualTo("trainer");

        assertThat(anonymous.withToken(deactivated.get("accessToken").asText()).get("/api/v1/me").status())
                .isEqualTo(401);
        assertThat(anonymous.post("/api/v1/auth/refresh",
                Map.of("refreshToken", deactivated.get("refreshToken").asText())).status()).isEqualTo(401);
        assertThat(anonymous.post("/api/v1/auth/login",
                Map.of("username", world.username("dorganizer"), "password", World.PASSWORD)).json()
                .get("code").asText()).isEqualTo("account_deactivated");
    }

    // ---------------------------------------------------------------- own password

    private JsonNode loginTokens(String username, String password) {
        Api.Res res = anonymous.post("/api/v1/auth/login", Map.of("username", username, "password", password));
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        return res.json();
    }

    @Test
    void changingOnesOwnPasswordKeepsThisLoginAndEndsTheOthers() {
        String username = world.username("reporter");
        JsonNode here = loginTokens(username, World.PASSWORD);
        JsonNode elsewhere = loginTokens(username, World.PASSWORD);
        Api laptop = anonymous.withToken(here.get("accessToken").asText());
        Api phone = anonymous.withToken(elsewhere.get("accessToken").asText());
        assertThat(phone.get("/api/v1/me").status()).as("the other login is cached now").isEqualTo(200);

        String newPassword = "một mật khẩu mới dài";
        Api.Res changed = laptop.post("/api/v1/me/password",
                Map.of("currentPassword", World.PASSWORD, "newPassword", newPassword));
        assertThat(changed.status()).as(changed.body()).isEqualTo(204);

        assertThat(laptop.get("/api/v1/me").status()).as("the current login stays valid").isEqualTo(200);
        JsonNode refreshed = anonymous.post("/api/v1/auth/refresh",
                Map.of("refreshToken", here.get("refreshToken").asText())).json();
        assertThat(refreshed.get("user").get("username").asText()).isEqualTo(username);
        assertThat(phone.get("/api/v1/me").status()).as("every other login ends at once").isEqualTo(401);
        assertThat(world.reporter.get("/api/v1/me").status()).isEqualTo(401);
        assertThat(anonymous.post("/api/v1/auth/refresh",
                Map.of("refreshToken", elsewhere.get("refreshToken").asText())).status()).isEqualTo(401);
        assertThat(anonymous.post("/api/v1/auth/login", Map.of("username", username, "password", World.PASSWORD))
                .status()).as("the old password").isEqualTo(401);
        loginTokens(username, newPassword);

        String id = refreshed.get("user").get("id").asText();
        JsonNode audit = world.admin.get("/api/v1/audit-log?entity=user&entityId=" + id).json();
        assertThat(audit.get("items")).anySatisfy(e -> {
            assertThat(e.get("action").asText()).isEqualTo("change_password");
            assertThat(e.get("userId").asText()).isEqualTo(id);
        });
        assertThat(audit.toString()).doesNotContain("argon2").doesNotContain(newPassword);
    }

    /**
     * An administrator resets a password (a stolen account, say) while its user changes it with the
     * old one. Whatever the interleaving, the outcome must be one of a serial order: either the
     * change came first and the reset overwrote it, or the reset came first and the change, made
     * with a password no longer valid, was refused. Either way the reset's password is the one.
     */
    @Test
    void anAdministratorsResetIsNeverOverwrittenByAChangeMadeWithTheOldPassword() throws Exception {
        String username = world.username("reporter");
        String id = loginTokens(username, World.PASSWORD).get("user").get("id").asText();
        String current = World.PASSWORD;
        for (int round = 0; round < 4; round++) {
            Api user = anonymous.withToken(loginTokens(username, current).get("accessToken").asText());
            String reset = "đặt lại bởi quản trị " + round;
            String oldPassword = current;
            String own = "đổi bởi chính mình " + round;
            var change = java.util.concurrent.CompletableFuture.supplyAsync(() -> user.post("/api/v1/me/password",
                    Map.of("currentPassword", oldPassword, "newPassword", own)));
            var byAdmin = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                    world.admin.post("/api/v1/users/" + id + "/password", Map.of("password", reset)));
            assertThat(byAdmin.get().status()).isEqualTo(204);
            Api.Res changed = change.get();
            assertThat(changed.status()).as(changed.body()).isIn(204, 401, 409, 422);
            Api.Res login = anonymous.post("/api/v1/auth/login", Map.of("username", username, "password", reset));
            assertThat(login.status()).as("round %d: the user's change (%d) did not overwrite the reset", round,
                    changed.status()).isEqualTo(200);
            current = reset;
        }
    }

    @Test
    void aNewPasswordFollowsTheRulesOfAnAccountsPassword() {
        Api.Res tooShort = world.organizer.post("/api/v1/me/password",
                Map.of("currentPassword", World.PASSWORD, "newPassword", "short"));
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.json().get("errors").get(0).get("field").asText()).isEqualTo("newPassword");
        assertThat(tooShort.json().get("errors").get(0).get("code").asText()).isEqualTo("too_short");
        Api.Res missing = world.organizer.post("/api/v1/me/password", Map.of("newPassword", "a long new password"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("errors").get(0).get("field").asText()).isEqualTo("currentPassword");
        assertThat(world.organizer.get("/api/v1/me").status()).as("nothing changed").isEqualTo(200);
        assertThat(anonymous.post("/api/v1/me/password",
                Map.of("currentPassword", World.PASSWORD, "newPassword", "a long new password")).status())
                .isEqualTo(401);
    }

    /** On a server of its own, so that its failed attempts do not count against the shared server's tests. */
    @Test
    void aWrongCurrentPasswordIs422AndCountsAsAFailedLogin() {
        try (OwnServer own = OwnServer.start()) {
            String base = own.baseUrl;
            Api trainer = world.trainer.at(base);
            for (int i = 0; i < 5; i++) {
                Api.Res wrong = trainer.inLanguage("en").post("/api/v1/me/password",
                        Map.of("currentPassword", "guess number " + i, "newPassword", "a long new password"));
                assertThat(wrong.status()).as(wrong.body()).isEqualTo(422);
                JsonNode error = wrong.json().get("errors").get(0);
                assertThat(error.get("field").asText()).isEqualTo("currentPassword");
                assertThat(error.get("code").asText()).isEqualTo("wrong_password");
                assertThat(error.get("message").asText()).isEqualTo("is not your current password");
            }
            Api.Res limited = trainer.post("/api/v1/me/password",
                    Map.of("currentPassword", World.PASSWORD, "newPassword", "a long new password"));
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.header("Retry-After")).isNotNull();
            assertThat(Api.anonymous(base).post("/api/v1/auth/login",
                    Map.of("username", world.username("trainer"), "password", World.PASSWORD)).status())
                    .as("the same counter as logins").isEqualTo(429);
            assertThat(trainer.get("/api/v1/me").status()).as("the login itself is untouched").isEqualTo(200);
        }
        assertThat(anonymous.post("/api/v1/auth/login",
                Map.of("username", world.username("trainer"), "password", World.PASSWORD)).status())
                .as("the password was not changed").isEqualTo(200);
    }
}
