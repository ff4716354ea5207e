package vn.bdg.registry.auth;

import org.jooq.DSLContext;
import org.jooq.Record;
import vn.bdg.registry.audit.AuditLog;
import vn.bdg.registry.db.tables.records.AppUserRecord;
import vn.bdg.registry.unit.UnitRepository;
import vn.bdg.registry.user.User;
import vn.bdg.registry.user.UserRepository;
import vn.bdg.registry.user.UserService;
import vn.bdg.registry.web.ApiException;
import vn.bdg.registry.web.Validator;
import vn.bdg.registry.Sha256;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import static vn.bdg.registry.db.Tables.APP_USER;
import static vn.bdg.registry.db.Tables.AUTH_TOKEN;

/** Login, token refresh and logout; turns a bearer token into a {@link Caller}. */
public final class AuthService {
    public record Tokens(String accessToken, String refreshToken, String tokenType, long expiresIn, User user) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DSLContext dsl;
    private final AuthRepository tokens;
    private final UserRepository users;
    private final UnitRepository units;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final Duration accessTtl;
    private final Duration refreshTtl;

    public AuthService(DSLContext dsl, UserRepository users, UnitRepository units, PasswordHasher hasher,
                       LoginThrottle throttle, AuditLog audit, Duration accessTtl, Duration refreshTtl) {
        this.dsl = dsl;
        this.tokens = new AuthRepository(dsl);
        this.users = users;
        this.units = units;
        this.hasher = hasher;
        this.throttle = throttle;
        this.audit = audit;
        this.accessTtl = accessTtl;
        this.refreshTtl = refreshTtl;
    }

    public Tokens login(String username, String password, String client) {
        long wait = throttle.attempt(username, client);
        if (wait > 0) {
            throw new ApiException(429, "rate_limited", wait);
        }
        // a username no account can have is unknown, not sent to the database: too long, or not
        // ASCII, which the database's lower() could still match to an account ("admİn" is "admin")
        // while the throttle counted it apart, a fresh allowance of guesses at that account
        var user = !UserService.USERNAME.matcher(username).matches()
                ? Optional.<AppUserRecord>empty() : users.findByUsername(username);
        boolean ok = hasher.matches(password, user.map(u -> u.getPasswordHash()).orElse(null));
        if (!ok || user.isEmpty()) {
            throw new ApiException(401, "invalid_credentials");
        }
        throttle.succeeded(username, client);
        if (!user.get().getActive()) {
            // told only to who knows the password: a trainer whose phone was reported lost learns
            // why, instead of retyping a password that is right
            throw new ApiException(403, "account_deactivated");
        }
        String checked = user.get().getPasswordHash();
        return dsl.transactionResult(trx -> {
            DSLContext tx = trx.dsl();
            // read again under a lock: a password reset or deactivation that committed while the
            // password was being checked ends this login too, rather than leaving it a fresh one
            AppUserRecord now = tokens.lockUserForLogin(tx, user.get().getId())
                    .orElseThrow(() -> new ApiException(401, "invalid_credentials"));
            if (!now.getPasswordHash().equals(checked)) {
                throw new ApiException(401, "invalid_credentials");
            }
            if (!now.getActive()) {
                throw new ApiException(403, "account_deactivated");
            }
            tokens.deleteExpired(tx, now.getId());
            return issue(tx, UserRepository.toUser(now), UUID.randomUUID());
        });
    }

    /**
     * Exchanges a refresh token for new tokens; the old refresh token cannot be used again. A spent
     * refresh token presented again (a copy replayed after the real client used it, or the real
     * client coming back after a thief used it first) ends its whole login session: every access
     * and refresh token of it, whoever holds them (RFC 9700, 4.14.2).
     */
    public Tokens refresh(String refreshToken) {
        byte[] hash = digest(refreshToken);
        Optional<Tokens> issued = dsl.transactionResult(trx -> {
            DSLContext tx = trx.dsl();
            Optional<Record> row = tokens.findLiveRefreshLockingUser(tx, hash);
            if (row.isEmpty() || !tokens.revoke(tx, hash)) {
                return Optional.<Tokens>empty();
            }
            User user = UserRepository.toUser(row.get());
            tokens.deleteExpired(tx, user.id());
            return Optional.of(issue(tx, user, row.get().get(AUTH_TOKEN.SESSION_ID)));
        });
        if (issued.isPresent()) {
            return issued.get();
        }
        tokens.sessionOfSpentRefresh(hash).ifPresent(this::endSession);
        throw new ApiException(401, "invalid_token");
    }

    /** Revokes the access token's whole login session (its refresh tokens too). */
    public void logout(String accessToken) {
        tokens.sessionOf(digest(accessToken)).ifPresent(this::endSession); // its callers forgotten there
    }

    /** Revokes every token of a login session, and forgets its callers on this instance at once. */
    private void endSession(UUID sessionId) {
        tokens.revokeSession(sessionId);
        forgetCallers(c -> c.sessionId().equals(sessionId));
    }

    /**
     * Ends every login of a user (all their access and refresh tokens), for a change of their role,
     * unit, active flag or password, in the transaction of that change: a rollback keeps them.
     * keepSession (null: none) is a login left running, the caller's own when they change their own
     * password. Once the transaction has committed, call {@link #forgetCallersOf} so that this
     * instance stops answering for the ended logins from its cache at once.
     */
    public void endLogins(DSLContext tx, UUID userId, UUID keepSession) {
        tokens.revokeUser(tx, userId, keepSession);
    }

