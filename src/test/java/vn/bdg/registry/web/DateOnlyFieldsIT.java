package vn.bdg.registry.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.course.Fixtures;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.World;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A date field takes a date, not a date and time: a browser's toISOString() of 15/11 at midnight in
 * Vietnam is "2026-11-14T17:00:00.000Z", and the day it names in UTC was stored (a course of the
 * Action Month counted out of it, a session on the day before).
 */
class DateOnlyFieldsIT {
    private final World world = World.create();

    private static void assertInvalidDate(Api.Res res, String field) {
        assertThat(res.status()).as(res.body()).isEqualTo(400);
        assertThat(res.contentType()).startsWith("application/problem+json");
        JsonNode error = res.json().get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo(field);
        assertThat(error.get("code").asText()).isEqualTo("invalid_date");
    }

    @Test
    void aCourseDateWithATimeIsRefusedNotTakenAsItsDayInUtc() {
        Map<String, Object> body = Fixtures.course(world.districtA, "startDate", "2026-11-14T17:00:00.000Z",
                "endDate", "2026-11-20");
        assertThat(Api.contractRefusals("POST", "/api/v1/courses", body)).isNotEmpty();
        assertInvalidDate(world.organizer.inLanguage("en").post("/api/v1/courses", body), "startDate");
        assertThat(world.organizer.get("/api/v1/courses").json().get("items")).isEmpty();
    }

    @Test
    void aSessionDateWithATimeIsRefused() {
        String course = Fixtures.createCourse(world.organizer, world.districtA, "startDate", "2026-11-14",
                "endDate", "2026-11-20");
        assertInvalidDate(world.organizer.post("/api/v1/courses/" + course + "/sessions",
                Map.of("date", "2026-11-14T23:30:00Z", "startTime", "06:30", "endTime", "11:30")), "date");
        assertThat(world.organizer.get("/api/v1/courses/" + course + "/sessions").json().get("items")).isEmpty();
    }

    @Test
    void aBirthDateWithATimeIsRefusedNotMovedToTheYearBefore() {
        // 01/01/1990 in Vietnam from a browser: kept, it was born on 31/12/1989, a year older in every age band
        Api.Res res = world.organizer.post("/api/v1/participants", Map.of("fullName", "Hoàng Thị Lan",
                "sex", "female", "birthDate", "1989-12-31T17:00:00.000Z", "unitCode", world.communeA1));
        assertInvalidDate(res, "birthDate");
    }
}
