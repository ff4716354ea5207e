package vn.bdg.registry.user;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import vn.bdg.registry.auth.Role;
import vn.bdg.registry.course.CourseStatus;
import vn.bdg.registry.db.tables.records.AppUserRecord;
import vn.bdg.registry.sql.Locks;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static vn.bdg.registry.db.Tables.APP_USER;
import static vn.bdg.registry.db.Tables.COURSE;
import static vn.bdg.registry.db.Tables.COURSE_TRAINER;

/** SQL for user accounts. */
public final class UserRepository {
    private final DSLContext dsl;

    public UserRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The account of a username, in any letter case, active or not. */
    public Optional<AppUserRecord> findByUsername(String username) {
        return dsl.selectFrom(APP_USER).where(APP_USER.USERNAME.equalIgnoreCase(username)).fetchOptional();
    }

    public Optional<User> find(UUID id) {
        return find(dsl, id);
    }

    public Optional<User> find(DSLContext tx, UUID id) {
        return tx.selectFrom(APP_USER).where(APP_USER.ID.eq(id)).fetchOptional().map(UserRepository::toUser);
    }

    /**
     * Makes the creation of this username, in any letter case, wait for any other under way until
     * its transaction ends. The table's unique key is case-sensitive, so without it "Hoa.NT" and
     * "hoa.nt" sent at once would both pass {@link #usernameTaken} and make two accounts that one
     * login matches (a transaction-level advisory lock on the hash; a rare collision only makes two wait).
     */
    public void lockUsername(DSLContext tx, String username) {
        Locks.hold(tx, "app_user.username:" + username.toLowerCase(Locale.ROOT));
    }

    public boolean usernameTaken(DSLContext tx, String username) {
        return tx.fetchExists(APP_USER, APP_USER.USERNAME.equalIgnoreCase(username));
    }

    public User insert(DSLContext tx, String username, String passwordHash, Role role, String fullName,
                       String provinceCode, String unitCode) {
        AppUserRecord r = tx.insertInto(APP_USER)
                .set(APP_USER.USERNAME, username)
                .set(APP_USER.PASSWORD_HASH, passwordHash)
                .set(APP_USER.ROLE, role.name())
                .set(APP_USER.FULL_NAME, fullName)
                .set(APP_USER.PROVINCE_CODE, provinceCode)
                .set(APP_USER.UNIT_CODE, unitCode)
                .returning()
                .fetchOne();
        return toUser(r);
    }

    public List<User> list(Condition scope, Role role, boolean active, UUID after, int limit) {
        Condition c = scope.and(APP_USER.ACTIVE.eq(active));
        if (role != null) {
            c = c.and(APP_USER.ROLE.eq(role.name()));
        }
        if (after != null) {
            c = c.and(APP_USER.ID.gt(after));
        }
        return dsl.selectFrom(APP_USER).where(c).orderBy(APP_USER.ID).limit(limit)
                .fetch(UserRepository::toUser);
    }

    /** The password hash of an active account. */
    public Optional<String> passwordHash(UUID id) {
        return dsl.select(APP_USER.PASSWORD_HASH).from(APP_USER).where(APP_USER.ID.eq(id).and(APP_USER.ACTIVE))
                .fetchOptional(APP_USER.PASSWORD_HASH);
    }

    /**
     * Sets the hash of an active account only if its hash is still the one the caller checked a
     * password against; false if it has changed since (or the account was deactivated).
     */
    public boolean replacePasswordHash(DSLContext tx, UUID id, String checkedHash, String passwordHash) {
        return tx.update(APP_USER).set(APP_USER.PASSWORD_HASH, passwordHash)
                .where(APP_USER.ID.eq(id).and(APP_USER.PASSWORD_HASH.eq(checkedHash)).and(APP_USER.ACTIVE))
                .execute() == 1;
    }

    public void setPasswordHash(DSLContext tx, UUID id, String passwordHash) {
        tx.update(APP_USER).set(APP_USER.PASSWORD_HASH, passwordHash).where(APP_USER.ID.eq(id)).execute();
    }

    /** The account, if within scope (a tenant filter on province and unit). */
    public Optional<User> find(UUID id, Condition scope) {
        return dsl.selectFrom(APP_USER).where(APP_USER.ID.eq(id).and(scope)).fetchOptional().map(UserRepository::toUser);
    }

    /** The account, if within scope (a tenant filter on province and unit), locked until the transaction ends. */
    public Optional<User> findForUpdate(DSLContext tx, UUID id, Condition scope) {
        return tx.selectFrom(APP_USER).where(APP_USER.ID.eq(id).and(scope)).forUpdate().fetchOptional()
                .map(UserRepository::toUser);
    }

    /**
     * Makes every change of a province's accounts' role, unit or active flag wait for any other
     * under way until its transaction ends, so that two admins demoting each other at once cannot
     * both see the other as the remaining province-wide admin.
     */
    public void lockProvinceAccounts(DSLContext tx, String provinceCode) {
        Locks.hold(tx, "app_user.province:" + provinceCode);
    }

    /** Active province-wide admins of the province other than the given account. */
    public int otherProvinceAdmins(DSLContext tx, String provinceCode, UUID except) {
        return tx.fetchCount(APP_USER, APP_USER.PROVINCE_CODE.eq(provinceCode)
                .and(APP_USER.ROLE.eq(Role.admin.name()))
                .and(APP_USER.UNIT_CODE.isNull())
                .and(APP_USER.ACTIVE)
                .and(APP_USER.ID.ne(except)));
    }

    public User update(DSLContext tx, UUID id, String fullName, Role role, String unitCode, boolean active) {
        return toUser(tx.update(APP_USER)
                .set(APP_USER.FULL_NAME, fullName)
                .set(APP_USER.ROLE, role.name())
                .set(APP_USER.UNIT_CODE, unitCode)
                .set(APP_USER.ACTIVE, active)
                .where(APP_USER.ID.eq(id))
                .returning()
                .fetchOne());
    }

    public static User toUser(Record r) {
        return new User(r.get(APP_USER.ID), r.get(APP_USER.USERNAME), r.get(APP_USER.FULL_NAME),
                Role.valueOf(r.get(APP_USER.ROLE)), r.get(APP_USER.PROVINCE_CODE), r.get(APP_USER.UNIT_CODE),
                r.get(APP_USER.ACTIVE));
    }

    /**
     * The codes of the courses, not completed or cancelled, the user is assigned to as a trainer and held
     * outside these units (a unit scope): courses a user scoped to them could no longer see or scan.
     */
    public List<String> assignedCoursesOutside(DSLContext tx, UUID userId, Set<String> units) {
        return tx.select(COURSE.CODE).from(COURSE_TRAINER).join(COURSE).on(COURSE.ID.eq(COURSE_TRAINER.COURSE_ID))
                .where(COURSE_TRAINER.USER_ID.eq(userId).and(COURSE.STATUS.notIn(CourseStatus.CLOSED_NAMES))
                        .and(COURSE.UNIT_CODE.notIn(units)))
                .orderBy(COURSE.CODE).fetch(COURSE.CODE);
    }
}
