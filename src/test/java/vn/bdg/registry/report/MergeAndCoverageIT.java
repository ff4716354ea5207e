package vn.bdg.registry.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.World;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.report.Reports.FACTS;
import static vn.bdg.registry.report.Reports.number;
import static vn.bdg.registry.report.Reports.report;
import static vn.bdg.registry.report.Reports.value;

/** Unique persons after merging duplicates, and the denominators of coverage. */
class MergeAndCoverageIT {
    private static final LocalDate FROM = LocalDate.of(2026, 1, 1);
    private static final LocalDate TO = LocalDate.of(2026, 12, 31);
    private final World world = World.create();

    private UUID course(LocalDate day, int sessions, UUID... trainees) {
        UUID course = Fixtures.course(world, world.communeA1, "completed", day, day.plusDays(sessions - 1));
        for (UUID t : trainees) {
            Fixtures.enroll(world, course, t);
        }
        return course;
    }

    private UUID session(UUID course, LocalDate day) {
        return Fixtures.session(world, course, day, LocalTime.of(8, 0), LocalTime.of(11, 0));
    }

    @Test
    void aDuplicateRecordMergedIntoItsPersonIsCountedOnce() {
        UUID kept = Fixtures.participant(world, "Nông Thị Thảo", "female", world.communeA1, 1988, "02",
                "commune_collaborators");
        UUID duplicate = Fixtures.participant(world, "Nông Thị Thảo", "female", world.communeA1, 1988, "02");
        // March: the same woman signed in under each record on one day each of a two-day course
        LocalDate march = LocalDate.of(2026, 3, 2);
        UUID first = course(march, 2, kept, duplicate);
        Reports.present(world, session(first, march), kept, march);
        Reports.present(world, session(first, march.plusDays(1)), duplicate, march.plusDays(1));
        // May: only the duplicate record came
        LocalDate may = LocalDate.of(2026, 5, 4);
        UUID second = course(may, 1, duplicate);
        Reports.present(world, session(second, may), duplicate, may);

        JsonNode before = report(world.reporter, "period=2026&indicators=attendances,persons_trained,coverage");
        assertThat(value(before, "attendances")).isEqualByComparingTo("3");
        assertThat(value(before, "persons_trained")).as("the duplicate completed May only").isEqualByComparingTo("1");

        Api.Res merged = world.organizer.post("/api/v1/participants/" + kept + "/merge",
                Map.of("duplicateId", duplicate.toString()));
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);

