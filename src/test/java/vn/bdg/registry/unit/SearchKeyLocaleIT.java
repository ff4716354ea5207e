package vn.bdg.registry.unit;

import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.CLocaleDatabase;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The accent-free search keys must not depend on the database's LC_CTYPE: a database created with
 * the C locale (initdb or the embedded PostgreSQL started without LANG, some managed servers)
 * lower-cases ASCII letters only, so "Đông" was keyed "Dong" and "ÁNH" "Anh", and typing "dong"
 * or "anh" found neither.
 */
class SearchKeyLocaleIT {
    @Test
    void unitsAndParticipantsAreFoundWithoutMarksOnADatabaseWithTheCLocale() throws Exception {
        CLocaleDatabase.with(dsl -> {
            UnitRepository units = new UnitRepository(dsl);
            units.upsertAll(List.of(new AdminUnit("99", "Tỉnh Thử", "province", null, null, null, null),
                    new AdminUnit("991", "Huyện Đông Hải", "district", "99", null, null, null),
                    new AdminUnit("992", "Huyện Ánh Dương", "district", "99", null, null, null)));
            assertThat(units.list("99", null, null, "dong hai", null, 10)).extracting(AdminUnit::code)
                    .containsExactly("991");
            assertThat(units.list("99", null, null, "đông", null, 10)).extracting(AdminUnit::code)
                    .containsExactly("991");
            assertThat(units.list("99", null, null, "anh duong", null, 10)).extracting(AdminUnit::code)
                    .containsExactly("992");

            dsl.execute("insert into participant (province_code, full_name, sex) values ('99', 'ĐẶNG THỊ ÁNH', 'female')");
            assertThat(dsl.fetchValue("select count(*) from participant where name_key = f_unaccent(lower('Đặng Thị Ánh'))"))
                    .as("the name key of a name in capitals equals that of the same name typed in lower case")
                    .isEqualTo(1L);
        });
    }
}
