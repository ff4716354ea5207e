package vn.bdg.registry.user;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.auth.Role;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.IfMatch;
import vn.bdg.registry.support.World;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class UserIT {
    private final World world = World.create();
    private final Api anonymous = Api.anonymous();

    private static Map<String, Object> account(String username, String role, String unitCode) {
        Map<String, Object> body = new HashMap<>();
        body.put("username", username);
        body.put("password", World.PASSWORD);
        body.put("role", role);
        body.put("unitCode", unitCode);
        return body;
    }

    private int login(String username) {
        return anonymous.post("/api/v1/auth/login", Map.of("username", username, "password", World.PASSWORD)).status();
    }

    @Test
    void aDistrictAdminCreatesAccountsOnlyWithinTheirDistrict() {
        Api districtAdmin = world.newUser("dadmin", Role.admin, world.districtA);

        Api.Res provinceWide = districtAdmin.post("/api/v1/users", account(world.username("pw-admin"), "admin", null));
        assertThat(provinceWide.status()).as(provinceWide.body()).isEqualTo(422);
        JsonNode error = provinceWide.json().get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo("unitCode");
        assertThat(error.get("code").asText()).isEqualTo("outside_your_scope");
        assertThat(login(world.username("pw-admin"))).as("no province-wide admin was made").isEqualTo(401);

        Api.Res otherDistrict = districtAdmin.post("/api/v1/users",
                account(world.username("b-organizer"), "organizer", world.communeB1));
        assertThat(otherDistrict.status()).as(otherDistrict.body()).isEqualTo(422);
        assertThat(login(world.username("b-organizer"))).isEqualTo(401);

        Api.Res ownCommune = districtAdmin.post("/api/v1/users",
                account(world.username("a1-trainer"), "trainer", world.communeA1));
        assertThat(ownCommune.status()).as(ownCommune.body()).isEqualTo(201);
        Api.Res ownDistrict = districtAdmin.post("/api/v1/users",
                account(world.username("a-reporter"), "reporter", world.districtA));
        assertThat(ownDistrict.status()).as(ownDistrict.body()).isEqualTo(201);

        assertThat(world.admin.post("/api/v1/users", account(world.username("pw-reporter"), "reporter", null))
                .status()).as("a province-wide admin still makes province-wide accounts").isEqualTo(201);
    }

    @Test
    void anAdminNeitherSeesNorCreatesAccountsOfAnotherProvince() {
        World other = World.create();
        JsonNode page = other.admin.get("/api/v1/users?limit=200").json();
        page.get("items").forEach(u -> assertThat(u.get("provinceCode").asText()).isEqualTo(other.province));

        Api.Res there = other.admin.post("/api/v1/users", account(other.username("intruder"), "admin", world.districtA));
        assertThat(there.status()).isEqualTo(422);
        assertThat(there.json().get("errors").get(0).get("code").asText()).isEqualTo("unknown_unit");

        Api.Res made = other.admin.post("/api/v1/users", account(other.username("fresh"), "admin", null));
        assertThat(made.status()).isEqualTo(201);
        assertThat(made.json().get("provinceCode").asText()).isEqualTo(other.province);
        assertThat(made.json().has("passwordHash")).isFalse();
        assertThat(made.body()).doesNotContain("argon2");
    }

    @Test
    void onlyAdminsCreateAccounts() {
        for (Api api : new Api[]{world.organizer, world.trainer, world.reporter, world.districtOrganizer}) {
            assertThat(api.post("/api/v1/users", account(world.username("x"), "admin", null)).status()).isEqualTo(403);
        }
        assertThat(login(world.username("x"))).isEqualTo(401);
    }

    @Test
    void usernamesDifferingOnlyInCaseAreOneAccount() {
        Api.Res first = world.admin.post("/api/v1/users", account(world.username("Hoa.NT"), "trainer", null));
        assertThat(first.status()).isEqualTo(201);
        Api.Res second = world.admin.post("/api/v1/users", account(world.username("hoa.nt"), "trainer", null));
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().get("code").asText()).isEqualTo("username_taken");
        assertThat(login(world.username("HOA.nt"))).isEqualTo(200);
    }

    @Test
    void caseVariantsOfOneUsernameCreatedAtOnceMakeOneAccount() throws Exception {
        String base = world.username("race.user");
        List<String> variants = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            StringBuilder v = new StringBuilder();
            for (int c = 0; c < base.length(); c++) {
                char ch = base.charAt(c);
                v.append(((i >> (c % 3)) & 1) == 1 ? Character.toUpperCase(ch) : ch);
            }
            variants.add(v.toString());
        }
        ExecutorService pool = Executors.newFixedThreadPool(variants.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (String v : variants) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return world.admin.post("/api/v1/users", account(v, "trainer", null)).status();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> a : answers) {
                statuses.add(a.get());
            }
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
            assertThat(statuses).filteredOn(s -> s != 201).containsOnly(409);
        } finally {
            pool.shutdownNow();
        }
        assertThat(login(base)).as("the account can log in").isEqualTo(200);
    }

    // ---------------------------------------------------------------- changing accounts

    private static String idOf(Api api) {
        return api.get("/api/v1/me").json().get("id").asText();
    }

    private static Map<String, Object> patch(Object... keyValues) {
        Map<String, Object> body = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            body.put((String) keyValues[i], keyValues[i + 1]);
        }
        return body;
    }

    private JsonNode loginTokens(String username, String password) {
        Api.Res res = anonymous.post("/api/v1/auth/login", Map.of("username", username, "password", password));
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        return res.json();
    }

    private static void assertFieldError(Api.Res res, int status, String field, String code) {
        assertThat(res.status()).as(res.body()).isEqualTo(status);
        JsonNode error = res.json().get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo(field);
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("message").asText()).isNotBlank();
    }

    @Test
    void aDeactivatedTrainersTokensAnswer401AtOnceAndTheAccountCanBeReactivated() {
        String trainerId = idOf(world.trainer);
        JsonNode phone = loginTokens(world.username("trainer"), World.PASSWORD);
        Api onPhone = anonymous.withToken(phone.get("accessToken").asText());
        assertThat(onPhone.get("/api/v1/me").status()).as("the caller is now cached").isEqualTo(200);

        Api.Res off = world.admin.patch("/api/v1/users/" + trainerId, Map.of("active", false));
        assertThat(off.status()).as(off.body()).isEqualTo(200);
        assertThat(off.json().get("active").asBoolean()).isFalse();
        assertThat(off.body()).doesNotContain("argon2").doesNotContain("passwordHash");

        assertThat(onPhone.get("/api/v1/me").status()).as("the lost phone's access token, at once").isEqualTo(401);
        assertThat(world.trainer.get("/api/v1/me").status()).isEqualTo(401);
        assertThat(anonymous.post("/api/v1/auth/refresh", Map.of("refreshToken", phone.get("refreshToken").asText()))
                .status()).as("and its refresh token").isEqualTo(401);
        Api.Res refused = anonymous.inLanguage("vi").post("/api/v1/auth/login",
                Map.of("username", world.username("trainer"), "password", World.PASSWORD));
        assertThat(refused.status()).as("the right password learns why").isEqualTo(403);
        assertThat(refused.json().get("code").asText()).isEqualTo("account_deactivated");
        assertThat(refused.json().get("detail").asText()).contains("vô hiệu hoá");
        assertThat(refused.body()).doesNotContain("accessToken");
        Api.Res wrong = anonymous.post("/api/v1/auth/login",
                Map.of("username", world.username("trainer"), "password", "not the password"));
        assertThat(wrong.status()).as("a wrong one learns nothing").isEqualTo(401);
        assertThat(wrong.json().get("code").asText()).isEqualTo("invalid_credentials");
        assertThat(world.admin.get("/api/v1/users?role=trainer").ids()).doesNotContain(trainerId);
        assertThat(world.admin.get("/api/v1/users?active=false").ids()).contains(trainerId);

        Api.Res on = world.admin.patch("/api/v1/users/" + trainerId, Map.of("active", true));
        assertThat(on.status()).as(on.body()).isEqualTo(200);
        assertThat(login(world.username("trainer"))).isEqualTo(200);
        assertThat(anonymous.withToken(phone.get("accessToken").asText()).get("/api/v1/me").status())
                .as("reactivation gives no old login back").isEqualTo(401);

        JsonNode audit = world.admin.get("/api/v1/audit-log?entity=user&entityId=" + trainerId).json();
        assertThat(audit.get("items")).anySatisfy(e -> {
            assertThat(e.get("action").asText()).isEqualTo("update");
            assertThat(e.get("before").get("active").asBoolean()).isTrue();
            assertThat(e.get("after").get("active").asBoolean()).isFalse();
        });
        assertThat(audit.toString()).doesNotContain("argon2").doesNotContainIgnoringCase("passwordHash");
    }

    @Test
    void aRoleOrUnitChangeTakesEffectAtOnce() {
        String organizerId = idOf(world.organizer);
        assertThat(world.organizer.get("/api/v1/users").status()).as("organisers list accounts").isEqualTo(200);

        Api.Res changed = world.admin.patch("/api/v1/users/" + organizerId,
                patch("role", "trainer", "unitCode", world.communeA1, "fullName", "Nguyễn Thị Hoà"));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("role").asText()).isEqualTo("trainer");
        assertThat(changed.json().get("unitCode").asText()).isEqualTo(world.communeA1);
        assertThat(changed.json().get("fullName").asText()).isEqualTo("Nguyễn Thị Hoà");
        assertThat(world.organizer.get("/api/v1/users").status()).as("the old login ended at once").isEqualTo(401);

        Api again = World.login(world.username("organizer"), World.PASSWORD);
        JsonNode me = again.get("/api/v1/me").json();
        assertThat(me.get("role").asText()).isEqualTo("trainer");
        assertThat(again.get("/api/v1/users").status()).isEqualTo(403);

        String reporterId = idOf(world.reporter);
        assertThat(world.admin.patch("/api/v1/users/" + reporterId, Map.of("fullName", "Trần Văn Nam")).status())
                .isEqualTo(200);
        assertThat(world.reporter.get("/api/v1/me").json().get("fullName").asText())
                .as("a change of name alone ends no login").isEqualTo("Trần Văn Nam");
    }

    @Test
    void aTrainerIsNotMovedAwayFromTheCoursesAssignedToThem() {
        Api trainer = world.newUser("dtrainer", Role.trainer, world.districtA);
        String trainerId = idOf(trainer);
        java.util.UUID course = vn.bdg.registry.support.Fixtures.course(world, world.communeA1, "open",
                java.time.LocalDate.of(2026, 3, 2), java.time.LocalDate.of(2026, 3, 2));
        vn.bdg.registry.support.Fixtures.assignTrainer(world, course, trainer);
        String code = world.admin.get("/api/v1/courses/" + course).json().get("code").asText();

        Api.Res away = world.admin.inLanguage("en").patch("/api/v1/users/" + trainerId,
                Map.of("unitCode", world.districtB));
        assertFieldError(away, 422, "unitCode", "courses_out_of_scope");
        assertThat(away.json().get("errors").get(0).get("message").asText()).contains(code);
        assertThat(trainer.get("/api/v1/me").json().get("unitCode").asText()).as("nothing changed")
                .isEqualTo(world.districtA);

        assertThat(world.admin.patch("/api/v1/users/" + trainerId, Map.of("unitCode", world.communeA1)).status())
                .as("the course's commune still holds it").isEqualTo(200);
        assertThat(world.admin.patch("/api/v1/users/" + trainerId, patch("unitCode", null)).status())
                .as("province-wide holds every course").isEqualTo(200);
    }

    @Test
    void aDistrictAdminChangesOnlyAccountsWithinTheirDistrict() {
        Api districtAdmin = world.newUser("dadmin", Role.admin, world.districtA);
        String districtOrganizerId = idOf(world.districtOrganizer);
        String provinceOrganizerId = idOf(world.organizer);

        assertThat(districtAdmin.patch("/api/v1/users/" + provinceOrganizerId, Map.of("active", false)).status())
                .as("a province-wide account is outside a district admin's scope").isEqualTo(404);
        assertThat(districtAdmin.post("/api/v1/users/" + provinceOrganizerId + "/password",
                Map.of("password", "a new long password")).status()).isEqualTo(404);
        assertFieldError(districtAdmin.patch("/api/v1/users/" + districtOrganizerId,
                Map.of("unitCode", world.communeB1)), 422, "unitCode", "outside_your_scope");
        assertFieldError(districtAdmin.patch("/api/v1/users/" + districtOrganizerId,
                patch("unitCode", null)), 422, "unitCode", "outside_your_scope");
        assertFieldError(world.admin.patch("/api/v1/users/" + districtOrganizerId,
                Map.of("unitCode", "99999")), 422, "unitCode", "unknown_unit");
        assertThat(world.districtOrganizer.get("/api/v1/me").json().get("unitCode").asText())
                .as("nothing was changed").isEqualTo(world.districtA);

        Api.Res narrowed = districtAdmin.patch("/api/v1/users/" + districtOrganizerId,
                Map.of("unitCode", world.communeA1));
        assertThat(narrowed.status()).as(narrowed.body()).isEqualTo(200);
        assertThat(districtAdmin.patch("/api/v1/users/" + districtOrganizerId, Map.of("active", false)).status())
                .isEqualTo(200);

        World other = World.create();
        assertThat(other.admin.patch("/api/v1/users/" + provinceOrganizerId, Map.of("active", false)).status())
                .as("another province's account").isEqualTo(404);
        assertThat(other.admin.post("/api/v1/users/" + provinceOrganizerId + "/password",
                Map.of("password", "a new long password")).status()).isEqualTo(404);
        assertThat(world.admin.patch("/api/v1/users/" + java.util.UUID.randomUUID(), Map.of("active", false))
                .status()).isEqualTo(404);
        assertThat(world.organizer.get("/api/v1/me").status()).as("untouched").isEqualTo(200);

        for (Api api : new Api[]{world.organizer, world.trainer, world.reporter}) {
            assertThat(api.patch("/api/v1/users/" + districtOrganizerId, Map.of("active", true)).status())
                    .isEqualTo(403);
            assertThat(api.post("/api/v1/users/" + districtOrganizerId + "/password",
                    Map.of("password", "a new long password")).status()).isEqualTo(403);
        }
    }

    @Test
    void anAdminCannotDeactivateOrDemoteThemselvesNorLeaveTheProvinceWithoutAnAdmin() {
        String adminId = idOf(world.admin);
        assertFieldError(world.admin.patch("/api/v1/users/" + adminId, Map.of("active", false)),
                422, "active", "cannot_deactivate_self");
        assertFieldError(world.admin.inLanguage("en").patch("/api/v1/users/" + adminId, Map.of("role", "organizer")),
                422, "role", "cannot_remove_own_admin");
        assertFieldError(world.admin.patch("/api/v1/users/" + adminId, Map.of("unitCode", world.districtA)),
                422, "unitCode", "last_province_admin");
        assertThat(world.admin.get("/api/v1/audit-log").status()).as("still the province's admin").isEqualTo(200);

        Api second = world.newUser("admin2", Role.admin, null);
        String secondId = idOf(second);
        Api.Res narrowed = world.admin.patch("/api/v1/users/" + adminId, Map.of("unitCode", world.districtA));
        assertThat(narrowed.status()).as("another province-wide admin remains").isEqualTo(200);
        Api districtAdmin = World.login(world.username("admin"), World.PASSWORD);
        assertThat(districtAdmin.patch("/api/v1/users/" + secondId, Map.of("active", false)).status())
                .as("a district admin cannot reach the province-wide one").isEqualTo(404);
        assertFieldError(second.patch("/api/v1/users/" + secondId, Map.of("role", "reporter")),
                422, "role", "cannot_remove_own_admin");
    }

    @Test
    void twoAdminsDemotingEachOtherAtOnceLeaveOneProvinceAdmin() throws Exception {
        Api second = world.newUser("admin2", Role.admin, null);
        String firstId = idOf(world.admin);
        String secondId = idOf(second);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            Future<Api.Res> a = pool.submit(() -> {
                start.await();
                return world.admin.patch("/api/v1/users/" + secondId, Map.of("role", "organizer"));
            });
            Future<Api.Res> b = pool.submit(() -> {
                start.await();
                return second.patch("/api/v1/users/" + firstId, Map.of("active", false));
            });
            start.countDown();
            List<Integer> statuses = List.of(a.get().status(), b.get().status());
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
            assertThat(statuses).filteredOn(s -> s != 200).allMatch(s -> s == 401 || s == 422);
        } finally {
            pool.shutdownNow();
        }
        long admins = 0;
        for (String name : new String[]{"admin", "admin2"}) {
            Api.Res res = anonymous.post("/api/v1/auth/login", Map.of("username", world.username(name),
                    "password", World.PASSWORD));
            if (res.status() == 200) {
                JsonNode me = res.json().get("user");
                if (me.get("role").asText().equals("admin") && me.get("unitCode").isNull()) {
                    admins++;
                }
            }
        }
        assertThat(admins).as("exactly one active province-wide admin is left").isEqualTo(1);
    }

    @Test
    void aPasswordResetMakesTheOldPasswordFailAndTheNewOneWork() {
        String trainerId = idOf(world.trainer);
        String newPassword = "Mật khẩu mới của Hoà";
        assertFieldError(world.admin.post("/api/v1/users/" + trainerId + "/password", Map.of("password", "short")),
                400, "password", "too_short");
        assertFieldError(world.admin.post("/api/v1/users/" + trainerId + "/password",
                Map.of("password", "a".repeat(257))), 400, "password", "too_long");
        assertThat(world.trainer.get("/api/v1/me").status()).as("nothing changed yet").isEqualTo(200);

        Api.Res reset = world.admin.post("/api/v1/users/" + trainerId + "/password",
                Map.of("password", java.text.Normalizer.normalize(newPassword, java.text.Normalizer.Form.NFD)));
        assertThat(reset.status()).as(reset.body()).isEqualTo(204);
        assertThat(world.trainer.get("/api/v1/me").status()).as("every login of the account ended").isEqualTo(401);
        assertThat(login(world.username("trainer"))).as("the old password").isEqualTo(401);
        assertThat(anonymous.post("/api/v1/auth/login", Map.of("username", world.username("trainer"),
                "password", newPassword)).status()).as("the new one, typed precomposed").isEqualTo(200);

        JsonNode audit = world.admin.get("/api/v1/audit-log?entity=user&entityId=" + trainerId).json();
        assertThat(audit.get("items")).anySatisfy(e -> assertThat(e.get("action").asText()).isEqualTo("reset_password"));
        assertThat(audit.toString()).doesNotContain("argon2").doesNotContainIgnoringCase("password\":");
    }

    // ---------------------------------------------------------------- two admins editing one account

    @Test
    void anEditOfAnAccountWithIfMatchNamingNoVersionOfItIsA412AndChangesNothing() {
        String path = "/api/v1/users/" + idOf(world.reporter);
        Api.Res stale = IfMatch.patch(world.admin, path, "\"0123456789abcdef0123456789abcdef\"",
                Map.of("fullName", "Tên từ bản cũ"));
        assertThat(stale.status()).as(stale.body()).isEqualTo(412);
        assertThat(stale.json().get("code").asText()).isEqualTo("precondition_failed");
        assertThat(world.reporter.get("/api/v1/me").json().get("fullName").asText()).isNotEqualTo("Tên từ bản cũ");
    }

    @Test
    void anEditOfAnAccountFromAStaleCopyIsA412InVietnameseAndEnglishAndChangesNothing() {
        String path = "/api/v1/users/" + idOf(world.reporter);
        IfMatch.aStaleTagIsRefusedAndNothingWritten(world.admin, path, Map.of("fullName", "Tên do người khác sửa"),
                Map.of("fullName", "Tên của tôi"));
    }

    @Test
    void theETagOfAnAccountAllowsAnEditThatAnswersTheNewETag() {
        String path = "/api/v1/users/" + idOf(world.reporter);
        IfMatch.theTagOfAReadAllowsAnEditThatAnswersTheNewTag(world.admin, path, Map.of("fullName", "Tên mới"),
                Map.of("fullName", "Tên khác"));
        IfMatch.starAndListsMatchButAWeakTagDoesNot(world.admin, path, Map.of("fullName", "Tên ba"),
                Map.of("fullName", "Tên bốn"));
        String current = IfMatch.etag(IfMatch.read(world.admin, path));
        assertThat(IfMatch.patch(world.admin, path, current + ", *", Map.of("fullName", "Tên năm")).status())
                .as("* stands alone: a list holding it names no version").isEqualTo(412);
        IfMatch.withoutIfMatchAnEditIsMadeAsBefore(world.admin, path, Map.of("fullName", "Tên sáu"),
                Map.of("fullName", "Tên bảy"));
    }

    @Test
    void roundAfterRoundOfTwoEditsOfAnAccountAtOnceFromOneCopyOneIsMade() {
        String path = "/api/v1/users/" + idOf(world.reporter);
        IfMatch.roundAfterRoundOfTwoEditsAtOnceFromOneCopyOneIsMade(world.admin, path, 30,
                n -> Map.of("fullName", "Tên " + n));
    }

    @Test
    void anAccountIsReadOnlyWithinTheAdminsScope() {
        Api districtAdmin = world.newUser("dadmin", Role.admin, world.districtA);
        Api.Res own = districtAdmin.get("/api/v1/users/" + idOf(districtAdmin));
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(districtAdmin.get("/api/v1/users/" + idOf(world.admin)).status())
                .as("a province-wide account is outside a district admin's scope").isEqualTo(404);
        assertThat(World.create().admin.get("/api/v1/users/" + idOf(world.reporter)).status()).isEqualTo(404);
    }

    /**
     * An account is province-wide (unitCode null) or scoped to a district or commune; the province's
     * own code is neither (an account "scoped" to it would reach every unit yet not count as
     * province-wide: no audit log, no plans, never the province's last admin).
     */
    @Test
    void anAccountIsNotScopedToTheProvinceItself() {
        Api.Res made = world.admin.post("/api/v1/users", account(world.username("p-organizer"), "organizer",
                world.province));
        assertFieldError(made, 422, "unitCode", "not_a_district_or_commune");
        assertThat(login(world.username("p-organizer"))).as("no account was made").isEqualTo(401);

        String trainer = idOf(world.trainer);
        Api.Res changed = world.admin.patch("/api/v1/users/" + trainer, Map.of("unitCode", world.province));
        assertFieldError(changed, 422, "unitCode", "not_a_district_or_commune");
        assertThat(world.admin.get("/api/v1/users/" + trainer).json().get("unitCode").isNull())
                .as("still province-wide").isTrue();
        assertThat(world.trainer.get("/api/v1/me").status()).as("its login did not end").isEqualTo(200);

        // a district or a commune still may be given, and null (the whole province)
        assertThat(world.admin.patch("/api/v1/users/" + trainer, Map.of("unitCode", world.communeA1)).status())
                .isEqualTo(200);
        Map<String, Object> wide = new HashMap<>();
        wide.put("unitCode", null);
        assertThat(world.admin.patch("/api/v1/users/" + trainer, wide).status()).isEqualTo(200);
    }

    @Test
    void anAccountsFullNameIsAtMost200Characters() {
        Map<String, Object> body = account(world.username("long-name"), "organizer", null);
        body.put("fullName", "Nguyễn Thị ".repeat(1000));
        assertFieldError(world.admin.post("/api/v1/users", body), 400, "fullName", "too_long");
        assertThat(login(world.username("long-name"))).as("no account was made").isEqualTo(401);

        String trainer = idOf(world.trainer);
        String before = world.admin.get("/api/v1/users/" + trainer).json().get("fullName").asText();
        assertFieldError(world.admin.patch("/api/v1/users/" + trainer, Map.of("fullName", "Lê Văn ".repeat(100))),
                400, "fullName", "too_long");
        assertThat(world.admin.get("/api/v1/users/" + trainer).json().get("fullName").asText()).isEqualTo(before);

        body.put("fullName", "Đ".repeat(200));
        assertThat(world.admin.post("/api/v1/users", body).status()).as("200 characters").isEqualTo(201);
    }
}
