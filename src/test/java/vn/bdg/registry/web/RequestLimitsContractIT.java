package vn.bdg.registry.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.course.Fixtures;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.World;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body the server refuses for a value past a field's limit (400, `too_long` or `out_of_range`)
 * is one the contract refuses too: clients (forms, phones) take the limits from
 * api-docs/openapi.yaml, and would otherwise send what can only fail.
 */
class RequestLimitsContractIT {
    private final World world = World.create();

    private static Map<String, Object> with(Map<String, Object> valid, String field, Object value) {
        Map<String, Object> body = new LinkedHashMap<>(valid);
        body.put(field, value);
        return body;
    }

    /** The valid body is taken by the contract; with the one value past its limit, both refuse it. */
    private void refusedByBoth(String path, Map<String, Object> valid, String field, Object value, String error) {
        assertThat(Api.contractRefusals("POST", path, valid)).as("the valid body of " + path).isEmpty();
        Map<String, Object> body = with(valid, field, value);
        Api.Res res = world.organizer.post(path, body);
        assertThat(res.status()).as(res.body()).isEqualTo(400);
        JsonNode errors = res.json().get("errors");
        assertThat(errors).as(res.body()).hasSize(1);
        assertThat(errors.get(0).get("field").asText()).isEqualTo(field.equals("planReference") ? "planReference.number"
                : field);
        assertThat(errors.get(0).get("code").asText()).isEqualTo(error);
        assertThat(Api.contractRefusals("POST", path, body))
                .as("api-docs/openapi.yaml takes the body " + path + " refuses (" + field + " " + error + ")")
                .isNotEmpty();
    }

    @Test
    void anOrganizationsNamesHaveTheServersLimits() {
        Map<String, Object> valid = Map.of("name", "Hội Liên hiệp Phụ nữ tỉnh", "shortName", "HLHPN");
        refusedByBoth("/api/v1/organizations", valid, "name", "a".repeat(301), "too_long");
        refusedByBoth("/api/v1/organizations", valid, "shortName", "a".repeat(101), "too_long");
    }

    @Test
    void aCoursesTextsAndNumbersHaveTheServersLimits() {
        Map<String, Object> valid = Fixtures.course(world.districtA);
        String path = "/api/v1/courses";
        refusedByBoth(path, valid, "code", "a".repeat(51), "too_long");
        refusedByBoth(path, valid, "title", "a".repeat(501), "too_long");
        refusedByBoth(path, valid, "venue", "a".repeat(501), "too_long");
        refusedByBoth(path, valid, "fundingSource", "a".repeat(501), "too_long");
        refusedByBoth(path, valid, "planReference", Map.of("number", "a".repeat(101)), "too_long");
        refusedByBoth(path, valid, "plannedHours", 100_000, "out_of_range");
        refusedByBoth(path, valid, "capacity", 100_001, "out_of_range");
        refusedByBoth(path, valid, "fundingAmount", 1_000_000_000_000_000L, "out_of_range");
        // an amount in đồng is whole: a fraction is not read as one
        refusedByBoth(path, valid, "fundingAmount", 1_500_000.5, "not_an_integer");
    }

    @Test
    void aSessionsVenueHasTheServersLimit() {
        String course = Fixtures.createCourse(world.organizer, world.districtA);
        refusedByBoth("/api/v1/courses/" + course + "/sessions",
                Map.of("date", Fixtures.START, "startTime", "08:00", "endTime", "11:30"), "venue", "a".repeat(501),
                "too_long");
    }

    @Test
    void aParticipantsTextsHaveTheServersLimits() {
        Map<String, Object> valid = Map.of("fullName", "Lò Thị Xuân", "sex", "female", "unitCode", world.communeA1);
        refusedByBoth("/api/v1/participants", valid, "fullName", "a".repeat(201), "too_long");
        refusedByBoth("/api/v1/participants", valid, "organization", "a".repeat(301), "too_long");
        refusedByBoth("/api/v1/participants", valid, "position", "a".repeat(301), "too_long");
    }

    @Test
    void aWithdrawalsReasonHasTheServersLimit() {
        refusedByBoth("/api/v1/courses/" + UUID.randomUUID() + "/enrollments/" + UUID.randomUUID() + "/withdraw",
                Map.of("reason", "Chuyển công tác"), "reason", "a".repeat(1001), "too_long");
    }

    @Test
    void aNationalIdGroupedAsPeopleWriteItIsTakenByBoth() {
        // the server ignores spaces, dots and dashes between the digits (NationalId.parse)
        for (String id : new String[] {"001 185 004 322", "001.185.004.323", "001-185-004-324", "123 456 789"}) {
            Map<String, Object> body = Map.of("fullName", "Lò Thị Xuân", "sex", "female", "birthYear", 1985,
                    "unitCode", world.communeA1, "nationalId", id);
            Api.Res res = world.organizer.post("/api/v1/participants", body);
            assertThat(res.status()).as(res.body()).isEqualTo(201);
            assertThat(Api.contractRefusals("POST", "/api/v1/participants", body))
                    .as("api-docs/openapi.yaml refuses the national ID " + id + " the server takes").isEmpty();
        }
    }

    @Test
    void plannedHoursWithMoreThanOneDecimalAreRefusedNotRounded() {
        // stored with one decimal (numeric(6,1)): 12.25 was taken and read back as 12.3
        Api.Res res = world.organizer.inLanguage("en").post("/api/v1/courses",
                Fixtures.course(world.districtA, "plannedHours", 12.25));
        assertThat(res.status()).as(res.body()).isEqualTo(400);
        JsonNode error = res.json().get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo("plannedHours");
        assertThat(error.get("code").asText()).isEqualTo("too_many_decimals");
        assertThat(error.get("message").asText()).isEqualTo("must have at most one decimal place");
        Api.Res kept = world.organizer.post("/api/v1/courses", Fixtures.course(world.districtA, "plannedHours", 12.5));
        assertThat(kept.status()).as(kept.body()).isEqualTo(201);
        assertThat(kept.json().get("plannedHours").decimalValue()).isEqualByComparingTo("12.5");
    }
}
