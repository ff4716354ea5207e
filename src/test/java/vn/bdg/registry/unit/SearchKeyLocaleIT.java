package vn.bdg.registry.unit;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.Database;
import vn.bdg.registry.support.TestServer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The accent-free search keys must not depend on the database's LC_CTYPE: a database created with
 * the C locale (initdb or the embedded PostgreSQL started without LANG, some managed servers)
 * lower-cases ASCII letters only, so "Đông" was keyed "Dong" and "ÁNH" "Anh", and typing "dong"
 * or "anh" found neither.
 */
class SearchKeyLocaleIT {
    private final TestServer server = TestServer.get();

    @Test
    void unitsAndParticipantsAreFoundWithoutMarksOnADatabaseWithTheCLocale() throws Exception {
        String name = "registry_ctype_c_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url = server.config.databaseUrl().substring(0, server.config.databaseUrl().lastIndexOf('/') + 1) + name;
        admin("create database " + name + " encoding 'UTF8' lc_collate 'C' lc_ctype 'C' template template0");
        try (Database db = Database.open(server.config.withDatabase(url, server.config.databaseUser(),
                server.config.databasePassword()))) {
            db.migrate();
            DSLContext dsl = db.dsl();
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
        } finally {
            admin("drop database if exists " + name + " with (force)");
        }
    }

    private void admin(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(server.config.databaseUrl(), server.config.databaseUser(),
                server.config.databasePassword())) {
            c.createStatement().execute(sql);
        }
    }
}
