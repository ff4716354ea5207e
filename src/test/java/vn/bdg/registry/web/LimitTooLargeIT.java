package vn.bdg.registry.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.World;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A page size too large for a number (limit=99999999999) is out of range, as limit=201 is, not of the wrong type. */
class LimitTooLargeIT {
    private final World world = World.create();

    @Test
    void aWholeNumberLimitBeyondAnIntIsOutOfRange() {
        for (String path : List.of("/api/v1/plans", "/api/v1/courses", "/api/v1/reports/submissions")) {
            for (String limit : List.of("201", "99999999999", "-99999999999")) {
                Api.Res res = world.admin.inLanguage("en").get(path + "?limit=" + limit);
                assertThat(res.status()).as(res.body()).isEqualTo(400);
                JsonNode error = res.json().get("errors").get(0);
                assertThat(error.get("field").asText()).isEqualTo("limit");
                assertThat(error.get("code").asText()).as(path + " limit=" + limit).isEqualTo("out_of_range");
                assertThat(error.get("message").asText()).isEqualTo("must be between 1 and 200");
            }
        }
        Api.Res words = world.admin.get("/api/v1/plans?limit=ten");
        assertThat(words.json().get("errors").get(0).get("code").asText()).isEqualTo("wrong_type");
    }
}
