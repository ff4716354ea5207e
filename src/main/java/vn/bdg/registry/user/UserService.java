package vn.bdg.registry.user;

import org.jooq.DSLContext;
import vn.bdg.registry.audit.AuditLog;
import vn.bdg.registry.auth.AuthService;
import vn.bdg.registry.auth.Caller;
import vn.bdg.registry.auth.PasswordHasher;
import vn.bdg.registry.auth.Role;
import vn.bdg.registry.unit.UnitRepository;
import vn.bdg.registry.sql.Unique;
import vn.bdg.registry.web.ApiException;
import vn.bdg.registry.web.Validator;
import vn.bdg.registry.web.Versioned;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

import static vn.bdg.registry.db.Tables.APP_USER;

/** Creating user accounts, from the command line (no caller) or by an admin, within the admin's own scope. */
public final class UserService {
    public static final int MIN_PASSWORD_LENGTH = 10;
    public static final int MAX_USERNAME_LENGTH = 64;
    /** As a participant's: the name shows on phones ("scanned by") and in lists. */
    static final int MAX_FULL_NAME = 200;
    /** What a username is made of: ASCII, so that it matches case-insensitively in one way only. */
    public static final Pattern USERNAME = Pattern.compile(
            "[A-Za-z0-9._@-]{3," + MAX_USERNAME_LENGTH + "}");

    private final DSLContext dsl;
    private final UserRepository users;
    private final UnitRepository units;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final AuthService logins;

    /** A change of an account: only the fields the client sent (absent ≠ null). */
    public record Change(boolean hasFullName, String fullName, boolean hasRole, Role role, boolean hasUnitCode,
                         String unitCode, boolean hasActive, Boolean active) {
    }

    /** For creating accounts only (command line, fixtures): {@link #update} and {@link #resetPassword} need logins. */
    public UserService(DSLContext dsl, UserRepository users, UnitRepository units, PasswordHasher hasher,
                       AuditLog audit) {
        this(dsl, users, units, hasher, audit, null);
    }

    public UserService(DSLContext dsl, UserRepository users, UnitRepository units, PasswordHasher hasher,
                       AuditLog audit, AuthService logins) {
        this.logins = logins;
        this.dsl = dsl;
        this.users = users;
        this.units = units;
        this.hasher = hasher;
        this.audit = audit;
    }

    /** The rules of every new password (at creation, reset or change): 10 to 256 characters in NFC. */
    public static void checkPassword(Validator v, String field, String password) {
        // too_long first: a password of megabytes is not normalised to be counted
        boolean tooLong = password != null && PasswordHasher.tooLong(password);
        v.check(!tooLong, field, "too_long", PasswordHasher.MAX_LENGTH);
        v.check(password == null || tooLong || PasswordHasher.length(password) >= MIN_PASSWORD_LENGTH, field,
                "too_short", MIN_PASSWORD_LENGTH);
    }

    /** caller is null for the command line. */
    public User create(Caller caller, String username, String password, Role role, String fullName,
                       String provinceCode, String unitCode) {
        Validator v = new Validator()
                .require("username", username)
                .require("password", password)
                .require("role", role);
        v.check(username == null || USERNAME.matcher(username).matches(), "username", "invalid_username");
        v.maxLength("fullName", fullName, MAX_FULL_NAME);
        checkPassword(v, "password", password);
        v.validate();
        if (!units.provinceOf(provinceCode).map(provinceCode::equals).orElse(false)) {
            throw ApiException.unprocessable("provinceCode", "unknown_unit");
        }
        if (unitCode != null && !units.inProvince(unitCode, provinceCode)) {
            throw ApiException.unprocessable("unitCode", "unknown_unit");
        }
        requireDistrictOrCommune(unitCode);
        // An admin scoped to a district or commune makes accounts of that unit or below it only:
        // never a province-wide one, nor one elsewhere in the province (which would widen their own reach).
        if (caller != null && !caller.provinceWide() && (unitCode == null || !caller.canSeeUnit(unitCode))) {
            throw ApiException.unprocessable("unitCode", "outside_your_scope");
        }
        String hash = hasher.hash(password);
        return Unique.orConflict("username_taken", () -> dsl.transactionResult(trx -> {
            DSLContext tx = trx.dsl();
            if (caller != null) {
                // an admin deactivated or demoted since this request was authenticated (another
                // instance may remember them for a few seconds) makes no account to outlive them
                users.lockProvinceAccounts(tx, caller.provinceCode());
                requireStillAdmin(tx, caller);
            }
            users.lockUsername(tx, username);
            if (users.usernameTaken(tx, username)) {
                throw ApiException.conflict("username_taken");
            }
            User created = users.insert(tx, username, hash, role, fullName, provinceCode, unitCode);
            audit.record(tx, provinceCode, caller, "create", "user", created.id(), null, created);
            return created;
        }));
    }

    /** An account within the caller's scope (others are 404) and its version (the ETag). */
    public Versioned<User> get(Caller caller, UUID id) {
        return Versioned.of(users.find(id, caller.scope(APP_USER.PROVINCE_CODE, APP_USER.UNIT_CODE))
                .orElseThrow(ApiException::notFound));
    }

