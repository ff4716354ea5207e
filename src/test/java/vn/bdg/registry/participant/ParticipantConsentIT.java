package vn.bdg.registry.participant;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.db.Tables.PARTICIPANT;
import static vn.bdg.registry.participant.Participants.body;
import static vn.bdg.registry.participant.Participants.consent;
import static vn.bdg.registry.participant.Participants.create;
import static vn.bdg.registry.participant.Participants.id;

/** Consent (Law 91/2025/QH15): ethnicity, sensitive data, is stored only with a consent that covers it. */
class ParticipantConsentIT {
    private final World world = World.create();

    private int peopleNamed(String name) {
        return TestServer.get().database.dsl().fetchCount(PARTICIPANT,
                PARTICIPANT.PROVINCE_CODE.eq(world.province).and(PARTICIPANT.FULL_NAME.eq(name)));
    }

    @Test
    void anEthnicityWithoutConsentIsRefusedInVietnameseAndEnglishAndNothingIsStored() {
        Map<String, Object> noConsent = body("fullName", "Hoàng Thị Lan", "sex", "female", "ethnicityCode", "02");
        Api.Res vi = world.organizer.inLanguage("vi").post("/api/v1/participants", noConsent);
        Api.Res en = world.organizer.inLanguage("en").post("/api/v1/participants", noConsent);
        for (Api.Res res : new Api.Res[]{vi, en}) {
            assertThat(res.status()).as(res.body()).isEqualTo(422);
            assertThat(res.json().get("errors")).hasSize(1);
            assertThat(res.json().get("errors").get(0).get("field").asText()).isEqualTo("ethnicityCode");
            assertThat(res.json().get("errors").get(0).get("code").asText()).isEqualTo("consent_required");
        }
        assertThat(vi.json().get("errors").get(0).get("message").asText()).contains("đồng ý", "nhạy cảm");
        assertThat(en.json().get("errors").get(0).get("message").asText()).contains("consent", "sensitive data");

        Api.Res notCovering = world.organizer.post("/api/v1/participants", body("fullName", "Hoàng Thị Lan",
                "sex", "female", "ethnicityCode", "02", "consent", consent(false)));
        assertThat(notCovering.status()).as("a consent that leaves out sensitive data").isEqualTo(422);
        assertThat(notCovering.json().get("errors").get(0).get("code").asText()).isEqualTo("consent_required");
        assertThat(peopleNamed("Hoàng Thị Lan")).isZero();
    }

    @Test
    void aConsentSentWithTheEthnicityIsStoredAndShownForOneParticipantButNotInLists() {
        JsonNode created = create(world.organizer, "fullName", "Lò Thị Hiền", "sex", "female", "ethnicityCode", "02",
                "consent", body("givenAt", "2026-01-10", "method", "verbal", "coversSensitiveData", true));
        assertThat(created.get("ethnicityCode").asText()).isEqualTo("02");

        JsonNode read = world.organizer.get("/api/v1/participants/" + id(created)).json();
        JsonNode consent = read.get("consent");
        assertThat(consent.get("method").asText()).isEqualTo("verbal");
        assertThat(consent.get("coversSensitiveData").asBoolean()).isTrue();
        assertThat(OffsetDateTime.parse(consent.get("givenAt").asText())).as("a date: its start in Vietnam")
                .isAtSameInstantAs(OffsetDateTime.parse("2026-01-10T00:00:00+07:00"));
        assertThat(consent.get("recordedBy").asText()).as("the caller").isNotBlank();
        assertThat(read.get("ethnicityCode").asText()).isEqualTo("02");

        JsonNode listed = world.organizer.get("/api/v1/participants?q=lo%20thi%20hien").json().get("items").get(0);
        assertThat(listed.get("id").asText()).isEqualTo(id(created));
        assertThat(listed.has("consent")).as("lists stay minimal").isFalse();

        JsonNode audit = world.admin.get("/api/v1/audit-log?entity=participant&entityId=" + id(created)).json()
                .get("items").get(0);
        assertThat(audit.get("after").get("consent").get("method").asText()).isEqualTo("verbal");
    }

