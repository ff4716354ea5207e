package vn.bdg.registry.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.db.Tables.PARTICIPANT;
import static vn.bdg.registry.report.Reports.FACTS;
import static vn.bdg.registry.report.Reports.number;
import static vn.bdg.registry.report.Reports.report;
import static vn.bdg.registry.report.Reports.value;

/**
 * A trainee counts in the unit they had for the course (the design's DOMAIN.md: every record keeps
 * the unit it had at the time): a move after the course leaves last year's report as it was; a
 * correction moves the past too.
 */
class TrainedUnitIT {
    private static final LocalDate FROM = LocalDate.of(2025, 1, 1);
    private static final LocalDate TO = LocalDate.of(2025, 12, 31);
    private final World world = World.create();

    /** A one-day course of 2025 (not yet marked completed) at which the person was present, and so completed it. */
    private UUID trainedIn2025(UUID person, String unit, LocalDate day) {
        UUID course = Fixtures.course(world, unit, "running", day, day);
        enroll(course, person);
        Reports.present(world, Fixtures.session(world, course, day, LocalTime.of(8, 0), LocalTime.of(11, 0)), person,
                day);
        return course;
    }

    private void enroll(UUID course, UUID person) {
        Api.Res res = world.organizer.post("/api/v1/courses/" + course + "/enrollments",
                Map.of("participantId", person.toString()));
        assertThat(res.status()).as(res.body()).isEqualTo(201);
    }

    private String enrollmentUnit(UUID course) {
        Api.Res res = world.organizer.get("/api/v1/courses/" + course + "/enrollments");
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        assertThat(res.json().get("items")).hasSize(1);
        return res.json().get("items").get(0).get("unitCode").asText();
    }

    private Api.Res moveTo(UUID person, String unit, String query) {
        return world.organizer.patch("/api/v1/participants/" + person + query, Map.of("unitCode", unit));
    }

    @Test
    void aPersonWhoMovesStaysInTheUnitOfTheCoursesAlreadyHeldUnlessTheOldUnitWasAMistake() {
        UUID lan = Fixtures.participant(world, "Hoàng Thị Lan", "female", world.communeA1);
        UUID held = trainedIn2025(lan, world.communeA1, LocalDate.of(2025, 3, 4));
        UUID ahead = Fixtures.courseToday(world, world.districtB);
        enroll(ahead, lan);

        // promoted from the commune to the district office
        Api.Res moved = moveTo(lan, world.districtB, "");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(enrollmentUnit(held)).as("a course already held keeps her unit then").isEqualTo(world.communeA1);
        assertThat(enrollmentUnit(ahead)).as("a course not yet ended follows her").isEqualTo(world.districtB);
        assertThat(world.organizer.get("/api/v1/courses/" + held + "/attendance").json().get("participants").get(0)
                .get("unitCode").asText()).as("the attendance record of the course too").isEqualTo(world.communeA1);

        JsonNode byUnit = report(world.reporter, "period=2025&by=unit,level&indicators=persons_trained");
        assertThat(value(byUnit, "persons_trained", "unitCode", world.districtA, "level", "commune")).isEqualByComparingTo("1");
        assertThat(value(byUnit, "persons_trained", "unitCode", world.districtB, "level", "district")).isEqualByComparingTo("0");
        assertThat(value(byUnit, "persons_trained", "unitCode", world.districtA, "level", "commune")).isEqualByComparingTo(
                number(FACTS + "select count(distinct f.participant_id) from f join admin_unit u on u.code = f.unit_code"
                        + " where f.completed and u.level = 'commune'", world.province, FROM, TO));
        JsonNode records = world.reporter.get("/api/v1/reports/indicators/persons_trained/records?period=2025").json();
        assertThat(records.get("items")).extracting(i -> i.get("unitCode").asText()).containsExactly(world.communeA1);
        assertThat(world.districtReporter.get("/api/v1/reports/indicators?period=2025&indicators=persons_trained")
                .json().get("rows").get(0).get("value").asInt())
                .as("district A's reporter still counts the training of its commune").isEqualTo(1);

        // the commune was recorded wrongly from the start: she always was in commune B1
        Api.Res corrected = moveTo(lan, world.communeB1, "?unitChange=corrected");
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(200);
        assertThat(enrollmentUnit(held)).isEqualTo(world.communeB1);
        JsonNode afterCorrection = report(world.reporter, "period=2025&by=unit&indicators=persons_trained");
        assertThat(value(afterCorrection, "persons_trained", "unitCode", world.districtA)).isEqualByComparingTo("0");
        assertThat(value(afterCorrection, "persons_trained", "unitCode", world.districtB)).isEqualByComparingTo("1");
    }

