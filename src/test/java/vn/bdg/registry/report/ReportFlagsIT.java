package vn.bdg.registry.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.report.Reports.present;

/** The flags a compiler checks before trusting a period's numbers. */
class ReportFlagsIT {
    private static final LocalDate MARCH_2 = LocalDate.of(2026, 3, 2);
    private final World world = World.create();

    private UUID course(String unit, LocalDate day) {
        return Fixtures.course(world, unit, "running", day, day);
    }

    private UUID session(UUID course, LocalDate day, int fromHour, int toHour) {
        return Fixtures.session(world, course, day, LocalTime.of(fromHour, 0), LocalTime.of(toHour, 0));
    }

    private List<UUID> people(String namePrefix, int count) {
        List<UUID> people = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            people.add(Fixtures.participant(world, namePrefix + " " + i, i % 2 == 0 ? "female" : "male", world.communeA1));
        }
        return people;
    }

    /** Everyone enrolled, then present at the session at the given hour (and five minutes). */
    private void attended(UUID course, UUID session, LocalDate day, int hour, List<UUID> people) {
        for (UUID person : people) {
            Fixtures.enroll(world, course, person);
            present(world, session, person, day.atTime(hour, 5));
        }
    }

    private static void capacity(UUID course, int places) {
        TestServer.get().database.dsl().execute("update course set capacity = ? where id = ?", places, course);
    }

    private static JsonNode flags(Api api, String query) {
        Api.Res res = api.get("/api/v1/reports/flags?" + query);
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        return res.json();
    }

    private static List<JsonNode> ofKind(JsonNode flags, String kind) {
        List<JsonNode> found = new ArrayList<>();
        flags.get("items").forEach(f -> {
            if (f.get("kind").asText().equals(kind)) {
                found.add(f);
            }
        });
        return found;
    }

    private static List<String> ids(JsonNode items) {
        return items.findValuesAsText("id");
    }

    @Test
    void sessionsFullerThanTheCourseAllowsAreFlagged() {
        List<UUID> three = people("Hà Thị Sức", 3);
        UUID full = course(world.communeA1, MARCH_2);
        UUID session = session(full, MARCH_2, 8, 11);
        attended(full, session, MARCH_2, 8, three);
        capacity(full, 2);
        UUID roomy = course(world.communeA2, MARCH_2);
        UUID roomySession = session(roomy, MARCH_2, 8, 11);
        attended(roomy, roomySession, MARCH_2, 8, people("Lò Văn Đủ", 3));
        capacity(roomy, 3);
        // the course's trainer, scanned too, takes no trainee's place (capacity counts trainees)
        UUID trainer = people("Giảng Viên Đức", 1).get(0);
        TestServer.get().database.dsl().execute("insert into enrollment (province_code, course_id, participant_id,"
                + " role) values (?, ?, ?, 'trainer')", world.province, roomy, trainer);
        present(world, roomySession, trainer, MARCH_2.atTime(8, 5));

        List<JsonNode> overCapacity = ofKind(flags(world.reporter, "period=2026"), "attendance_above_capacity");
        assertThat(overCapacity).as("three present, two places; three trainees and a trainer in three places is fine")
                .hasSize(1);
        JsonNode flag = overCapacity.get(0);
        assertThat(flag.get("count").asInt()).isEqualTo(3);
        assertThat(flag.get("limit").asInt()).isEqualTo(2);
        assertThat(ids(flag.get("courses"))).containsExactly(full.toString());
        assertThat(flag.get("sessions").get(0).get("id").asText()).isEqualTo(session.toString());
        assertThat(flag.get("sessions").get(0).get("startTime").asText()).isEqualTo("08:00");
        assertThat(ofKind(flags(world.reporter, "period=2026"), "attendance_above_enrolled")).isEmpty();

        // someone withdrawn after attending: the session had more people than the list now has
        String enrollment = world.organizer.get("/api/v1/courses/" + full + "/enrollments").json().get("items")
                .get(0).get("id").asText();
        Api.Res withdrawn = world.organizer.post("/api/v1/courses/" + full + "/enrollments/" + enrollment
                + "/withdraw", Map.of("reason", "Chuyển công tác"));
        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
        JsonNode after = flags(world.reporter.inLanguage("en"), "period=2026");
        List<JsonNode> aboveList = ofKind(after, "attendance_above_enrolled");
        assertThat(aboveList).hasSize(1);
        assertThat(aboveList.get(0).get("count").asInt()).isEqualTo(3);
        assertThat(aboveList.get(0).get("limit").asInt()).isEqualTo(2);
        String code = aboveList.get(0).get("courses").get(0).get("code").asText();
        assertThat(aboveList.get(0).get("message").asText()).contains(code, "2026-03-02", "list");
        assertThat(ofKind(flags(world.reporter, "period=2026"), "attendance_above_capacity").get(0).get("message")
                .asText()).contains(code, "02/03/2026", "nhiều hơn");

        assertThat(flags(world.reporter, "period=2025").get("items")).as("another year").isEmpty();
    }

    @Test
    void onePersonPresentAtTwoSessionsThatOverlapIsFlagged() {
        UUID person = people("Vi Thị Hai Nơi", 1).get(0);
        UUID morning = course(world.communeA1, MARCH_2);
        UUID morningSession = session(morning, MARCH_2, 8, 11);
        attended(morning, morningSession, MARCH_2, 8, List.of(person));
        UUID overlapping = course(world.communeB1, MARCH_2);
        UUID overlappingSession = session(overlapping, MARCH_2, 10, 12);
        attended(overlapping, overlappingSession, MARCH_2, 10, List.of(person));
        UUID afternoon = course(world.communeA2, MARCH_2);
        attended(afternoon, session(afternoon, MARCH_2, 13, 16), MARCH_2, 13, List.of(person));

        List<JsonNode> twoPlaces = ofKind(flags(world.reporter, "period=2026"), "two_places_at_once");
        assertThat(twoPlaces).as("08–11 and 10–12 overlap; 13–16 overlaps neither").hasSize(1);
        JsonNode flag = twoPlaces.get(0);
        assertThat(flag.get("participantId").asText()).isEqualTo(person.toString());
        assertThat(ids(flag.get("courses"))).containsExactlyInAnyOrder(morning.toString(), overlapping.toString());
        assertThat(ids(flag.get("sessions"))).containsExactlyInAnyOrder(morningSession.toString(),
                overlappingSession.toString());

        List<JsonNode> seenFromA = ofKind(flags(world.districtReporter.inLanguage("en"), "period=2026"),
                "two_places_at_once");
        assertThat(seenFromA).as("one of the two courses is in district A").hasSize(1);
        assertThat(ids(seenFromA.get(0).get("courses"))).as("district B's course is not district A's to see")
                .containsExactly(morning.toString());
        assertThat(ids(seenFromA.get(0).get("sessions"))).containsExactly(morningSession.toString());
        assertThat(seenFromA.get(0).get("message").asText()).contains("a course of another unit")
                .doesNotContain(world.organizer.get("/api/v1/courses/" + overlapping).json().get("code").asText());
        assertThat(flags(world.reporter, "period=2026&unit=" + world.communeA2).get("items"))
                .as("the afternoon course's commune has nothing odd").isEmpty();
    }

    @Test
    void theSamePeopleAttendingCoursesOfDifferentCommunesAreFlaggedAsOneList() {
        List<UUID> five = people("Nông Thị Chép", 5);
        UUID duplicateOfLast = Fixtures.participant(world, "Nông Thị Chép 4", "female", world.communeA1);
        List<UUID> asSignedInB = new ArrayList<>(five.subList(0, 4));
        asSignedInB.add(duplicateOfLast);

        UUID inA = course(world.communeA2, MARCH_2);
        attended(inA, session(inA, MARCH_2, 8, 11), MARCH_2, 8, five);
        LocalDate march9 = MARCH_2.plusDays(7);
        UUID inB = course(world.communeB2, march9);
        attended(inB, session(inB, march9, 8, 11), march9, 8, asSignedInB);
        // four people are too few to tell a copied list from a group that keeps training together
        List<UUID> four = people("Lý Văn Bốn", 4);
        UUID smallA = course(world.communeA1, MARCH_2);
        attended(smallA, session(smallA, MARCH_2, 13, 16), MARCH_2, 13, four);
        UUID smallB = course(world.communeB1, march9);
        attended(smallB, session(smallB, march9, 13, 16), march9, 13, four);

        assertThat(ofKind(flags(world.reporter, "period=2026"), "identical_lists"))
                .as("one person signed in under a duplicate record: not yet the same list").isEmpty();

        Fixtures.mergeInto(duplicateOfLast, five.get(4));
        List<JsonNode> identical = ofKind(flags(world.reporter, "period=2026"), "identical_lists");
        assertThat(identical).as("merged, the two lists are the same five people").hasSize(1);
        assertThat(identical.get(0).get("count").asInt()).isEqualTo(5);
        assertThat(ids(identical.get(0).get("courses"))).containsExactlyInAnyOrder(inA.toString(), inB.toString());
        assertThat(identical.get(0).get("sessions")).isEmpty();
        List<JsonNode> seenFromA = ofKind(flags(world.districtReporter, "period=2026"), "identical_lists");
        assertThat(ids(seenFromA.get(0).get("courses"))).containsExactly(inA.toString());
        assertThat(seenFromA.get(0).get("message").asText()).startsWith("2 lớp").contains("1 lớp của đơn vị khác");
    }

    @Test
    void cellsByEthnicityOfFewerThanFivePeopleAreFlaggedBeforePublishing() {
        UUID course = course(world.communeA1, MARCH_2);
        List<UUID> present = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            present.add(Fixtures.participant(world, "Trần Thị Kinh " + i, "female", world.communeA1, 1980, "01"));
        }
        present.add(Fixtures.participant(world, "Hoàng Thị Tày", "female", world.communeA1, 1985, "02"));
        present.add(Fixtures.participant(world, "Nông Văn Tày", "male", world.communeA1, 1979, "02"));
        attended(course, session(course, MARCH_2, 8, 11), MARCH_2, 8, present);

        assertThat(ofKind(flags(world.reporter, "period=2026"), "small_count")).as("no breakdown by personal data")
                .isEmpty();
        JsonNode flags = flags(world.reporter, "period=2026&by=ethnicMinority");
        List<JsonNode> small = ofKind(flags, "small_count");
        JsonNode persons = small.stream().filter(f -> f.get("indicator").asText().equals("persons_trained"))
                .findFirst().orElseThrow();
        assertThat(persons.get("count").asInt()).as("two people of an ethnic minority").isEqualTo(2);
        assertThat(persons.get("limit").asInt()).isEqualTo(5);
        assertThat(persons.get("cell").get("ethnicMinority").asBoolean()).isTrue();
        assertThat(persons.get("message").asText()).contains("Dân tộc thiểu số", "2");

        // exactly the report's cells by ethnicity with 1 to 4 people in a count, numerator or denominator
        JsonNode report = Reports.report(world.reporter, "period=2026&by=ethnicMinority");
        List<String> expected = new ArrayList<>();
        report.get("rows").forEach(row -> {
            if (!row.has("ethnicMinority") || row.get("ethnicMinority").isNull()) {
                return;
            }
            List<JsonNode> people = row.get("numerator").isNull() ? List.of(row.get("value"))
                    : List.of(row.get("numerator"), row.get("denominator"));
            // (only indicators of people can be broken down by ethnicity)
            if (people.stream().anyMatch(n -> !n.isNull() && n.asLong() >= 1 && n.asLong() <= 4)) {
                expected.add(row.get("indicator").asText() + "/" + row.get("ethnicMinority").asText());
            }
        });
        assertThat(small.stream().map(f -> f.get("indicator").asText() + "/" + f.get("cell").get("ethnicMinority")
                .asText())).containsExactlyInAnyOrderElementsOf(expected).contains("persons_trained/true")
                .doesNotContain("persons_trained/false");
    }

    @Test
    void aDistrictReporterSeesTheFlagsOfTheirDistrictOnly() {
        UUID inB = course(world.communeB1, MARCH_2);
        attended(inB, session(inB, MARCH_2, 8, 11), MARCH_2, 8, people("Hoàng Văn Đông", 2));
        capacity(inB, 1);

        assertThat(ofKind(flags(world.reporter, "period=2026"), "attendance_above_capacity")).hasSize(1);
        assertThat(flags(world.districtReporter, "period=2026").get("items")).isEmpty();
        assertThat(world.districtReporter.get("/api/v1/reports/flags?period=2026&unit=" + world.communeB1).status())
                .isEqualTo(422);
        World other = World.create();
        assertThat(flags(other.reporter, "period=2026").get("items")).as("another province").isEmpty();
    }
}
