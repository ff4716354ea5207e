package vn.bdg.registry.auth;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectConditionStep;
import org.jooq.impl.DSL;
import vn.bdg.registry.db.tables.records.AppUserRecord;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import static vn.bdg.registry.db.Tables.APP_USER;
import static vn.bdg.registry.db.Tables.AUTH_TOKEN;

/** SQL for bearer tokens (stored as SHA-256 digests). */
final class AuthRepository {
    private final DSLContext dsl;

    AuthRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    void insert(DSLContext tx, byte[] hash, UUID sessionId, UUID userId, String kind, OffsetDateTime expiresAt) {
        tx.insertInto(AUTH_TOKEN)
                .set(AUTH_TOKEN.TOKEN_HASH, hash)
                .set(AUTH_TOKEN.SESSION_ID, sessionId)
                .set(AUTH_TOKEN.USER_ID, userId)
                .set(AUTH_TOKEN.KIND, kind)
                .set(AUTH_TOKEN.EXPIRES_AT, expiresAt)
                .execute();
    }

    /** The live token of that kind with its session, expiry and (active) user, if any. */
    Optional<Record> findLive(byte[] hash, String kind) {
        return live(dsl, hash, kind).fetchOptional();
    }

    /**
     * The live refresh token with its user, the user's row locked for key share until the
     * transaction ends: a change that ends the user's logins locks that row for update first
     * (lockUser), so a refresh and such a change wait for each other in that order, rather than
     * each holding a row the other needs (a deadlock), and a refresh under way cannot slip new
     * tokens past the revocation.
     */
    Optional<Record> findLiveRefreshLockingUser(DSLContext tx, byte[] hash) {
        return live(tx, hash, "refresh").forKeyShare().of(APP_USER).fetchOptional();
    }

    private static SelectConditionStep<Record> live(DSLContext q, byte[] hash, String kind) {
        return q.select(AUTH_TOKEN.SESSION_ID, AUTH_TOKEN.EXPIRES_AT, APP_USER.asterisk())
                .from(AUTH_TOKEN).join(APP_USER).on(APP_USER.ID.eq(AUTH_TOKEN.USER_ID))
                .where(AUTH_TOKEN.TOKEN_HASH.eq(hash)
                        .and(AUTH_TOKEN.KIND.eq(kind))
                        .and(AUTH_TOKEN.REVOKED_AT.isNull())
                        .and(AUTH_TOKEN.EXPIRES_AT.gt(OffsetDateTime.now()))
                        .and(APP_USER.ACTIVE));
    }

    /**
     * The user's row as it is now, locked for key share until the transaction ends, for a login
     * that checked a password against the row read before: a change that ends the user's logins
     * (lockUser) under way finishes first, and the login then sees the password or active flag it
     * set; one coming after waits for the login, and revokes the tokens it issued.
     */
    Optional<AppUserRecord> lockUserForLogin(DSLContext tx, UUID userId) {
        return tx.selectFrom(APP_USER).where(APP_USER.ID.eq(userId)).forKeyShare().fetchOptional();
    }

    /**
     * Locks the user's row until the transaction ends, before their tokens are revoked: a refresh
     * under way (findLiveRefreshLockingUser) finishes first, and the revocation, run after, sees
     * the tokens it issued; a refresh coming after waits, then finds its token revoked.
     */
    private static void lockUser(DSLContext tx, UUID userId) {
        tx.select(APP_USER.ID).from(APP_USER).where(APP_USER.ID.eq(userId)).forUpdate().execute();
    }

    /** Revokes one token; true if it was live (so a refresh token can be used once only). */
    boolean revoke(DSLContext tx, byte[] hash) {
        return tx.update(AUTH_TOKEN).set(AUTH_TOKEN.REVOKED_AT, OffsetDateTime.now())
                .where(AUTH_TOKEN.TOKEN_HASH.eq(hash).and(AUTH_TOKEN.REVOKED_AT.isNull()))
                .execute() == 1;
    }

    void revokeSession(UUID sessionId) {
        dsl.transaction(trx -> {
            DSLContext tx = trx.dsl();
            tx.select(AUTH_TOKEN.USER_ID).from(AUTH_TOKEN).where(AUTH_TOKEN.SESSION_ID.eq(sessionId)).limit(1)
                    .fetchOptional(AUTH_TOKEN.USER_ID).ifPresent(user -> lockUser(tx, user));
            tx.update(AUTH_TOKEN).set(AUTH_TOKEN.REVOKED_AT, OffsetDateTime.now())
                    .where(AUTH_TOKEN.SESSION_ID.eq(sessionId).and(AUTH_TOKEN.REVOKED_AT.isNull()))
                    .execute();
        });
    }

    /**
     * Removes the user's expired tokens: they can no longer be used, and a spent refresh token past
     * its expiry no longer needs to be recognised as spent. Done at each login and refresh (a login
     * may live on by refreshing alone), so the table holds no more than the tokens of the last
     * refresh lifetime.
     */
    void deleteExpired(DSLContext tx, UUID userId) {
        tx.deleteFrom(AUTH_TOKEN)
                .where(AUTH_TOKEN.USER_ID.eq(userId).and(AUTH_TOKEN.EXPIRES_AT.lt(OffsetDateTime.now())))
                .execute();
    }

    /** Revokes every live token of the user, except those of keepSession (null: none kept). */
    void revokeUser(DSLContext tx, UUID userId, UUID keepSession) {
        lockUser(tx, userId);
        Condition keep = keepSession == null ? DSL.noCondition() : AUTH_TOKEN.SESSION_ID.ne(keepSession);
        tx.update(AUTH_TOKEN).set(AUTH_TOKEN.REVOKED_AT, OffsetDateTime.now())
                .where(AUTH_TOKEN.USER_ID.eq(userId).and(AUTH_TOKEN.REVOKED_AT.isNull()).and(keep))
                .execute();
    }

    /**
     * The login session of a refresh token that was already spent (revoked), if the hash is one:
     * presenting it again means that two parties hold the token.
     */
    Optional<UUID> sessionOfSpentRefresh(byte[] hash) {
        return dsl.select(AUTH_TOKEN.SESSION_ID).from(AUTH_TOKEN)
                .where(AUTH_TOKEN.TOKEN_HASH.eq(hash)
                        .and(AUTH_TOKEN.KIND.eq("refresh"))
                        .and(AUTH_TOKEN.REVOKED_AT.isNotNull()))
                .fetchOptional(AUTH_TOKEN.SESSION_ID);
    }

    Optional<UUID> sessionOf(byte[] hash) {
        return dsl.select(AUTH_TOKEN.SESSION_ID).from(AUTH_TOKEN).where(AUTH_TOKEN.TOKEN_HASH.eq(hash))
                .fetchOptional(AUTH_TOKEN.SESSION_ID);
    }
}
