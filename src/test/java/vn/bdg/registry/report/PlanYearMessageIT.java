package vn.bdg.registry.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.World;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plan year out of range is told with the years as years, "2000" and "2100", in Vietnamese and
 * in English: formatted as counts they read "2.000 đến 2.100" and "2,000 and 2,100" (the birth
 * year of a participant is said the same way already).
 */
class PlanYearMessageIT {
    private final World world = World.create();

    private static String yearMessage(Api.Res res) {
        assertThat(res.status()).as(res.body()).isEqualTo(400);
        for (JsonNode e : res.json().get("errors")) {
            if (e.get("field").asText().equals("year")) {
                assertThat(e.get("code").asText()).isEqualTo("out_of_range");
                return e.get("message").asText();
            }
        }
        throw new AssertionError("no error of year: " + res.body());
    }

    @Test
    void theYearsOfTheRangeAreWrittenAsYearsInBothLanguages() {
        Map<String, Object> plan = PlanEntryIT.plan("12/KH-UBND", "2026-02-01", 1999,
                List.of(PlanEntryIT.activity("gender_mainstreaming", "ge_officials", "province", 1, 30, null)));
        for (String language : List.of("vi", "en")) {
            Api admin = world.admin.inLanguage(language);
            for (String message : List.of(yearMessage(admin.post("/api/v1/plans", plan)),
                    yearMessage(admin.get("/api/v1/plans?year=1999")),
                    yearMessage(admin.get("/api/v1/plans?year=12345")))) {
                assertThat(message).as(language).contains("2000", "2100").doesNotContain("2.000", "2,000");
            }
        }
    }
}