    @Test
    void consentIsNeverAssumed() {
        JsonNode none = create(world.organizer, "fullName", "Vi Văn Tâm", "sex", "male");
        assertThat(world.organizer.get("/api/v1/participants/" + id(none)).json().has("consent"))
                .as("none sent, none recorded").isFalse();

        Api.Res unticked = world.organizer.post("/api/v1/participants", body("fullName", "Vi Văn Tâm", "sex", "male",
                "consent", body("givenAt", "2026-01-10T09:00:00+07:00", "method", "paper_form")));
        assertThat(unticked.status()).isEqualTo(400);
        assertThat(ParticipantIT.fieldCodes(unticked)).containsExactly("consent.coversSensitiveData:required");

        Api.Res bad = world.organizer.post("/api/v1/participants", body("fullName", "Vi Văn Tâm", "sex", "male",
                "consent", body("givenAt", "2099-01-01", "method", "pre_ticked", "coversSensitiveData", true)));
        assertThat(ParticipantIT.fieldCodes(bad)).containsExactly("consent.givenAt:out_of_range",
                "consent.method:not_allowed");

        Api.Res cleared = world.organizer.patch("/api/v1/participants/" + id(none), body("consent", null));
        assertThat(ParticipantIT.fieldCodes(cleared)).containsExactly("consent:required");
    }

    @Test
    void withdrawingTheSensitiveConsentClearsTheEthnicityInTheSameWrite() {
        String path = "/api/v1/participants/" + id(create(world.organizer, "fullName", "Sầm Thị Nguyệt",
                "sex", "female", "ethnicityCode", "02", "consent", consent(true)));
        assertThat(world.organizer.patch(path, body("ethnicityCode", "03")).json().get("ethnicityCode").asText())
                .as("the consent on record covers it").isEqualTo("03");

        Api.Res withdrawn = world.organizer.patch(path, body("consent", consent(false)));
        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
        assertThat(withdrawn.json().get("ethnicityCode").isNull()).isTrue();
        assertThat(withdrawn.json().get("consent").get("coversSensitiveData").asBoolean()).isFalse();
        assertThat(TestServer.get().database.dsl().select(PARTICIPANT.ETHNICITY_CODE).from(PARTICIPANT)
                .where(PARTICIPANT.ID.eq(UUID.fromString(withdrawn.json().get("id").asText()))).fetchOne(0))
                .isNull();

        Api.Res again = world.organizer.patch(path, body("ethnicityCode", "02"));
        assertThat(ParticipantIT.fieldCodes(again)).containsExactly("ethnicityCode:consent_required");

        JsonNode update = world.admin.get("/api/v1/audit-log?entity=participant&entityId="
                + withdrawn.json().get("id").asText()).json().get("items").get(0);
        assertThat(update.get("before").get("consent").get("coversSensitiveData").asBoolean()).isTrue();
        assertThat(update.get("after").get("consent").get("coversSensitiveData").asBoolean()).isFalse();
        assertThat(update.get("after").get("ethnicityCode").isNull()).isTrue();
    }

    @Test
    void aWithdrawnSensitiveConsentLeavesNoFingerprintOfTheEthnicityInTheAuditLog() {
        // fingerprints are equal for equal values: with 54 ethnicities, one person whose ethnicity
        // is known tells everyone's, so a fingerprint kept after the withdrawal keeps the ethnicity
        String other = id(create(world.organizer, "fullName", "Lục Văn Hùng", "sex", "male",
                "ethnicityCode", "02", "consent", consent(true)));
        String id = id(create(world.organizer, "fullName", "Sầm Thị Nguyệt", "sex", "female",
                "ethnicityCode", "02", "consent", consent(true)));
        String fingerprint = world.admin.get("/api/v1/audit-log?entity=participant&entityId=" + other).json()
                .get("items").get(0).get("after").get("ethnicityCode").asText();
        assertThat(fingerprint).startsWith("hmac:");

        Api.Res withdrawn = world.organizer.patch("/api/v1/participants/" + id, body("consent", consent(false)));
        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);

