package vn.bdg.registry.participant;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.World;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.participant.Participants.body;
import static vn.bdg.registry.participant.Participants.consent;
import static vn.bdg.registry.participant.Participants.create;
import static vn.bdg.registry.participant.Participants.id;

/**
 * Participants' personal data on merged records and in withdrawal reasons, lists imported from
 * files laid out as offices lay them out, and national IDs written as people group their digits.
 */
class ParticipantEdgeCasesIT {
    private static final String CSV = "text/csv; charset=utf-8";
    private final World world = World.create();

    @Test
    void withdrawingTheSensitiveConsentClearsTheEthnicityOfTheRecordsMergedIntoThePerson() {
        JsonNode kept = create(world.organizer, "fullName", "Lò Thị Hiền", "sex", "female", "phone", "0912000111",
                "ethnicityCode", "02", "consent", consent(true));
        JsonNode dup = create(world.organizer, "fullName", "Lò Thị Hiền", "sex", "female", "phone", "0912000111",
                "ethnicityCode", "02", "consent", consent(true));
        Api.Res merged = world.organizer.post("/api/v1/participants/" + id(kept) + "/merge",
                Map.of("duplicateId", id(dup)));
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        Api.Res withdrawn = world.organizer.patch("/api/v1/participants/" + id(kept),
                body("consent", consent(false)));
        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
        assertThat(withdrawn.json().get("ethnicityCode").isNull()).isTrue();

        JsonNode dupNow = world.organizer.get("/api/v1/participants/" + id(dup)).json();
        JsonNode dupAudit = world.admin.get("/api/v1/audit-log?entity=participant&entityId=" + id(dup)).json();
        org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();
        soft.assertThat(dupNow.get("ethnicityCode").isNull())
                .as("the person's merged record still shows the ethnicity: " + dupNow).isTrue();
        soft.assertThat(dupAudit.toString()).as("fingerprints of the ethnicity in the merged record's entries")
                .doesNotContain("\"ethnicityCode\":\"hmac");
        soft.assertAll();
    }

    @Test
    void aMergeUnderAConsentLeavingOutSensitiveDataLeavesNoEthnicityOnTheMergedRecord() {
        JsonNode kept = create(world.organizer, "fullName", "Lò Thị Hoa", "sex", "female", "phone", "0912000222",
                "consent", consent(false));
        JsonNode dup = create(world.organizer, "fullName", "Lò Thị Hoa", "sex", "female", "phone", "0912000222",
                "ethnicityCode", "02", "consent", consent(true));
        Api.Res merged = world.organizer.post("/api/v1/participants/" + id(kept) + "/merge",
                Map.of("duplicateId", id(dup)));
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        assertThat(merged.json().get("kept").get("ethnicityCode").isNull()).isTrue();
        JsonNode dupNow = world.organizer.get("/api/v1/participants/" + id(dup)).json();
        assertThat(dupNow.get("ethnicityCode").isNull())
                .as("audit scrubbed as [đã xoá], yet the merged record still holds it: " + dupNow).isTrue();
    }

    @Test
    void aWithdrawalReasonIsNotShownToTrainersAndReporters() {
        UUID course = Fixtures.course(world, world.communeA1, "open", LocalDate.now().plusDays(5),
                LocalDate.now().plusDays(6));
        Fixtures.assignTrainer(world, course, world.trainer);
        String p = id(create(world.organizer, "fullName", "Vi Thị Hạnh", "sex", "female"));
        Api.Res e = world.organizer.post("/api/v1/courses/" + course + "/enrollments", Map.of("participantId", p));
        assertThat(e.status()).as(e.body()).isEqualTo(201);
        Api.Res w = world.organizer.post("/api/v1/courses/" + course + "/enrollments/" + e.json().get("id").asText()
                + "/withdraw", Map.of("reason", "Đang điều trị bệnh ở bệnh viện tỉnh"));
        assertThat(w.status()).as(w.body()).isEqualTo(200);
        Api.Res asTrainer = world.trainer.get("/api/v1/courses/" + course + "/enrollments");
        Api.Res asReporter = world.reporter.get("/api/v1/courses/" + course + "/enrollments");
        assertThat(asTrainer.status()).as(asTrainer.body()).isEqualTo(200);
        assertThat(asTrainer.body()).doesNotContain("bệnh viện");
        assertThat(asReporter.body()).doesNotContain("bệnh viện");
    }

    @Test
    void rowsUnderALineOfNamAndNuAreNumberedFromOne() {
        byte[] file = "Họ và tên,Giới tính,\n,Nam,Nữ\nLò Thị Én,,x\nLò Văn Ơn,robot,\n".getBytes(StandardCharsets.UTF_8);
        Api.Res res = world.organizer.send("POST", "/api/v1/participants/import?dryRun=true", CSV, file);
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        assertThat(res.json().get("rows").get(0).get("row").asInt()).as(res.body()).isEqualTo(1);
    }

    @Test
    void aSemicolonFileUnderATitleWithoutSeparatorsIsRead() {
        byte[] file = "DANH SÁCH HỌC VIÊN\nHọ và tên;Giới tính;Điện thoại\nLò Thị Én;Nữ;0912 345 678\n"
                .getBytes(StandardCharsets.UTF_8);
        Api.Res res = world.organizer.send("POST", "/api/v1/participants/import?dryRun=true", CSV, file);
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        assertThat(res.json().get("created").asInt()).isEqualTo(1);
    }

    @Test
    void aNationalIdWrittenWithDashesOrNoBreakSpacesFindsThePerson() {
        JsonNode p = create(world.organizer, "fullName", "Hà Thị Lan", "sex", "female", "nationalId", "001185012345");
        for (String typed : java.util.List.of("001-185-012345", "001\u00A0185\u00A0012345")) {
            Api.Res res = world.organizer.get("/api/v1/participants?q=" + Participants.q(typed));
            assertThat(res.status()).isEqualTo(200);
            assertThat(res.ids()).as(typed).contains(id(p));
        }
    }
}