    /**
     * Changes an account's name, role, unit or active flag, with the rules of {@link #create}: an
     * admin scoped to a district or commune acts only on accounts of their unit or below (others
     * are 404) and sets units within it only. An admin cannot deactivate themselves nor drop their
     * own admin role, and no change may leave the province without an active province-wide admin
     * (checked under a lock on the province's accounts). A change of role, unit or active flag
     * ends every login of the account at once. With ifMatch (the If-Match header; null: none), only
     * the version it names is changed, else 412: two admins editing the account from one copy do not
     * overwrite each other.
     */
    public Versioned<User> update(Caller caller, UUID id, String ifMatch, Change change) {
        Validator v = new Validator();
        if (change.hasRole()) {
            v.require("role", change.role());
        }
        if (change.hasActive()) {
            v.require("active", change.active());
        }
        v.maxLength("fullName", change.fullName(), MAX_FULL_NAME);
        v.validate();
        if (change.hasUnitCode() && change.unitCode() != null) {
            if (!units.inProvince(change.unitCode(), caller.provinceCode())) {
                throw ApiException.unprocessable("unitCode", "unknown_unit");
            }
            requireDistrictOrCommune(change.unitCode());
        }
        if (change.hasUnitCode() && !caller.provinceWide()
                && (change.unitCode() == null || !caller.canSeeUnit(change.unitCode()))) {
            throw ApiException.unprocessable("unitCode", "outside_your_scope");
        }
        boolean self = id.equals(caller.userId());
        if (self && change.hasActive() && !change.active()) {
            throw ApiException.unprocessable("active", "cannot_deactivate_self");
        }
        if (self && change.hasRole() && change.role() != Role.admin) {
            throw ApiException.unprocessable("role", "cannot_remove_own_admin");
        }
        /** The account as changed, and whether the change ended its logins. */
        record Updated(User after, boolean endedLogins) {
        }
        Updated result = dsl.transactionResult(trx -> {
            DSLContext tx = trx.dsl();
            users.lockProvinceAccounts(tx, caller.provinceCode());
            requireStillAdmin(tx, caller);
            User before = users.findForUpdate(tx, id, caller.scope(APP_USER.PROVINCE_CODE, APP_USER.UNIT_CODE))
                    .orElseThrow(ApiException::notFound);
            Versioned.of(before).requireMatch(ifMatch);
            String fullName = change.hasFullName() ? change.fullName() : before.fullName();
            Role role = change.hasRole() ? change.role() : before.role();
            String unitCode = change.hasUnitCode() ? change.unitCode() : before.unitCode();
            boolean active = change.hasActive() ? change.active() : before.active();
            if (provinceAdmin(before.role(), before.unitCode(), before.active())
                    && !provinceAdmin(role, unitCode, active)
                    && users.otherProvinceAdmins(tx, before.provinceCode(), id) == 0) {
                throw ApiException.unprocessable(!active ? "active" : role != Role.admin ? "role" : "unitCode",
                        "last_province_admin");
            }
            if (unitCode != null && !unitCode.equals(before.unitCode())) {
                // as a course is not moved away from its trainers, a trainer is not moved away from their courses;
                // closed ones need no scanning, so a trainer of a district abolished in 2025 can move on
                List<String> outside = users.assignedCoursesOutside(tx, id, units.scopeOf(tx, unitCode));
                if (!outside.isEmpty()) {
                    throw ApiException.unprocessable("unitCode", "courses_out_of_scope", String.join(", ", outside));
                }
            }
            User after = users.update(tx, id, fullName, role, unitCode, active);
            boolean endLogins = role != before.role() || !Objects.equals(unitCode, before.unitCode())
                    || active != before.active();
            if (!after.equals(before)) {
                audit.record(tx, caller, "update", "user", id, before, after);
            }
            if (endLogins) {
                logins.endLogins(tx, id, null);
            }
            return new Updated(after, endLogins);
        });
        if (result.endedLogins()) {
            logins.forgetCallersOf(id, null);
        }
        return Versioned.of(result.after());
    }

    /**
     * Sets a new password on an account within the admin's scope (404 otherwise), with the rules of
     * a new account's, and ends every login of the account.
     */
    public void resetPassword(Caller caller, UUID id, String password) {
        Validator v = new Validator().require("password", password);
        checkPassword(v, "password", password);
        v.validate();
        String hash = hasher.hash(password);
        dsl.transaction(trx -> {
            DSLContext tx = trx.dsl();
            users.lockProvinceAccounts(tx, caller.provinceCode());
            requireStillAdmin(tx, caller);
            users.findForUpdate(tx, id, caller.scope(APP_USER.PROVINCE_CODE, APP_USER.UNIT_CODE))
                    .orElseThrow(ApiException::notFound);
            users.setPasswordHash(tx, id, hash);
            logins.endLogins(tx, id, null);
            audit.record(tx, caller, "reset_password", "user", id, null, null);
        });
        logins.forgetCallersOf(id, null);
    }

    /**
     * An account is province-wide (no unit) or scoped to a district or commune: never to the
     * province's own unit, which would reach every unit while not counting as province-wide.
     */
    private void requireDistrictOrCommune(String unitCode) {
        if (unitCode != null && units.find(unitCode).map(u -> "province".equals(u.level())).orElse(false)) {
            throw ApiException.unprocessable("unitCode", "not_a_district_or_commune");
        }
    }

    private static boolean provinceAdmin(Role role, String unitCode, boolean active) {
        return role == Role.admin && unitCode == null && active;
    }

    /**
     * The caller's account, read again in the transaction: a request authenticated just before
     * the caller was demoted or deactivated (by another admin at the same moment) acts no more.
     * Read under the province's lock, after any such change committed.
     */
    private void requireStillAdmin(DSLContext tx, Caller caller) {
        User me = users.find(tx, caller.userId()).orElseThrow(() -> new ApiException(401, "invalid_token"));
        if (!me.active() || me.role() != Role.admin || !Objects.equals(me.unitCode(), caller.unitCode())) {
            throw new ApiException(401, "invalid_token");
        }
    }
}