        JsonNode entries = world.admin.get("/api/v1/audit-log?entity=participant&entityId=" + id).json().get("items");
        assertThat(entries).hasSize(2);
        assertThat(entries.toString()).as("the withdrawn ethnicity, as its fingerprint").doesNotContain(fingerprint);
        assertThat(entries.get(0).get("before").get("consent").get("coversSensitiveData").asBoolean()).isTrue();
        assertThat(entries.get(0).get("after").get("ethnicityCode").isNull()).isTrue();
        assertThat(world.admin.get("/api/v1/audit-log?entity=participant&entityId=" + other).json().toString())
                .as("another person's, under their consent").contains(fingerprint);
    }

    @Test
    void aRecordFromBeforeConsentsKeepsItsEthnicityUntilAConsentIsRecorded() {
        UUID legacy = Fixtures.participant(world, "Nông Văn Cường", "male", world.communeA1, 1980, "02");
        String path = "/api/v1/participants/" + legacy;
        JsonNode edited = world.organizer.patch(path, body("position", "Trưởng thôn")).json();
        assertThat(edited.get("ethnicityCode").asText()).as("consent unknown: left as it was").isEqualTo("02");
        assertThat(edited.has("consent")).isFalse();
        assertThat(ParticipantIT.fieldCodes(world.organizer.patch(path, body("ethnicityCode", "03"))))
                .as("a new value needs consent").containsExactly("ethnicityCode:consent_required");
        assertThat(world.organizer.patch(path, body("ethnicityCode", "03", "consent", consent(true))).json()
                .get("ethnicityCode").asText()).isEqualTo("03");
    }

    @Test
    void aMergeUnderAConsentLeavingOutSensitiveDataLeavesNoFingerprintOfTheEthnicityInTheAuditLog() {
        String other = id(create(world.organizer, "fullName", "Lục Văn Hùng", "sex", "male",
                "ethnicityCode", "02", "consent", consent(true)));
        String fingerprint = world.admin.get("/api/v1/audit-log?entity=participant&entityId=" + other).json()
                .get("items").get(0).get("after").get("ethnicityCode").asText();
        String consented = id(create(world.organizer, "fullName", "Hà Thị Nhàn", "sex", "female",
                "ethnicityCode", "02", "consent", consent(true)));
        String refused = id(create(world.organizer, "fullName", "Hà Thị Nhàn", "sex", "female",
                "consent", consent(false)));
        Api.Res merged = world.organizer.post("/api/v1/participants/" + refused + "/merge",
                body("duplicateId", consented));
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        assertThat(merged.json().get("kept").get("ethnicityCode").isNull()).as("her consent leaves it out").isTrue();
        for (String id : List.of(refused, consented)) {
            assertThat(world.admin.get("/api/v1/audit-log?entity=participant&entityId=" + id).json().toString())
                    .as("the entries about her").doesNotContain(fingerprint);
        }
    }

    @Test
    void aMergeTakesTheOtherRecordsEthnicityOnlyUnderAConsentThatAllowsIt() {
        String refused = id(create(world.organizer, "fullName", "Hà Thị Nhàn", "sex", "female",
                "consent", consent(false)));
        UUID legacy = Fixtures.participant(world, "Hà Thị Nhàn", "female", world.communeA1, 1980, "02");
        Api.Res merged = world.organizer.post("/api/v1/participants/" + refused + "/merge",
                body("duplicateId", legacy.toString()));
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        assertThat(merged.json().get("kept").get("ethnicityCode").isNull()).as("her consent leaves it out").isTrue();
        // the other way round: the record from before consents keeps hers only until it takes that consent
        String refusedToo = id(create(world.organizer, "fullName", "Hà Thị Nhung", "sex", "female",
                "consent", consent(false)));
        UUID legacyKept = Fixtures.participant(world, "Hà Thị Nhung", "female", world.communeA1, 1980, "02");
        Api.Res absorbed = world.organizer.post("/api/v1/participants/" + legacyKept + "/merge",
                body("duplicateId", refusedToo));
        assertThat(absorbed.status()).as(absorbed.body()).isEqualTo(200);
        assertThat(absorbed.json().get("kept").get("consent").get("coversSensitiveData").asBoolean()).isFalse();
        assertThat(absorbed.json().get("kept").get("ethnicityCode").isNull()).isTrue();

        UUID unknown = Fixtures.participant(world, "Lý Văn Hùng", "male", world.communeA1, 1975, null);
        String consented = id(create(world.organizer, "fullName", "Lý Văn Hùng", "sex", "male",
                "ethnicityCode", "03", "consent", consent(true)));
        JsonNode kept = world.organizer.post("/api/v1/participants/" + unknown + "/merge",
                body("duplicateId", consented)).json().get("kept");
        assertThat(kept.get("ethnicityCode").asText()).isEqualTo("03");
        assertThat(kept.get("consent").get("coversSensitiveData").asBoolean()).as("with the consent it came with")
                .isTrue();
    }
}
