package vn.bdg.registry.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.World;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole number too large for its field is out of range, said with the bounds, as a negative
 * one is: it is a number of the right kind, and "has the wrong type" sent the client looking for
 * a type error in a field that had none.
 */
class WholeNumberTooLargeIT {
    private final World world = World.create();

    @Test
    void aWholeNumberBeyondItsFieldIsOutOfRangeNotOfTheWrongType() {
        for (String count : List.of("1099511627776", "99999999999999999999999")) {
            String body = "{\"number\":\"1/KH\",\"issuedOn\":\"2026-01-01\",\"year\":2026,\"title\":\"Kế hoạch\","
                    + "\"activities\":[{\"plannedCourses\":" + count + ",\"plannedParticipants\":1}]}";
            Api.Res res = world.admin.inLanguage("en").post("/api/v1/plans", body);
            assertThat(res.status()).as(res.body()).isEqualTo(400);
            JsonNode error = res.json().get("errors").get(0);
            assertThat(error.get("field").asText()).isEqualTo("activities[0].plannedCourses");
            assertThat(error.get("code").asText()).as(res.body()).isEqualTo("out_of_range");
            assertThat(error.get("message").asText()).contains("2,147,483,647");
        }
    }
}