    /** Forgets the user's cached callers (after {@link #endLogins} committed); keepSession's stay. */
    public void forgetCallersOf(UUID userId, UUID keepSession) {
        forgetCallers(c -> c.caller().userId().equals(userId) && !c.sessionId().equals(keepSession));
    }

    /**
     * Drops cached callers. The generation moves first, so that an {@link #authenticate} whose
     * database read may have seen the tokens before their revocation committed does not keep what
     * it read (it checks the generation after caching, see there).
     */
    private void forgetCallers(Predicate<CachedCaller> which) {
        generation.incrementAndGet();
        callers.values().removeIf(which);
    }

    /**
     * Changes the caller's own password. A wrong current password is a failed login for the
     * throttle (the same counters as login: 429 when spent) and a 422 on currentPassword. On
     * success every other login of the caller ends; the one of accessToken stays valid.
     */
    public void changeOwnPassword(Caller caller, String accessToken, String client, String currentPassword,
                                  String newPassword) {
        Validator v = new Validator().require("currentPassword", currentPassword).require("newPassword", newPassword);
        UserService.checkPassword(v, "newPassword", newPassword);
        v.validate();
        long wait = throttle.attempt(caller.username(), client);
        if (wait > 0) {
            throw new ApiException(429, "rate_limited", wait);
        }
        String stored = users.passwordHash(caller.userId()).orElse(null);
        if (stored == null || !hasher.matches(currentPassword, stored)) {
            throw ApiException.unprocessable("currentPassword", "wrong_password");
        }
        throttle.succeeded(caller.username(), client);
        String hash = hasher.hash(newPassword);
        UUID session = tokens.sessionOf(digest(accessToken)).orElseThrow(() -> new ApiException(401, "invalid_token"));
        dsl.transaction(trx -> {
            DSLContext tx = trx.dsl();
            // an administrator's reset committed since the check above wins over this change,
            // which was allowed by the password as it was before
            if (!users.replacePasswordHash(tx, caller.userId(), stored, hash)) {
                throw new ApiException(409, "password_changed");
            }
            endLogins(tx, caller.userId(), session);
            audit.record(tx, caller, "change_password", "user", caller.userId(), null, null);
        });
        forgetCallersOf(caller.userId(), session);
    }

    /**
     * The caller a live access token stands for. Answers are remembered for a few seconds (a phone
     * scanning a hall sends a request every few seconds); logout on this instance forgets them at
     * once, a revocation elsewhere takes effect within CALLER_CACHE_TTL.
     */
    public Optional<Caller> authenticate(String accessToken) {
        byte[] hash = digest(accessToken);
        String key = HexFormat.of().formatHex(hash);
        CachedCaller cached = callers.get(key);
        if (cached != null && cached.until().isAfter(Instant.now())) {
            return Optional.of(cached.caller());
        }
        long seen = generation.get();
        Optional<Record> row = tokens.findLive(hash, "access");
        Optional<Caller> caller = row.map(r -> {
            String unit = r.get(APP_USER.UNIT_CODE);
            return new Caller(r.get(APP_USER.ID), r.get(APP_USER.USERNAME), Role.valueOf(r.get(APP_USER.ROLE)),
                    r.get(APP_USER.PROVINCE_CODE), unit, unit == null ? null : units.scopeOf(unit));
        });
        if (caller.isPresent()) {
            if (callers.size() > MAX_CACHED_CALLERS) {
                callers.clear();
            }
            // remembered no longer than the token lives: an access token is refused from its expiry on
            Instant expires = row.get().get(AUTH_TOKEN.EXPIRES_AT).toInstant();
            Instant until = Instant.now().plus(CALLER_CACHE_TTL);
            CachedCaller entry = new CachedCaller(caller.get(), row.get().get(AUTH_TOKEN.SESSION_ID),
                    expires.isBefore(until) ? expires : until);
            callers.put(key, entry);
            if (generation.get() != seen) {
                // logins were ended while the row was read: it may predate that, so it is not kept
                callers.remove(key, entry);
            }
        } else {
            callers.remove(key);
        }
        return caller;
    }

    private record CachedCaller(Caller caller, UUID sessionId, Instant until) {
    }

    private static final Duration CALLER_CACHE_TTL = Duration.ofSeconds(10);
    private static final int MAX_CACHED_CALLERS = 50_000;
    private final Map<String, CachedCaller> callers = new ConcurrentHashMap<>();
    /** Moves each time logins are ended, see {@link #forgetCallers}. */
    private final AtomicLong generation = new AtomicLong();

    private Tokens issue(DSLContext tx, User user, UUID sessionId) {
        String access = newToken();
        String refresh = newToken();
        OffsetDateTime now = OffsetDateTime.now();
        tokens.insert(tx, digest(access), sessionId, user.id(), "access", now.plus(accessTtl));
        tokens.insert(tx, digest(refresh), sessionId, user.id(), "refresh", now.plus(refreshTtl));
        return new Tokens(access, refresh, "Bearer", accessTtl.toSeconds(), user);
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] digest(String token) {
        return Sha256.of(token);
    }
}