    @Test
    void aUnitFilledInWhereNoneWasKnownGoesToTheCoursesThatHadNone() {
        UUID tam = Fixtures.participant(world, "Bế Thị Tâm", "female", null); // a walk-in who gave no commune
        UUID held = trainedIn2025(tam, world.communeA1, LocalDate.of(2025, 4, 8));
        assertThat(value(report(world.reporter, "period=2025&by=unit&indicators=persons_trained"), "persons_trained",
                "unitCode", null)).isEqualByComparingTo("1");
        JsonNode flags = world.reporter.inLanguage("en").get("/api/v1/reports/flags?period=2025").json().get("items");
        assertThat(flags).as("the compiler is told before submitting").hasSize(1);
        assertThat(flags.get(0).get("kind").asText()).isEqualTo("trainees_without_unit");
        assertThat(flags.get(0).get("count").asInt()).isEqualTo(1);
        assertThat(flags.get(0).get("courses").get(0).get("id").asText()).isEqualTo(held.toString());
        assertThat(flags.get(0).get("message").asText()).startsWith("1 trainee of ").contains("has no administrative unit");

        assertThat(moveTo(tam, world.communeA2, "").status()).isEqualTo(200);
        assertThat(world.reporter.get("/api/v1/reports/flags?period=2025").json().get("items")).isEmpty();
        assertThat(enrollmentUnit(held)).isEqualTo(world.communeA2);
        JsonNode byUnit = report(world.reporter, "period=2025&by=unit&indicators=persons_trained");
        assertThat(value(byUnit, "persons_trained", "unitCode", world.districtA)).isEqualByComparingTo("1");
        assertThat(Reports.rowsOf(byUnit, "persons_trained")).as("no one left with no unit")
                .noneMatch(r -> r.get("unitCode").isNull());
    }

    @Test
    void aCorrectionSendingTheUnitAlreadyRecordedStillCorrectsThePastAndIsAudited() {
        UUID thu = Fixtures.participant(world, "Nông Thị Thu", "female", world.communeA1);
        UUID held = trainedIn2025(thu, world.communeA1, LocalDate.of(2025, 5, 6));
        assertThat(moveTo(thu, world.communeB1, "").status()).isEqualTo(200);
        assertThat(enrollmentUnit(held)).isEqualTo(world.communeA1);

        // the move was right, but she never was in commune A1 either
        assertThat(moveTo(thu, world.communeB1, "?unitChange=corrected").status()).isEqualTo(200);
        assertThat(enrollmentUnit(held)).isEqualTo(world.communeB1);
        JsonNode last = world.admin.get("/api/v1/audit-log?entity=participant&entityId=" + thu).json()
                .get("items").get(0);
        assertThat(last.get("after").get("unitChange").asText()).isEqualTo("corrected");
        assertThat(last.get("after").get("enrollmentsGivenTheUnit").asInt()).isEqualTo(1);
    }

    @Test
    void comingBackToACourseAlreadyHeldDoesNotDateItAgain() {
        UUID van = Fixtures.participant(world, "Vi Thị Vân", "female", world.communeA1);
        UUID held = trainedIn2025(van, world.communeA1, LocalDate.of(2025, 6, 3));
        String enrollment = world.organizer.get("/api/v1/courses/" + held + "/enrollments").json()
                .get("items").get(0).get("id").asText();
        Api.Res withdrawn = world.organizer.post("/api/v1/courses/" + held + "/enrollments/" + enrollment + "/withdraw",
                Map.of("reason", "Nhập nhầm"));
        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
        assertThat(moveTo(van, world.districtB, "").status()).isEqualTo(200);
        enroll(held, van);
        assertThat(enrollmentUnit(held)).isEqualTo(world.communeA1);
    }

    @Test
    void aMergeGivesTheKeptRecordsUnitToTheCoursesNotYetEnded() {
        UUID kept = Fixtures.participant(world, "Ma Thị Hằng", "female", world.communeA1);
        UUID duplicate = Fixtures.participant(world, "Ma Thị Hằng", "female", world.communeB2);
        UUID held = trainedIn2025(duplicate, world.communeB2, LocalDate.of(2025, 7, 1));
        UUID ahead = Fixtures.courseToday(world, world.districtB);
        enroll(ahead, duplicate);

        Api.Res merged = world.organizer.post("/api/v1/participants/" + kept + "/merge",
                Map.of("duplicateId", duplicate.toString()));
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        assertThat(enrollmentUnit(ahead)).isEqualTo(world.communeA1);
        assertThat(enrollmentUnit(held)).as("trained in B2 under the other record").isEqualTo(world.communeB2);
    }

