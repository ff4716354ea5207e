package vn.bdg.registry.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ETagsTest {
    @Test
    void theTagItselfWeakenedOrInAListMatches() {
        assertThat(ETags.matches("\"abc\"", "abc")).isTrue();
        assertThat(ETags.matches("W/\"abc\"", "abc")).as("weakened by a proxy").isTrue();
        assertThat(ETags.matches("\"x\", \"abc\"", "abc")).isTrue();
        assertThat(ETags.matches("\"x\",W/\"abc\"", "abc")).isTrue();
        assertThat(ETags.matches(" * ", "abc")).isTrue();
    }

    @Test
    void otherTagsAndNoHeaderDoNotMatch() {
        assertThat(ETags.matches(null, "abc")).isFalse();
        assertThat(ETags.matches("", "abc")).isFalse();
        assertThat(ETags.matches("\"abcd\", \"ab\"", "abc")).isFalse();
        assertThat(ETags.matches("abc", "abc")).as("not quoted: no entity tag").isFalse();
        assertThat(ETags.matches("\"x\", *", "abc")).as("* stands alone").isFalse();
    }
}
