package vn.bdg.registry.certificate;

import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.db.Tables.CERTIFICATE_WITHHELD;

/** Certificates where the usual paths meet an erased person, or text that NFC makes longer. */
class CertificateEdgeCasesIT {
    private final World world = World.create();

    /**
     * After an erasure nothing new is written about the person (an excuse's reason, a card revocation
     * and a hand-issued certificate answer 409 erased): a decision to withhold their certificate, with
     * its free-text reason, must not be stored either.
     */
    @Test
    void withholdingTheCertificateOfAnErasedPersonIsRefusedAndStoresNoReason() {
        CertificateFixtures.Course course = CertificateFixtures.completedCourse(world, 1);
        UUID person = Fixtures.participant(world, "Hà Thị Nga", "female", world.communeA1);
        Fixtures.enroll(world, course.id(), person);
        Api.Res erased = world.admin.post("/api/v1/participants/" + person + "/erasure",
                Map.of("reason", "Đơn đề nghị ngày 12/01/2026, nhận trực tiếp"));
        assertThat(erased.status()).as(erased.body()).isEqualTo(200);

        Api.Res withhold = world.organizer.post("/api/v1/courses/" + course.id() + "/certificates/" + person
                + "/withhold", Map.of("reason", "Đang điều trị tâm thần tại bệnh viện tỉnh"));
        assertThat(withhold.status()).as(withhold.body()).isEqualTo(409);
        assertThat(withhold.json().get("code").asText()).isEqualTo("erased");
        assertThat(TestServer.get().database.dsl().fetchCount(CERTIFICATE_WITHHELD,
                CERTIFICATE_WITHHELD.PARTICIPANT_ID.eq(person))).isZero();
    }

    /**
     * place, signerName and signerTitle are at most 200 characters as stored and printed, so they
     * are counted after NFC, which turns some single characters into two (U+0958 is U+0915 U+093C).
     */
    @Test
    void signingFieldsAreCountedAsTheyAreStored() {
        CertificateFixtures.Course course = CertificateFixtures.completedCourse(world, 1);
        UUID person = Fixtures.participant(world, "Hà Thị Nga", "female", world.communeA1);
        Fixtures.enroll(world, course.id(), person);
        CertificateFixtures.attend(world, course, 0, person);
        Api.Res res = world.organizer.post("/api/v1/courses/" + course.id() + "/certificates",
                Map.of("signerTitle", "\u0958".repeat(200)));
        assertThat(res.status()).as(res.body()).isEqualTo(400);
        assertThat(res.json().get("errors").get(0).get("field").asText()).isEqualTo("signerTitle");
        assertThat(world.organizer.post("/api/v1/courses/" + course.id() + "/certificates",
                Map.of("signerTitle", "\u0958".repeat(100))).status()).as("100 of them are 200 as stored").isEqualTo(200);
    }
}
