package vn.bdg.registry.course;

import com.fasterxml.jackson.databind.JsonNode;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.db.Tables.PARTICIPANT;

/**
 * Test data for courses, sessions and enrollments. Courses and sessions go through the API;
 * participants are written straight into the database, so these tests do not depend on the
 * participant feature.
 */
public final class Fixtures {
    public static final String START = "2025-11-15";
    public static final String END = "2025-11-20";

    private Fixtures() {
    }

    /** A valid CourseCreate body held in the unit, with the given fields added or replaced (key, value, ...). */
    public static Map<String, Object> course(String unitCode, Object... fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Tập huấn kiến thức về bình đẳng giới");
        body.put("kind", "training");
        body.put("level", "district");
        body.put("unitCode", unitCode);
        body.put("startDate", START);
        body.put("endDate", END);
        body.put("topics", List.of("gender_knowledge"));
        body.put("targetGroups", List.of("ge_officials", "commune_collaborators"));
        for (int i = 0; i < fields.length; i += 2) {
            body.put((String) fields[i], fields[i + 1]);
        }
        return body;
    }

    /** Creates a course through the API and answers its id. */
    public static String createCourse(Api api, String unitCode, Object... fields) {
        Api.Res res = api.post("/api/v1/courses", course(unitCode, fields));
        assertThat(res.status()).as(res.body()).isEqualTo(201);
        return res.json().get("id").asText();
    }

    /** Adds a session from 08:00 to 11:30 on the date and answers its id. */
    public static String createSession(Api api, String courseId, String date) {
        Api.Res res = api.post("/api/v1/courses/" + courseId + "/sessions",
                Map.of("date", date, "startTime", "08:00", "endTime", "11:30"));
        assertThat(res.status()).as(res.body()).isEqualTo(201);
        return res.json().get("id").asText();
    }

    /** Moves the course through the given statuses, each step expected to succeed. */
    public static JsonNode moveTo(Api api, String courseId, String... statuses) {
        JsonNode course = null;
        for (String status : statuses) {
            Api.Res res = api.patch("/api/v1/courses/" + courseId, Map.of("status", status));
            assertThat(res.status()).as(res.body()).isEqualTo(200);
            course = res.json();
        }
        return course;
    }

    /** A participant of the world's province, written straight into the database. */
    public static String participant(World world, String fullName, String sex, String unitCode,
                                     String... targetGroups) {
        return participantIn(world.province, fullName, sex, unitCode, targetGroups);
    }

    public static String participantIn(String province, String fullName, String sex, String unitCode,
                                       String... targetGroups) {
        UUID id = TestServer.get().database.dsl().insertInto(PARTICIPANT)
                .set(PARTICIPANT.PROVINCE_CODE, province)
                .set(PARTICIPANT.FULL_NAME, fullName)
                .set(PARTICIPANT.SEX, sex)
                .set(PARTICIPANT.UNIT_CODE, unitCode)
                .set(PARTICIPANT.TARGET_GROUPS, targetGroups)
                .returning(PARTICIPANT.ID).fetchOne(PARTICIPANT.ID);
        return id.toString();
    }

    /** Many participants of the world's province in the unit, written in one statement. */
    public static List<String> participants(World world, int count, String unitCode) {
        var insert = TestServer.get().database.dsl()
                .insertInto(PARTICIPANT, PARTICIPANT.PROVINCE_CODE, PARTICIPANT.FULL_NAME, PARTICIPANT.SEX,
                        PARTICIPANT.UNIT_CODE);
        for (int i = 0; i < count; i++) {
            insert = insert.values(world.province, "Học viên số " + i, i % 3 == 0 ? "male" : "female", unitCode);
        }
        return insert.returning(PARTICIPANT.ID).fetch(PARTICIPANT.ID).stream().map(UUID::toString).toList();
    }

    /** Marks the participant as merged into another record (as a merge would). */
    public static void mergeInto(String mergedId, String keptId) {
        TestServer.get().database.dsl().update(PARTICIPANT)
                .set(PARTICIPANT.MERGED_INTO, UUID.fromString(keptId))
                .where(PARTICIPANT.ID.eq(UUID.fromString(mergedId))).execute();
    }

    /** The user id of a logged-in client. */
    public static String userId(Api api) {
        return api.get("/api/v1/me").json().get("id").asText();
    }

    /** The audit entries about one record, newest first (read as the world's admin). */
    public static JsonNode audit(World world, String entity, String entityId) {
        Api.Res res = world.admin.get("/api/v1/audit-log?entity=" + entity + "&entityId=" + entityId);
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        return res.json().get("items");
    }

    /** The field names of a problem's errors. */
    public static List<String> errorFields(Api.Res res) {
        return res.json().get("errors").findValuesAsText("field");
    }

    /** The codes of a problem's errors. */
    public static List<String> errorCodes(Api.Res res) {
        return res.json().get("errors").findValuesAsText("code");
    }
}
