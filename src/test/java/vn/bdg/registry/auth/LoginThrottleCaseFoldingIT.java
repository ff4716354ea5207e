package vn.bdg.registry.auth;

import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.World;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-account login limit (5 per account and client address) holds for every spelling of a
 * username (found in a security review). PostgreSQL's lower() folds "İ" (U+0130)
 * to "i", so "admİn" finds the account "admin"; Java's toLowerCase(ROOT) makes "i̇" of it, so the
 * throttle counted it under another key: a fresh 5 guesses for each "i" of the username. A username
 * no account can have (not ASCII) is now unknown without asking the database.
 */
class LoginThrottleCaseFoldingIT {
    private final World world = World.create();
    private final Api anonymous = Api.anonymous();

    private int login(String username, String password) {
        return anonymous.post("/api/v1/auth/login", Map.of("username", username, "password", password)).status();
    }

    @Test
    void aUsernameSpelledWithDottedCapitalIGetsNoFreshGuessesAtTheSameAccount() {
        String username = world.username("admin"); // "wN-admin": one "i"
        for (int i = 0; i < 5; i++) {
            assertThat(login(username, "wrong guess " + i)).isEqualTo(401);
        }
        assertThat(login(username, World.PASSWORD)).as("the account's limit is spent").isEqualTo(429);

        String variant = username.replace('i', 'İ');
        assertThat(variant).isNotEqualTo(username);
        // no account has that spelling: the database's lower() would have matched it to this one, whose
        // password it could then be used to guess past the account's limit
        assertThat(login(variant, "wrong guess 5")).isEqualTo(401);
        assertThat(login(variant, World.PASSWORD))
                .as("the right password through the other spelling reaches no account").isEqualTo(401);
    }
}
