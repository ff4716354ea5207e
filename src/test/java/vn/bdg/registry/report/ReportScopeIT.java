package vn.bdg.registry.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.World;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.report.Reports.report;
import static vn.bdg.registry.report.Reports.value;

/** Who sees which numbers, and the records behind a cell. */
class ReportScopeIT {
    private static final LocalDate DAY = LocalDate.of(2026, 9, 8);
    private static World world;
    private static UUID course;
    private static UUID ha;

    @BeforeAll
    static void twoDistrictsAtOneProvinceCourse() {
        world = World.create();
        course = Fixtures.course(world, world.province, "completed", DAY, DAY.plusDays(1));
        UUID first = Fixtures.session(world, course, DAY, LocalTime.of(8, 0), LocalTime.of(11, 0));
        UUID second = Fixtures.session(world, course, DAY.plusDays(1), LocalTime.of(8, 0), LocalTime.of(11, 0));
        ha = person("Hà Thị Thu", "female", world.communeA1, true, true, first, second);
        person("Sầm Văn Đức", "male", world.communeA2, true, false, first, second);
        person("Lương Thị Mến", "female", world.communeB1, true, true, first, second);
        person("Vàng Thị Pà", "female", world.communeB2, false, false, first, second);
    }

    private static UUID person(String name, String sex, String unit, boolean morning, boolean next, UUID first,
                               UUID second) {
        UUID id = Fixtures.participant(world, name, sex, unit, 1990, "01", "commune_collaborators");
        Fixtures.enroll(world, course, id);
        if (morning) {
            Reports.present(world, first, id, DAY);
        }
        if (next) {
            Reports.present(world, second, id, DAY.plusDays(1));
        }
        return id;
    }

    @Test
    void anotherProvincesReporterSeesNoneOfIt() {
        World other = World.create();
        JsonNode theirs = report(other.reporter, "period=2026&indicators=attendances,courses_held,coverage");
        assertThat(value(theirs, "attendances")).isEqualByComparingTo("0");
        assertThat(value(theirs, "courses_held")).isEqualByComparingTo("0");
        assertThat(Reports.row(theirs, "coverage").get("denominator").asInt()).isZero();
        Api.Res ours = other.reporter.get("/api/v1/reports/indicators?period=2026&unit=" + world.province);
        assertThat(ours.status()).isEqualTo(422);
        assertThat(ours.json().get("errors").get(0).get("code").asText()).isEqualTo("unknown_unit");
        assertThat(other.reporter.get("/api/v1/reports/indicators/attendances/records?period=2026").json()
                .get("items")).isEmpty();
    }

    @Test
    void aDistrictReporterSeesOnlyTheirDistrictsPeople() {
        JsonNode province = report(world.reporter, "period=2026&by=unit&indicators=attendances,persons_trained");
        JsonNode district = report(world.districtReporter, "period=2026&indicators=attendances,persons_trained");
        assertThat(district.get("unit").asText()).isEqualTo(world.districtA);
        for (String indicator : List.of("attendances", "persons_trained")) {
            assertThat(value(district, indicator)).as(indicator)
                    .isEqualByComparingTo(value(province, indicator, "unitCode", world.districtA));
        }
        assertThat(value(district, "attendances")).isEqualByComparingTo("2");
        assertThat(value(district, "persons_trained")).as("Đức missed a day").isEqualByComparingTo("1");
        JsonNode communes = report(world.districtReporter, "period=2026&by=unit&indicators=attendances");
        assertThat(Reports.rowsOf(communes, "attendances")).extracting(r -> r.get("unitCode").asText())
                .containsExactly(world.districtA, world.communeA1, world.communeA2);
        assertThat(world.districtReporter.get("/api/v1/reports/indicators?period=2026&unit=" + world.districtB).status())
                .isEqualTo(422);
        assertThat(world.districtReporter.get("/api/v1/reports/indicators?period=2026&unit=" + world.province).status())
                .isEqualTo(422);
        assertThat(report(world.districtReporter, "period=2026&indicators=courses_held").get("rows").get(0)
                .get("value").asInt()).as("the course is the province's, not the district's").isZero();
        assertThat(world.trainer.get("/api/v1/reports/indicators?period=2026").status()).isEqualTo(403);
        assertThat(world.districtReporter.get("/api/v1/reports/indicators/attendances/records?period=2026").json()
                .get("items")).extracting(i -> i.get("unitCode").asText())
                .containsOnly(world.communeA1, world.communeA2);
    }