        JsonNode after = report(world.reporter, "period=2026&indicators=attendances,persons_trained,coverage");
        assertThat(value(after, "attendances")).as("one person in two courses").isEqualByComparingTo("2");
        assertThat(value(after, "persons_trained")).as("one person, who completed both").isEqualByComparingTo("1");
        assertThat(value(after, "attendances")).isEqualByComparingTo(
                number(FACTS + "select count(*) from f where present", world.province, FROM, TO));
        assertThat(value(after, "persons_trained")).isEqualByComparingTo(number(
                FACTS + "select count(distinct participant_id) from f where completed", world.province, FROM, TO));
        assertThat(Reports.row(after, "coverage").get("denominator").asInt()).as("the merged record is gone").isEqualTo(1);
        assertThat(world.reporter.get("/api/v1/reports/indicators/persons_trained/records?period=2026").json()
                .get("items")).extracting(i -> i.get("participantId").asText())
                .containsOnly(kept.toString());
    }

    @Test
    void mergedRecordsLeftBehindByOlderDataResolveToTheSurvivingPerson() {
        UUID kept = Fixtures.participant(world, "Lục Văn Sáng", "male", world.communeA2);
        UUID duplicate = Fixtures.participant(world, "Lục Văn Sáng", "male", world.communeA2);
        LocalDate day = LocalDate.of(2026, 4, 6);
        UUID course = course(day, 2, kept, duplicate);
        Reports.present(world, session(course, day), kept, day);
        Reports.present(world, session(course, day.plusDays(1)), duplicate, day.plusDays(1));
        Fixtures.mergeInto(duplicate, kept); // marked merged without moving its records (as data imported from elsewhere)

        JsonNode report = report(world.reporter, "period=2026&indicators=attendances,persons_trained");
        assertThat(value(report, "attendances")).as("one person at one course").isEqualByComparingTo("1");
        assertThat(value(report, "persons_trained")).as("both days, under either record").isEqualByComparingTo("1");
    }

    @Test
    void coverageDividesThoseTrainedByEveryoneRegisteredInTheGroupInTheUnit() {
        UUID trainedA = Fixtures.participant(world, "Ma Thị Hiền", "female", world.communeA1, 1980, "01",
                "women_cadres_pipeline");
        UUID untrainedA = Fixtures.participant(world, "Chu Thị Vân", "female", world.communeA2, 1982, "01",
                "women_cadres_pipeline", "women_leaders");
        UUID attendedOnlyA = Fixtures.participant(world, "Hầu Thị Dợ", "female", world.communeA2, 1990, "08",
                "women_cadres_pipeline");
        UUID trainedB = Fixtures.participant(world, "Triệu Thị Mùi", "female", world.communeB1, 1979, "09",
                "women_cadres_pipeline");
        Fixtures.participant(world, "La Văn Khánh", "male", world.communeB2, 1975, "01", "ge_officials");
        LocalDate day = LocalDate.of(2026, 10, 5);
        UUID course = course(day, 2, trainedA, attendedOnlyA, trainedB);
        UUID first = session(course, day);
        UUID second = session(course, day.plusDays(1));
        for (UUID p : new UUID[]{trainedA, trainedB}) {
            Reports.present(world, first, p, day);
            Reports.present(world, second, p, day.plusDays(1));
        }
        Reports.present(world, first, attendedOnlyA, day);

        JsonNode province = report(world.reporter, "period=2026&by=targetGroup&indicators=coverage,women_cadres_pipeline_coverage");
        JsonNode pipeline = Reports.row(province, "coverage", "targetGroup", "women_cadres_pipeline");
        assertThat(pipeline.get("numerator").asInt()).isEqualTo(2);
        assertThat(pipeline.get("denominator").asInt()).isEqualTo(4);
        assertThat(pipeline.get("value").decimalValue()).isEqualByComparingTo("0.5");
        JsonNode leaders = Reports.row(province, "coverage", "targetGroup", "women_leaders");
        assertThat(leaders.get("numerator").asInt()).isZero();
        assertThat(leaders.get("denominator").asInt()).isEqualTo(1);
        JsonNode nobody = Reports.row(province, "coverage", "targetGroup", "inspectors");
        assertThat(nobody.get("denominator").asInt()).isZero();
        assertThat(nobody.get("value").isNull()).as("a share of no one").isTrue();
        assertThat(Reports.rowsOf(province, "women_cadres_pipeline_coverage")).allSatisfy(r ->
                assertThat(r.get("targetGroup").asText()).isEqualTo("women_cadres_pipeline"));

        JsonNode districtA = report(world.reporter, "period=2026&unit=" + world.districtA
                + "&indicators=women_cadres_pipeline_coverage");
        JsonNode commune = Reports.row(districtA, "women_cadres_pipeline_coverage", "level", "commune");
        assertThat(commune.get("numerator").asInt()).isEqualTo(1);
        assertThat(commune.get("denominator").asInt()).as("Hiền, Vân and Dợ; Dợ attended but did not complete")
                .isEqualTo(3);
        assertThat(commune.get("denominator").decimalValue()).isEqualByComparingTo(number(
                "select count(*) from participant p join admin_unit u on u.code = p.unit_code"
                        + " where p.province_code = ? and u.parent_code = ? and p.merged_into is null"
                        + " and 'women_cadres_pipeline' = any(p.target_groups)", world.province, world.districtA));
    }
}