    /** The one entry a merge wrote about the enrollment of the course (the person's only one there). */
    private JsonNode mergeEntryOf(UUID course) {
        String enrollment = world.organizer.get("/api/v1/courses/" + course + "/enrollments").json()
                .get("items").get(0).get("id").asText();
        JsonNode items = world.admin.get("/api/v1/audit-log?entity=enrollment&action=merge&entityId=" + enrollment)
                .json().get("items");
        assertThat(items).as("the merge's entries about enrollment " + enrollment).hasSize(1);
        return items.get(0);
    }

    @Test
    void aMergeThatGivesAnEnrollmentOfTheKeptRecordAUnitSaysSoInTheAuditLog() {
        UUID tam = Fixtures.participant(world, "Bế Thị Tâm", "female", null); // a walk-in who gave no commune
        UUID held = trainedIn2025(tam, world.communeA1, LocalDate.of(2025, 4, 8));
        UUID duplicate = Fixtures.participant(world, "Bế Thị Tâm", "female", world.communeA2);

        Api.Res merged = world.organizer.post("/api/v1/participants/" + tam + "/merge",
                Map.of("duplicateId", duplicate.toString()));
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        assertThat(enrollmentUnit(held)).as("last year's report now counts her in district A").isEqualTo(world.communeA2);
        JsonNode entry = mergeEntryOf(held);
        assertThat(entry.get("before").get("unit_code").isNull()).isTrue();
        assertThat(entry.get("after").get("unit_code").asText()).isEqualTo(world.communeA2);
    }

    /** Someone registered at a 2025 course without a commune, with her phone on record. */
    private UUID trainedWithoutUnit(String name, String phone) {
        UUID person = Fixtures.participant(world, name, "female", null);
        TestServer.get().database.dsl().update(PARTICIPANT).set(PARTICIPANT.PHONE, phone)
                .where(PARTICIPANT.ID.eq(person)).execute();
        return person;
    }

    /** The latest audit entry filed under the participant. */
    private JsonNode lastEntryOf(UUID person) {
        return world.admin.get("/api/v1/audit-log?entity=participant&entityId=" + person).json().get("items").get(0);
    }

    @Test
    void aWalkInThatGivesAUnitToPastCoursesSaysHowManyInTheAuditLog() {
        UUID tam = trainedWithoutUnit("Bế Thị Tâm", "+84912345678");
        UUID held = trainedIn2025(tam, world.communeA1, LocalDate.of(2025, 4, 8));
        UUID course = Fixtures.courseToday(world, world.districtA);
        UUID session = Fixtures.sessionNow(world, course);

        Api.Res walkIn = world.organizer.post("/api/v1/courses/" + course + "/walk-ins", Map.of("sessionId",
                session.toString(), "clientScanId", UUID.randomUUID().toString(), "scannedAt",
                java.time.OffsetDateTime.now().toString(), "participant", Map.of("fullName", "Bế Thị Tâm",
                        "sex", "female", "phone", "0912345678", "unitCode", world.communeA2)));
        assertThat(walkIn.status()).as(walkIn.body()).isEqualTo(201);
        assertThat(walkIn.json().get("matchedBy").asText()).isEqualTo("phone");
        assertThat(enrollmentUnit(held)).as("last year's report now counts her in district A").isEqualTo(world.communeA2);
        JsonNode entry = lastEntryOf(tam);
        assertThat(entry.get("after").get("unitCode").asText()).isEqualTo(world.communeA2);
        assertThat(entry.get("after").path("enrollmentsGivenTheUnit").asInt()).isEqualTo(1);
    }

