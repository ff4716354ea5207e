package vn.bdg.registry.support;

import org.jooq.DSLContext;
import vn.bdg.registry.audit.AuditLog;
import vn.bdg.registry.auth.PasswordHasher;
import vn.bdg.registry.auth.Role;
import vn.bdg.registry.unit.AdminUnit;
import vn.bdg.registry.unit.UnitRepository;
import vn.bdg.registry.user.UserRepository;
import vn.bdg.registry.user.UserService;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small province of its own for one test: two districts with two communes each, and a logged-in
 * client per role, one organiser and one reporter scoped to district A. Tests that build their own
 * World cannot see each other's data, exactly as two provinces cannot.
 */
public final class World {
    private static final AtomicInteger NEXT = new AtomicInteger(1);
    private static final PasswordHasher HASHER = new PasswordHasher();
    public static final String PASSWORD = "correct horse battery";

    public final String province;
    public final String districtA;
    public final String districtB;
    public final String communeA1;
    public final String communeA2;
    public final String communeB1;
    public final String communeB2;
    public final Api admin;
    public final Api organizer;
    public final Api trainer;
    public final Api reporter;
    public final Api districtOrganizer;
    public final Api districtReporter;
    private final String prefix;

    private World(int n) {
        TestServer server = TestServer.get();
        DSLContext dsl = server.database.dsl();
        prefix = "w" + n;
        province = String.valueOf(9000 + n);
        districtA = province + "1";
        districtB = province + "2";
        communeA1 = districtA + "1";
        communeA2 = districtA + "2";
        communeB1 = districtB + "1";
        communeB2 = districtB + "2";
        new UnitRepository(dsl).upsertAll(List.of(
                new AdminUnit(province, "Tỉnh Thử Nghiệm " + n, "province", null, null, null, null),
                new AdminUnit(districtA, "Huyện Ba Bể " + n, "district", province, null, null, null),
                new AdminUnit(districtB, "Huyện Na Rì " + n, "district", province, null, null, null),
                new AdminUnit(communeA1, "Xã Nam Mẫu " + n, "commune", districtA, null, null, null),
                new AdminUnit(communeA2, "Xã Khang Ninh " + n, "commune", districtA, null, null, null),
                new AdminUnit(communeB1, "Xã Kim Hỷ " + n, "commune", districtB, null, null, null),
                new AdminUnit(communeB2, "Xã Cư Lễ " + n, "commune", districtB, null, null, null)));
        UserService users = new UserService(dsl, new UserRepository(dsl), new UnitRepository(dsl), HASHER,
                new AuditLog());
        admin = user(users, "admin", Role.admin, null);
        organizer = user(users, "organizer", Role.organizer, null);
        trainer = user(users, "trainer", Role.trainer, null);
        reporter = user(users, "reporter", Role.reporter, null);
        districtOrganizer = user(users, "dorganizer", Role.organizer, districtA);
        districtReporter = user(users, "dreporter", Role.reporter, districtA);
    }

    public static World create() {
        return new World(NEXT.getAndIncrement());
    }

    /** The username this world gave a role's user, e.g. username("trainer"). */
    public String username(String role) {
        return prefix + "-" + role;
    }

    /** Creates another user of this province and returns a logged-in client for them. */
    public Api newUser(String name, Role role, String unit) {
        DSLContext dsl = TestServer.get().database.dsl();
        return user(new UserService(dsl, new UserRepository(dsl), new UnitRepository(dsl), HASHER, new AuditLog()),
                name, role, unit);
    }

    private Api user(UserService users, String name, Role role, String unit) {
        users.create(null, username(name), PASSWORD, role, "Người dùng " + name, province, unit);
        return login(username(name), PASSWORD);
    }

    public static Api login(String username, String password) {
        Api.Res res = Api.anonymous().post("/api/v1/auth/login", Map.of("username", username, "password", password));
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        return Api.anonymous().withToken(res.json().get("accessToken").asText());
    }
}
