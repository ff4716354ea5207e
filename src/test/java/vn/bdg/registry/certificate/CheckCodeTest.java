package vn.bdg.registry.certificate;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CheckCodeTest {
    @Test
    void codesAreTenCharactersOfCrockfordsAlphabetAndNeverRepeatInPractice() {
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            codes.add(CheckCode.generate());
        }
        assertThat(codes).hasSize(10_000).allMatch(c -> c.matches("[0-9A-HJKMNP-TV-Z]{10}"));
        // every character of the alphabet turns up in every position: nothing fixed, nothing left out
        for (int position = 0; position < CheckCode.LENGTH; position++) {
            int at = position;
            Set<Character> seen = new HashSet<>();
            codes.forEach(c -> seen.add(c.charAt(at)));
            assertThat(seen).hasSize(32);
        }
    }

    @Test
    void aCodeIsPrintedInTwoGroupsOfFive() {
        assertThat(CheckCode.printed("7K3QDM9XWA")).isEqualTo("7K3QD-M9XWA");
    }

    @Test
    void theCodeMatchesHoweverItIsTypedFromThePrint() {
        String code = "7K3QD01XWA";
        assertThat(CheckCode.matches(code, "7K3QD01XWA")).isTrue();
        assertThat(CheckCode.matches(code, "7K3QD-01XWA")).isTrue();
        assertThat(CheckCode.matches(code, "7k3qd-01xwa")).isTrue();
        assertThat(CheckCode.matches(code, "7K3QD 01XWA")).isTrue();
        assertThat(CheckCode.matches(code, "7K3QD-OIXWA")).as("O read as 0, I as 1").isTrue();
        assertThat(CheckCode.matches(code, "7K3QD-0LXWA")).as("L read as 1").isTrue();
        assertThat(CheckCode.matches(CheckCode.printed(code), "7k3qd01xwa")).isTrue();
    }

    @Test
    void anythingElseDoesNotMatch() {
        String code = "7K3QD01XWA";
        assertThat(CheckCode.matches(code, null)).isFalse();
        assertThat(CheckCode.matches(code, "")).isFalse();
        assertThat(CheckCode.matches(code, "7K3QD01XWB")).isFalse();
        assertThat(CheckCode.matches(code, "7K3QD01XW")).isFalse();
        assertThat(CheckCode.matches(code, "7K3QD01XWAA")).isFalse();
        assertThat(CheckCode.matches(code, "7K3QĐ01XWA")).isFalse();
        assertThat(CheckCode.matches(code, "7K3QD01XWA" + "-".repeat(60))).as("too long to be typed").isFalse();
    }
}
