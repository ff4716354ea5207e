package vn.bdg.registry.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.World;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole number too large for its field's type (an int, a long) is said as such, not as "has the
 * wrong type", which sent the client looking for a type error in a field that had none; and not as
 * out_of_range with the type's bounds either: those contradict the field's own range (a capacity of
 * 99999999999 was told "between -2,147,483,648 and 2,147,483,647", a range holding 200000, which
 * is "between 1 and 100,000").
 */
class WholeNumberTooLargeIT {
    private final World world = World.create();

    private static JsonNode error(Api.Res res, String field) {
        assertThat(res.status()).as(res.body()).isEqualTo(400);
        for (JsonNode e : res.json().get("errors")) {
            if (e.get("field").asText().equals(field)) {
                return e;
            }
        }
        throw new AssertionError("no error for " + field + ": " + res.body());
    }

    private static void assertTooLarge(Api.Res res, String field) {
        JsonNode error = error(res, field);
        assertThat(error.get("code").asText()).as(res.body()).isEqualTo("number_too_large");
        assertThat(error.get("message").asText()).as(res.body()).doesNotContain("2,147,483,647")
                .contains("beyond any");
    }

    @Test
    void aWholeNumberBeyondItsFieldsTypeIsSaidToBeSoNotOfTheWrongTypeNorWithTheTypesBounds() {
        for (String count : List.of("1099511627776", "99999999999999999999999", "-99999999999")) {
            assertTooLarge(world.admin.inLanguage("en").post("/api/v1/plans",
                    "{\"number\":\"1/KH\",\"issuedOn\":\"2026-01-01\",\"year\":2026,\"title\":\"Kế hoạch\","
                            + "\"activities\":[{\"plannedCourses\":" + count + ",\"plannedParticipants\":1}]}"),
                    "activities[0].plannedCourses");
        }
        String course = "{\"title\":\"Tập huấn\",\"kind\":\"workshop\",\"level\":\"province\",\"unitCode\":\""
                + world.province + "\",\"startDate\":\"2026-06-02\",\"endDate\":\"2026-06-02\",\"capacity\":";
        assertTooLarge(world.organizer.inLanguage("en").post("/api/v1/courses", course + "99999999999}"), "capacity");
        // one just past the field's own range is told that range
        JsonNode justPast = error(world.organizer.inLanguage("en").post("/api/v1/courses", course + "200000}"),
                "capacity");
        assertThat(justPast.get("code").asText()).isEqualTo("out_of_range");
        assertTooLarge(world.organizer.inLanguage("en").post("/api/v1/participants",
                "{\"fullName\":\"Lò Thị Xuân\",\"sex\":\"female\",\"birthYear\":99999999999999999999999}"),
                "birthYear");
        // and in Vietnamese
        assertThat(error(world.organizer.post("/api/v1/courses", course + "99999999999}"), "capacity")
                .get("message").asText()).isEqualTo("là số vượt quá mọi giá trị trường này cho phép");
    }
}