    @Test
    void anImportRowThatGivesAUnitToPastCoursesSaysHowManyInTheAuditLog() {
        UUID tam = trainedWithoutUnit("Bế Thị Tâm", "+84912345679");
        UUID held = trainedIn2025(tam, world.communeA1, LocalDate.of(2025, 4, 8));

        byte[] file = ("full_name,sex,phone,unit_code\r\nBế Thị Tâm,female,0912345679," + world.communeA2 + "\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Api.Res imported = world.organizer.send("POST", "/api/v1/participants/import?dryRun=false",
                "text/csv; charset=utf-8", file);
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(enrollmentUnit(held)).isEqualTo(world.communeA2);
        JsonNode entry = lastEntryOf(tam);
        assertThat(entry.get("action").asText()).isEqualTo("update");
        assertThat(entry.get("after").get("unitCode").asText()).isEqualTo(world.communeA2);
        assertThat(entry.get("after").path("enrollmentsGivenTheUnit").asInt()).isEqualTo(1);
    }

    @Test
    void aMergeLogsAMovedEnrollmentWithTheUnitItTook() {
        UUID kept = Fixtures.participant(world, "Ma Thị Hằng", "female", world.communeA1);
        UUID duplicate = Fixtures.participant(world, "Ma Thị Hằng", "female", world.communeB2);
        UUID ahead = Fixtures.courseToday(world, world.districtB);
        enroll(ahead, duplicate);

        assertThat(world.organizer.post("/api/v1/participants/" + kept + "/merge",
                Map.of("duplicateId", duplicate.toString())).status()).isEqualTo(200);
        assertThat(enrollmentUnit(ahead)).isEqualTo(world.communeA1);
        JsonNode entry = mergeEntryOf(ahead);
        assertThat(entry.get("before").get("participant_id").asText()).isEqualTo(duplicate.toString());
        assertThat(entry.get("before").get("unit_code").asText()).isEqualTo(world.communeB2);
        assertThat(entry.get("after").get("participant_id").asText()).isEqualTo(kept.toString());
        assertThat(entry.get("after").get("unit_code").asText()).as("the unit the enrollment has now")
                .isEqualTo(world.communeA1);
    }

    @Test
    void anUnknownKindOfUnitChangeIsRefusedAndChangesNothing() {
        UUID minh = Fixtures.participant(world, "Đinh Văn Minh", "male", world.communeA2);
        Api.Res res = world.organizer.inLanguage("en")
                .patch("/api/v1/participants/" + minh + "?unitChange=promoted", Map.of("unitCode", world.communeB2));
        assertThat(res.status()).as(res.body()).isEqualTo(400);
        assertThat(res.json().get("errors").get(0).get("field").asText()).isEqualTo("unitChange");
        assertThat(res.json().get("errors").get(0).get("code").asText()).isEqualTo("not_allowed");
        assertThat(world.organizer.get("/api/v1/participants/" + minh).json().get("unitCode").asText())
                .isEqualTo(world.communeA2);
    }

    @Test
    void aPersonTrainedInTwoUnitsCountsOnceInEachAndOnceInAll() {
        UUID hoa = Fixtures.participant(world, "Lò Thị Hoa", "female", world.communeA1, 1985, "01",
                "women_council_delegates");
        trainedIn2025(hoa, world.communeA1, LocalDate.of(2025, 3, 4));
        assertThat(moveTo(hoa, world.districtB, "").status()).isEqualTo(200);
        trainedIn2025(hoa, world.districtB, LocalDate.of(2025, 9, 9));

        // every indicator at once: the delegates' indicator is always by level, unique persons not
        JsonNode all = report(world.reporter, "period=2025");
        assertThat(value(all, "persons_trained")).as("one person").isEqualByComparingTo("1");
        assertThat(value(all, "attendances")).as("at two courses").isEqualByComparingTo("2");
        assertThat(value(all, "women_council_delegates_trained", "level", "commune")).isEqualByComparingTo("1");
        assertThat(value(all, "women_council_delegates_trained", "level", "district")).isEqualByComparingTo("1");
        JsonNode english = report(world.reporter.inLanguage("en"), "period=2025&indicators=women_council_delegates_trained");
        assertThat(Reports.row(english, "women_council_delegates_trained", "level", "district").get("definition").asText())
                .as("the definition says which level")
                .contains("by the level of the administrative unit they had for the course.");
        assertThat(value(all, "persons_trained")).isEqualByComparingTo(number(
                FACTS + "select count(distinct participant_id) from f where completed", world.province, FROM, TO));

        JsonNode byUnit = report(world.reporter, "period=2025&by=unit&indicators=persons_trained");
        assertThat(value(byUnit, "persons_trained", "unitCode", world.districtA)).isEqualByComparingTo("1");
        assertThat(value(byUnit, "persons_trained", "unitCode", world.districtB)).isEqualByComparingTo("1");
    }
}
