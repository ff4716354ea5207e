package vn.bdg.registry.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.jooq.Record;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Helpers for the report tests: attendance taken through the API, report rows by cell, and the
 * independent SQL the reported numbers are checked against.
 */
final class Reports {
    static final ZoneOffset VN = ZoneOffset.ofHours(7);

    /**
     * One row per trainee enrollment of a course starting in the period, written independently of
     * the service (correlated subqueries per enrollment): sessions, attended (present at), excused
     * and not present, whether the course's completion rule was met, and the unit the trainee had
     * for the course. Parameters: province,
     * from, to.
     */
    static final String FACTS = """
            with e as (
                select e.course_id, e.participant_id, e.target_group, e.unit_code, c.kind, c.topics, c.target_groups as course_groups,
                       c.level as course_level, c.organizer_id, c.unit_code as course_unit, c.start_date, c.end_date,
                       c.min_attendance_share, c.plan_activity_id,
                       (select count(*) from course_session s where s.course_id = c.id) as sessions,
                       (select count(*) from course_session s where s.course_id = c.id and exists (
                            select 1 from check_in ci where ci.session_id = s.id and ci.participant_id = e.participant_id
                            and ci.outcome = 'accepted' and ci.undone_at is null)) as attended,
                       (select count(*) from course_session s where s.course_id = c.id and exists (
                            select 1 from excused_absence x where x.session_id = s.id and x.participant_id = e.participant_id)
                            and not exists (select 1 from check_in ci where ci.session_id = s.id
                            and ci.participant_id = e.participant_id and ci.outcome = 'accepted' and ci.undone_at is null)) as excused
                from enrollment e join course c on c.id = e.course_id
                where c.province_code = ? and c.start_date between ? and ? and c.status not in ('draft', 'cancelled')
                  and e.role = 'trainee' and e.status = 'enrolled'),
            f as (
                select e.*, e.attended > 0 as present, e.attended > 0
                           and e.attended >= e.min_attendance_share * (e.sessions - e.excused) as completed,
                       p.sex, p.birth_year, p.ethnicity_code,
                       case when e.target_group is null then p.target_groups else array[e.target_group] end as groups
                from e join participant p on p.id = e.participant_id)
            """;

    private Reports() {
    }

    /** A single number (or null) from SQL run by the test itself. */
    static BigDecimal number(String sql, Object... args) {
        Object v = TestServer.get().database.dsl().fetchOne(sql, args).get(0);
        return v == null ? null : new BigDecimal(v.toString());
    }

    /** Rows of SQL run by the test itself, each as a map column -> value. */
    static List<Map<String, Object>> rows(String sql, Object... args) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Record r : TestServer.get().database.dsl().fetch(sql, args)) {
            rows.add(r.intoMap());
        }
        return rows;
    }

    /** A completed one-day course in the unit with one woman enrolled and present at its one session. */
    static void oneWomanTrained(World world, String unit, LocalDate day, String name) {
        UUID course = Fixtures.course(world, unit, "completed", day, day);
        UUID session = Fixtures.session(world, course, day, LocalTime.of(8, 0), LocalTime.of(11, 0));
        UUID person = Fixtures.participant(world, name, "female", unit);
        Fixtures.enroll(world, course, person);
        present(world, session, person, day);
    }

    /** An attendance taken by the world's organiser (a manual check-in) at 08:05 on the session's day. */
    static void present(World world, UUID session, UUID person, LocalDate day) {
        present(world, session, person, day.atTime(8, 5));
    }

    /** An attendance taken by the world's organiser (a manual check-in) at that time (Vietnam's). */
    static void present(World world, UUID session, UUID person, LocalDateTime at) {
        Api.Res res = world.organizer.post("/api/v1/sessions/" + session + "/check-ins", Map.of(
                "clientScanId", UUID.randomUUID().toString(), "participantId", person.toString(), "method", "manual",
                "scannedAt", OffsetDateTime.of(at, VN).toString(), "deviceId", "test-phone"));
        assertThat(res.json().get("outcome").asText()).as(res.body()).isEqualTo("accepted");
    }

    static void excused(World world, UUID session, UUID person) {
        Api.Res res = world.organizer.put("/api/v1/sessions/" + session + "/excused/" + person,
                Map.of("reason", "Ốm, có giấy xác nhận"));
        assertThat(res.status()).as(res.body()).isEqualTo(204);
    }

    static UUID organization(World world, String name) {
        Api.Res res = world.admin.post("/api/v1/organizations", Map.of("name", name));
        assertThat(res.status()).as(res.body()).isEqualTo(201);
        return UUID.fromString(res.json().get("id").asText());
    }

    static JsonNode report(Api api, String query) {
        Api.Res res = api.get("/api/v1/reports/indicators?" + query);
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        return res.json();
    }

    /** The rows of one indicator. */
    static List<JsonNode> rowsOf(JsonNode report, String indicator) {
        List<JsonNode> rows = new ArrayList<>();
        report.get("rows").forEach(r -> {
            if (r.get("indicator").asText().equals(indicator)) {
                rows.add(r);
            }
        });
        return rows;
    }

    /** The value of the one row of an indicator whose breakdown keys have these values (null: not recorded). */
    static JsonNode row(JsonNode report, String indicator, Object... keysAndValues) {
        Map<String, Object> cell = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            cell.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode r : rowsOf(report, indicator)) {
            boolean matches = cell.entrySet().stream().allMatch(e -> r.has(e.getKey())
                    && (e.getValue() == null ? r.get(e.getKey()).isNull()
                    : r.get(e.getKey()).asText().equals(e.getValue().toString())));
            if (matches) {
                found.add(r);
            }
        }
        assertThat(found).as(indicator + " " + cell).hasSize(1);
        return found.get(0);
    }

    static BigDecimal value(JsonNode report, String indicator, Object... keysAndValues) {
        JsonNode v = row(report, indicator, keysAndValues).get("value");
        return v.isNull() ? null : v.decimalValue();
    }
}
