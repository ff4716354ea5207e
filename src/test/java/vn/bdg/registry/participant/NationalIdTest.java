package vn.bdg.registry.participant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class NationalIdTest {
    // province 001 (Hà Nội), 4th digit 1 = woman born in the 1900s, 85 = 1985, serial 012345
    private static final String WOMAN_1985 = "001185012345";
    // province 006 (Bắc Kạn), 4th digit 2 = man born in the 2000s, 03 = 2003
    private static final String MAN_2003 = "006203000789";

    @Test
    void aWellFormedCccdIsACccd() {
        assertThat(NationalId.parse(WOMAN_1985)).hasValueSatisfying(id -> {
            assertThat(id.kind()).isEqualTo(NationalId.Kind.cccd);
            assertThat(id.last3()).isEqualTo("345");
        });
    }

    @Test
    void nineDigitsAreALegacyCmnd() {
        assertThat(NationalId.parse("095123456")).hasValueSatisfying(id ->
                assertThat(id.kind()).isEqualTo(NationalId.Kind.cmnd));
    }

    @Test
    void spacesAndDotsBetweenDigitsAreIgnored() {
        assertThat(NationalId.parse("001 185 012 345")).hasValueSatisfying(id ->
                assertThat(id.digits()).isEqualTo(WOMAN_1985));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12345678", "1234567890", "12345678901", "1234567890123", "00118501234a",
            "000185012345", "097185012345", "999185012345", "001485012345", "001985012345"})
    void otherNumbersAreNeitherCccdNorCmnd(String number) {
        assertThat(NationalId.parse(number)).isEmpty();
    }

    @Test
    void theFourthDigitMustAgreeWithTheSex() {
        NationalId woman = NationalId.parse(WOMAN_1985).orElseThrow();
        assertThat(woman.mismatch("female", null)).isEmpty();
        assertThat(woman.mismatch("male", null)).hasValue("national_id_sex_mismatch");
        NationalId man = NationalId.parse(MAN_2003).orElseThrow();
        assertThat(man.mismatch("male", null)).isEmpty();
        assertThat(man.mismatch("female", null)).hasValue("national_id_sex_mismatch");
    }

    @Test
    void centuryAndYearDigitsMustAgreeWithTheBirthYear() {
        assertThat(NationalId.parse(WOMAN_1985).orElseThrow().mismatch("female", 1985)).isEmpty();
        assertThat(NationalId.parse(WOMAN_1985).orElseThrow().mismatch("female", 1986))
                .hasValue("national_id_birth_year_mismatch");
        assertThat(NationalId.parse(WOMAN_1985).orElseThrow().mismatch("female", 2085))
                .as("3 would be the digit of a woman born in the 2000s").hasValue("national_id_birth_year_mismatch");
        assertThat(NationalId.parse(MAN_2003).orElseThrow().mismatch("male", 2003)).isEmpty();
        assertThat(NationalId.parse(MAN_2003).orElseThrow().mismatch("male", 1903))
                .hasValue("national_id_birth_year_mismatch");
    }

    @Test
    void aCmndCarriesNeitherSexNorYear() {
        assertThat(NationalId.parse("095123456").orElseThrow().mismatch("male", 1970)).isEmpty();
    }

    @Test
    void theMaskShowsOnlyTheLastThreeDigits() {
        assertThat(NationalId.mask(NationalId.Kind.cccd, "345")).isEqualTo("*********345");
        assertThat(NationalId.mask(NationalId.Kind.cmnd, "456")).isEqualTo("******456");
        assertThat(NationalId.parse(WOMAN_1985).orElseThrow().toString()).doesNotContain("185012");
    }

    @Test
    void theStoredFormIsAKeyedHashThatMatchesOnlyTheSameNumberUnderTheSameKey() {
        NationalIdHasher one = new NationalIdHasher(() -> new byte[32]);
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        NationalIdHasher two = new NationalIdHasher(() -> otherKey);
        NationalId id = NationalId.parse(WOMAN_1985).orElseThrow();
        assertThat(one.digest(id).hmac()).hasSize(32).isEqualTo(one.digest(NationalId.parse("001 185 012 345")
                .orElseThrow()).hmac());
        assertThat(one.digest(id).hmac()).isNotEqualTo(two.digest(id).hmac());
        assertThat(one.digest(id).masked()).isEqualTo("*********345");
    }
}
