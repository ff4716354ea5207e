package vn.bdg.registry.web;

import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.World;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Mistakes a client makes by hand (or a broken client makes) are 400 problems naming the field, never 500s. */
class ClientMistakesIT {
    private final World world = World.create();

    private static String cursor(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertInvalidCursor(Api.Res res, String what) {
        assertThat(res.status()).as(what + ": " + res.body()).isEqualTo(400);
        assertThat(res.contentType()).startsWith("application/problem+json");
        assertThat(res.json().get("code").asText()).isEqualTo("validation_failed");
        assertThat(res.json().get("errors").get(0).get("field").asText()).as(what).isEqualTo("cursor");
        assertThat(res.json().get("errors").get(0).get("code").asText()).as(what).isEqualTo("invalid_cursor");
    }

    @Test
    void aCursorWithADateNoListHoldsIsInvalidNotAServerError() {
        // well-formed base64url JSON of the list's shape, with a date that parses in Java but that
        // PostgreSQL cannot compare with: each failed the list's query (a 500)
        UUID course = Fixtures.course(world, world.communeA1, "open", LocalDate.parse("2025-11-15"),
                LocalDate.parse("2025-11-20"));
        String id = UUID.randomUUID().toString();
        for (String date : List.of("+999999999-12-31", "-999999999-01-01", "+10000-01-01")) {
            assertInvalidCursor(world.organizer.get("/api/v1/courses?cursor="
                    + cursor("[\"" + date + "\",\"" + id + "\"]")), "courses " + date);
        }
        for (String time : List.of("-99999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "+10000-01-01T00:00:00Z")) {
            String after = cursor("[\"" + time + "\",\"" + id + "\"]");
            assertInvalidCursor(world.organizer.get("/api/v1/courses/" + course + "/enrollments?cursor=" + after),
                    "enrollments " + time);
            assertInvalidCursor(world.reporter.get("/api/v1/reports/submissions?cursor=" + after),
                    "submissions " + time);
        }
    }

    @Test
    void aContentTypeNamingNoMediaTypeIsA415NotAServerError() {
        // ";" split into no parts at all: the file uploads failed on it (a 500)
        UUID course = Fixtures.course(world, world.communeA1, "running", LocalDate.now(Fixtures.VIETNAM),
                LocalDate.now(Fixtures.VIETNAM));
        UUID session = Fixtures.sessionNow(world, course);
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3};
        for (String path : List.of("/api/v1/sessions/" + session + "/sign-in-sheets", "/api/v1/participants/import")) {
            Api.Res res = world.organizer.send("POST", path, ";", jpeg);
            assertThat(res.status()).as(path + ": " + res.body()).isEqualTo(415);
            assertThat(res.contentType()).startsWith("application/problem+json");
            assertThat(res.json().get("code").asText()).isEqualTo("unsupported_media_type");
        }
        assertThat(world.organizer.get("/api/v1/sessions/" + session + "/sign-in-sheets").json().get("items"))
                .isEmpty();
    }

    @Test
    void aReversedDateRangeOfTheCourseListIsNamedNotAnEmptyList() {
        // to before from matched no course: the list answered empty, as if the province had none then
        Fixtures.course(world, world.communeA1, "open", LocalDate.parse("2025-11-15"), LocalDate.parse("2025-11-20"));
        assertThat(world.organizer.get("/api/v1/courses?from=2025-11-01&to=2025-11-30").json().get("items")).hasSize(1);
        Api.Res reversed = world.organizer.get("/api/v1/courses?from=2025-11-30&to=2025-11-01");
        assertThat(reversed.status()).as(reversed.body()).isEqualTo(400);
        assertThat(reversed.contentType()).startsWith("application/problem+json");
        assertThat(reversed.json().get("errors").get(0).get("field").asText()).isEqualTo("to");
        assertThat(reversed.json().get("errors").get(0).get("code").asText()).isEqualTo("end_before_start");
    }

    @Test
    void aWalkInNamesTheFieldsOfItsParticipantByTheirPathInTheBody() {
        // a birth year of the wrong type was "participant.birthYear", one out of range "birthYear":
        // a phone marking the field at fault found no such field in its walk-in form
        UUID course = Fixtures.courseToday(world, world.communeA1);
        UUID session = Fixtures.sessionNow(world, course);
        java.util.function.Function<Map<String, Object>, Api.Res> walkIn = person -> world.organizer.post(
                "/api/v1/courses/" + course + "/walk-ins", Map.of("sessionId", session.toString(),
                        "clientScanId", UUID.randomUUID().toString(), "deviceId", "phone-1",
                        "scannedAt", java.time.OffsetDateTime.now().toString(), "participant", person));
        Api.Res wrongType = walkIn.apply(Map.of("fullName", "Vi Thị Nhung", "sex", "female", "birthYear", "1990a"));
        assertThat(wrongType.status()).as(wrongType.body()).isEqualTo(400);
        assertThat(wrongType.json().get("errors").get(0).get("field").asText()).isEqualTo("participant.birthYear");

        Api.Res invalid = walkIn.apply(Map.of("fullName", "Vi Thị Nhung", "sex", "other", "birthYear", 1800));
        assertThat(invalid.status()).as(invalid.body()).isEqualTo(400);
        assertThat(invalid.json().get("errors")).extracting(e -> e.get("field").asText() + ":" + e.get("code").asText())
                .containsExactlyInAnyOrder("participant.sex:invalid_sex", "participant.birthYear:out_of_range");

        Api.Res rule = walkIn.apply(Map.of("fullName", "Vi Thị Nhung", "sex", "female", "ethnicityCode", "02"));
        assertThat(rule.status()).as(rule.body()).isEqualTo(422);
        assertThat(rule.json().get("errors")).extracting(e -> e.get("field").asText() + ":" + e.get("code").asText())
                .containsExactly("participant.ethnicityCode:consent_required");
        assertThat(world.organizer.get("/api/v1/courses/" + course + "/enrollments").json().get("items")).isEmpty();
    }
}
