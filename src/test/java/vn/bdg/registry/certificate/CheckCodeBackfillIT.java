package vn.bdg.registry.certificate;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.TestDatabase;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Certificates issued before check codes existed get theirs from the migration that adds them, on
 * a database of its own migrated up to the version before, given certificates, then migrated on.
 */
class CheckCodeBackfillIT {
    private static final int CERTIFICATES = 300;

    @Test
    void everyCertificateIssuedBeforeGetsAWellFormedCodeOfItsOwn() throws Exception {
        TestDatabase db = TestDatabase.create();
        try {
            migrate(db, MigrationVersion.fromVersion("9"));
            try (Connection c = DriverManager.getConnection(db.url, db.user, db.password);
                 Statement sql = c.createStatement()) {
                sql.execute("""
                        insert into admin_unit (code, name, level) values ('99', 'Tỉnh Thử Nghiệm', 'province');
                        insert into app_user (id, province_code, username, password_hash, role)
                        values ('00000000-0000-0000-0000-000000000001', '99', 'issuer', 'x', 'organizer');
                        insert into course (id, province_code, code, title, kind, level, unit_code, start_date,
                                            end_date, status)
                        values ('00000000-0000-0000-0000-000000000002', '99', 'TH-01', 'Tập huấn', 'training',
                                'province', '99', date '2025-11-20', date '2025-11-21', 'completed');
                        insert into participant (province_code, full_name, sex)
                        select '99', 'Học viên ' || n, 'female' from generate_series(1, %d) n;
                        insert into certificate (number, province_code, course_id, participant_id, issued_by,
                                                 holder_name, course_title, start_date, end_date, place,
                                                 issue_date, signer_title, credential)
                        select '99-2025-' || lpad((row_number() over (order by id))::text, 6, '0'), '99',
                               '00000000-0000-0000-0000-000000000002', id, '00000000-0000-0000-0000-000000000001',
                               full_name, 'Tập huấn', date '2025-11-20', date '2025-11-21', 'Thử Nghiệm',
                               date '2025-12-01', 'Thủ trưởng đơn vị tổ chức', 'h.p.s'
                        from participant;
                        """.formatted(CERTIFICATES));
            }
            migrate(db, MigrationVersion.LATEST);

            List<String> codes = new ArrayList<>();
            try (Connection c = DriverManager.getConnection(db.url, db.user, db.password);
                 ResultSet rows = c.createStatement().executeQuery("select check_code from certificate")) {
                while (rows.next()) {
                    codes.add(rows.getString(1));
                }
            }
            assertThat(codes).hasSize(CERTIFICATES).doesNotHaveDuplicates()
                    .allSatisfy(code -> assertThat(code).matches("[0-9A-HJKMNP-TV-Z]{10}"));
        } finally {
            db.drop();
        }
    }

    private static void migrate(TestDatabase db, MigrationVersion target) {
        Flyway.configure().dataSource(db.url, db.user, db.password).locations("classpath:db/migration")
                .target(target).load().migrate();
    }
}
