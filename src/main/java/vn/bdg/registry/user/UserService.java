package vn.bdg.registry.user;

import org.jooq.DSLContext;
import vn.bdg.registry.audit.AuditLog;
import vn.bdg.registry.auth.Caller;
import vn.bdg.registry.auth.PasswordHasher;
import vn.bdg.registry.auth.Role;
import vn.bdg.registry.unit.UnitRepository;
import vn.bdg.registry.sql.Unique;
import vn.bdg.registry.web.ApiException;
import vn.bdg.registry.web.Validator;

/** Creating user accounts, from the command line (no caller) or by an admin, within the admin's own scope. */
public final class UserService {
    public static final int MIN_PASSWORD_LENGTH = 10;
    public static final int MAX_USERNAME_LENGTH = 64;

    private final DSLContext dsl;
    private final UserRepository users;
    private final UnitRepository units;
    private final PasswordHasher hasher;
    private final AuditLog audit;

    public UserService(DSLContext dsl, UserRepository users, UnitRepository units, PasswordHasher hasher,
                       AuditLog audit) {
        this.dsl = dsl;
        this.users = users;
        this.units = units;
        this.hasher = hasher;
        this.audit = audit;
    }

    /** caller is null for the command line. */
    public User create(Caller caller, String username, String password, Role role, String fullName,
                       String provinceCode, String unitCode) {
        Validator v = new Validator()
                .require("username", username)
                .require("password", password)
                .require("role", role);
        v.check(username == null || username.matches("[A-Za-z0-9._@-]{3," + MAX_USERNAME_LENGTH + "}"), "username", "invalid_username");
        v.check(password == null || PasswordHasher.length(password) >= MIN_PASSWORD_LENGTH, "password", "too_short",
                MIN_PASSWORD_LENGTH);
        v.check(password == null || !PasswordHasher.tooLong(password), "password", "too_long",
                PasswordHasher.MAX_LENGTH);
        v.validate();
        if (!units.provinceOf(provinceCode).map(provinceCode::equals).orElse(false)) {
            throw ApiException.unprocessable("provinceCode", "unknown_unit");
        }
        if (unitCode != null && !units.inProvince(unitCode, provinceCode)) {
            throw ApiException.unprocessable("unitCode", "unknown_unit");
        }
        // An admin scoped to a district or commune makes accounts of that unit or below it only:
        // never a province-wide one, nor one elsewhere in the province (which would widen their own reach).
        if (caller != null && !caller.provinceWide() && (unitCode == null || !caller.canSeeUnit(unitCode))) {
            throw ApiException.unprocessable("unitCode", "outside_your_scope");
        }
        String hash = hasher.hash(password);
        return Unique.orConflict("username_taken", () -> dsl.transactionResult(trx -> {
            DSLContext tx = trx.dsl();
            users.lockUsername(tx, username);
            if (users.usernameTaken(tx, username)) {
                throw ApiException.conflict("username_taken");
            }
            User created = users.insert(tx, username, hash, role, fullName, provinceCode, unitCode);
            audit.record(tx, provinceCode, caller, "create", "user", created.id(), null, created);
            return created;
        }));
    }
}
