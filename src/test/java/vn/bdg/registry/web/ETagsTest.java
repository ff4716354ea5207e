package vn.bdg.registry.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void ifMatchAllowsTheStrongTagItselfOrInAListOrAnyVersionWithStar() {
        assertThat(ETags.allowsWrite("\"abc\"", "abc")).isTrue();
        assertThat(ETags.allowsWrite("\"x\", \"abc\"", "abc")).isTrue();
        assertThat(ETags.allowsWrite("\"x\",\t\"abc\" ,", "abc")).as("white space, an empty element").isTrue();
        assertThat(ETags.allowsWrite("\"a,b\"", "a,b")).as("a comma inside a tag").isTrue();
        assertThat(ETags.allowsWrite(" * ", "abc")).isTrue();
        assertThat(ETags.allowsWrite(null, "abc")).as("no If-Match: no condition").isTrue();
    }

    @Test
    void ifMatchComparesStronglySoAWeakTagNeverAllowsAWrite() {
        assertThat(ETags.allowsWrite("W/\"abc\"", "abc")).isFalse();
        assertThat(ETags.allowsWrite("W/\"x\", W/\"abc\"", "abc")).isFalse();
        assertThat(ETags.allowsWrite("W/\"abc\", \"abc\"", "abc")).as("the strong one in the list").isTrue();
    }

    @Test
    void ifMatchThatIsNotAListOfTagsOrNamesOtherVersionsAllowsNothing() {
        assertThat(ETags.allowsWrite("\"abcd\", \"ab\"", "abc")).isFalse();
        assertThat(ETags.allowsWrite("", "abc")).as("an empty list").isFalse();
        assertThat(ETags.allowsWrite("abc", "abc")).as("not quoted").isFalse();
        assertThat(ETags.allowsWrite("\"abc", "abc")).as("not closed").isFalse();
        assertThat(ETags.allowsWrite("\"abc\"x", "abc")).as("junk after the tag").isFalse();
        assertThat(ETags.allowsWrite("\"x\", *", "abc")).as("* stands alone").isFalse();
        assertThat(ETags.allowsWrite("\"ab c\"", "ab c")).as("a space is no tag character").isFalse();
        assertThat(ETags.allowsWrite("w/\"abc\"", "abc")).as("W/ is case-sensitive").isFalse();
    }

    @Test
    void aWriteIfMatchDoesNotAllowIsA412PreconditionFailed() {
        assertThatThrownBy(() -> ETags.requireMatch("\"old\"", "new"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(412);
                    assertThat(e.code()).isEqualTo("precondition_failed");
                });
        ETags.requireMatch("\"new\"", "new");
        ETags.requireMatch(null, "new");
    }

    @Test
    void theParsedListKeepsEachTagsWeakness() {
        assertThat(ETags.parse(" W/\"a\" , \"b\" "))
                .containsExactly(new ETags.Tag(true, "a"), new ETags.Tag(false, "b"));
        assertThat(ETags.parse(", ,")).isEmpty();
        assertThat(ETags.parse("\"a\" \"b\"")).as("a comma is needed between tags").isNull();
    }
}