    @Test
    void theRecordsBehindACellAreThePeopleAndCheckInsCounted() {
        JsonNode women = world.reporter.get("/api/v1/reports/indicators/attendances/records?period=2026&sex=female")
                .json();
        assertThat(women.get("items")).hasSize(2).allSatisfy(i -> {
            assertThat(i.get("courseId").asText()).isEqualTo(course.toString());
            assertThat(i.get("counted").asBoolean()).isTrue();
            assertThat(i.get("checkInIds")).hasSize(i.get("attendedSessions").asInt());
        });
        JsonNode haRecord = women.get("items").findParents("participantId").stream()
                .filter(i -> i.get("participantId").asText().equals(ha.toString())).findFirst().orElseThrow();
        assertThat(haRecord.get("startDate").asText()).isEqualTo(DAY.toString());
        assertThat(haRecord.get("endDate").asText()).isEqualTo(DAY.plusDays(1).toString());
        assertThat(haRecord.get("sessions").asInt()).isEqualTo(2);
        assertThat(haRecord.get("attendedSessions").asInt()).isEqualTo(2);
        assertThat(haRecord.get("completed").asBoolean()).isTrue();
        assertThat(haRecord.get("fullName").asText()).isEqualTo("Hà Thị Thu");

        JsonNode share = world.reporter.get("/api/v1/reports/indicators/women_share/records?period=2026&unitCode="
                + world.districtA).json();
        assertThat(share.get("items")).extracting(i -> i.get("counted").asBoolean()).containsExactly(true);

        JsonNode coverage = world.reporter.get("/api/v1/reports/indicators/coverage/records?period=2026&targetGroup="
                + "commune_collaborators&limit=3").json();
        assertThat(coverage.get("items")).hasSize(3);
        String cursor = coverage.get("nextCursor").asText();
        JsonNode rest = world.reporter.get("/api/v1/reports/indicators/coverage/records?period=2026&targetGroup="
                + "commune_collaborators&limit=3&cursor=" + cursor).json();
        assertThat(rest.get("items")).hasSize(1);
        assertThat(rest.get("nextCursor").isNull()).isTrue();
        Set<String> counted = new HashSet<>();
        coverage.get("items").forEach(i -> { if (i.get("counted").asBoolean()) counted.add(i.get("fullName").asText()); });
        rest.get("items").forEach(i -> { if (i.get("counted").asBoolean()) counted.add(i.get("fullName").asText()); });
        assertThat(counted).containsExactlyInAnyOrder("Hà Thị Thu", "Lương Thị Mến");

        JsonNode courses = world.reporter.get("/api/v1/reports/indicators/courses_held/records?period=2026&level=district")
                .json();
        assertThat(courses.get("items")).extracting(i -> i.get("courseId").asText()).containsExactly(course.toString());
        assertThat(courses.get("items").get(0).get("endDate").asText()).isEqualTo(DAY.plusDays(1).toString());
        assertThat(world.reporter.get("/api/v1/reports/indicators/courses_held/records?period=2026&sex=female").status())
                .as("courses have no sex").isEqualTo(400);
        assertThat(world.reporter.get("/api/v1/reports/indicators/nothing/records?period=2026").status()).isEqualTo(404);
        assertThat(world.reporter.get("/api/v1/reports/indicators/attendances/records?period=2026&ethnicMinority=maybe")
                .status()).isEqualTo(400);
    }
}
