package vn.bdg.registry.user;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.auth.Role;
import vn.bdg.registry.support.Api;
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
}
