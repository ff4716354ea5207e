package vn.bdg.registry.participant;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class DuplicatesTest {
    private static final byte[] ID_A = {1, 2, 3};
    private static final byte[] ID_B = {4, 5, 6};

    private static Duplicates.Person person(byte[] nationalId, String phone, String nameKey, Integer year, String unit,
                                            String sex) {
        return new Duplicates.Person(UUID.randomUUID(), nationalId, phone, nameKey, year, unit, sex);
    }

    @Test
    void theStrongestReasonWinsNationalIdThenPhoneThenNameYearAndUnit() {
        Duplicates.Person byName = person(null, null, "lo van sau", 1970, "01", "male");
        Duplicates.Person byPhone = person(null, "+84912345678", "lo van sau", null, null, "male");
        Duplicates.Person byId = person(ID_A, null, "lo van sau", null, null, "male");
        Duplicates index = new Duplicates(List.of(byName, byPhone, byId));

        Duplicates.Person newcomer = person(ID_A, "+84912345678", "lo van sau", 1970, "01", "male");
        assertThat(index.best(newcomer)).hasValueSatisfying(m -> {
            assertThat(m.person()).isEqualTo(byId);
            assertThat(m.reason()).isEqualTo(Duplicates.Reason.same_national_id);
            assertThat(m.contradicted()).isFalse();
        });
        assertThat(Duplicates.reasons(newcomer, byName)).containsExactly(Duplicates.Reason.same_name_birth_year_unit);
        assertThat(Duplicates.reasons(newcomer, byId)).containsExactly(Duplicates.Reason.same_national_id);
    }

    @Test
    void aSharedPhoneIsNotTheSamePersonWhenSexBirthYearNationalIdOrNameDiffer() {
        Duplicates.Person wife = person(ID_A, "+84912345678", "ha thi mai", 1980, "01", "female");
        Duplicates index = new Duplicates(List.of(wife));
        for (Duplicates.Person other : List.of(
                person(null, "+84912345678", "ha van hung", null, null, "male"),
                person(null, "+84912345678", "ha thi mai", 1981, null, "female"),
                person(ID_B, "+84912345678", "ha thi mai", null, null, "female"),
                person(null, "+84912345678", "ha thi lan", null, null, "female"))) {
            assertThat(index.best(other)).as(other.nameKey()).hasValueSatisfying(m -> assertThat(m.contradicted()).isTrue());
        }
        for (String sameName : List.of("mai", "thi mai", "ha thi mai", " ha  thi mai")) {
            assertThat(index.best(person(null, "+84912345678", sameName, null, null, "female"))).as(sameName)
                    .hasValueSatisfying(m -> assertThat(m.contradicted()).isFalse());
        }
    }

    @Test
    void anUncontradictedWeakerMatchIsPreferredToAContradictedStrongerOne() {
        Duplicates.Person wife = person(null, "+84912345678", "ha thi mai", 1980, "01", "female");
        Duplicates.Person husband = person(null, null, "ha van hung", 1978, "01", "male");
        Duplicates index = new Duplicates(List.of(wife, husband));
        assertThat(index.best(person(null, "+84912345678", "ha van hung", 1978, "01", "male")))
                .hasValueSatisfying(m -> assertThat(m.person()).isEqualTo(husband));
    }

    @Test
    void nothingInCommonIsNoDuplicateAndNobodyDuplicatesThemselves() {
        Duplicates.Person someone = person(ID_A, "+84912345678", "a", 1980, "01", "female");
        Duplicates index = new Duplicates(List.of(someone));
        assertThat(index.best(person(ID_B, "+84987654321", "b", 1980, "01", "female"))).isEmpty();
        assertThat(index.best(someone)).isEmpty();
        assertThat(index.best(person(null, null, "a", null, "01", "female"))).as("a name without a birth year")
                .isEmpty();
    }
}
