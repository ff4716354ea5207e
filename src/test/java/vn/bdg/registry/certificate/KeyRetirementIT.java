package vn.bdg.registry.certificate;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSObject;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.HeldLock;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.db.Tables.CERTIFICATE;

/** Retiring a province's key: what it signed stops verifying, and the certificates still valid are signed again. */
class KeyRetirementIT {
    private final World world = World.create();
    private final Api anyone = Api.anonymous();

    @Test
    void retiringTheSigningKeySignsTheLiveCertificatesAgainWithTheNextKey() throws Exception {
        CertificateFixtures.Course course = CertificateFixtures.completedCourse(world, 1);
        UUID hoa = Fixtures.participant(world, "Nguyễn Thị Hoà", "female", world.communeA1);
        UUID lan = Fixtures.participant(world, "Trần Thị Lan", "female", world.communeA1);
        for (UUID person : List.of(hoa, lan)) {
            Fixtures.enroll(world, course.id(), person);
            CertificateFixtures.attend(world, course, 0, person);
        }
        Map<String, JsonNode> issued = CertificateFixtures.byParticipant(CertificateFixtures.issue(world, course.id()));
        String live = issued.get(hoa.toString()).get("number").asText();
        String revoked = issued.get(lan.toString()).get("number").asText();
        String liveBefore = issued.get(hoa.toString()).get("credential").asText();
        String revokedBefore = issued.get(lan.toString()).get("credential").asText();
        assertThat(world.organizer.post("/api/v1/certificates/" + revoked + "/revoke", Map.of("reason", "Cấp nhầm"))
                .status()).isEqualTo(200);
        String oldKid = kid(liveBefore);

        assertThat(world.admin.post("/api/v1/keys/" + oldKid + "/retire", Map.of()).status()).isEqualTo(204);

        assertThat(verify(liveBefore).get("signature").asText()).as("what the retired key signed").isEqualTo("invalid");
        String liveAfter = credentialNow(course, hoa);
        String newKid = kid(liveAfter);
        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(publishedKids()).contains(newKid).doesNotContain(oldKid);
        JsonNode check = verify(liveAfter);
        assertThat(check.get("valid").asBoolean()).as(check.toString()).isTrue();
        assertThat(check.get("key").asText()).isEqualTo("live");
        assertThat(check.get("claims").get("num").asText()).isEqualTo(live);
        assertThat(check.get("claims").get("name").asText()).isEqualTo("Nguyễn Thị Hoà");
        assertThat(check.get("claims").get("iat").asLong()).as("issued when it was issued, not when signed again")
                .isEqualTo(JWSObject.parse(liveBefore).getPayload().toJSONObject().get("iat"));
        assertThat(TestServer.get().database.dsl().select(CERTIFICATE.CREDENTIAL).from(CERTIFICATE)
                .where(CERTIFICATE.NUMBER.eq(revoked)).fetchOne(CERTIFICATE.CREDENTIAL))
                .as("a revoked certificate keeps its credential").isEqualTo(revokedBefore);

        JsonNode audit = world.admin.get("/api/v1/audit-log?entity=signing_key&entityId=" + oldKid).json().get("items");
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).get("action").asText()).isEqualTo("sign_certificates_again");
        assertThat(audit.get(0).get("after").get("certificates").asInt()).isEqualTo(1);
        assertThat(audit.get(0).get("after").get("signingKey").asText()).isEqualTo(newKid);
    }

    @Test
    void retiringAKeyAfterRotationSignsAgainWithTheKeyInUse() throws Exception {
        CertificateFixtures.Issued issued = CertificateFixtures.issuedToHoa(world);
        String oldKid = kid(issued.certificate().get("credential").asText());
        Api.Res rotated = world.admin.post("/api/v1/keys/rotate", Map.of());
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(201);
        String signingKid = rotated.json().get("kid").asText();

        assertThat(world.admin.post("/api/v1/keys/" + oldKid + "/retire", Map.of()).status()).isEqualTo(204);

        String again = credentialNow(issued.course(), issued.hoa());
        assertThat(kid(again)).isEqualTo(signingKid);
        assertThat(verify(again).get("valid").asBoolean()).isTrue();
        assertThat(world.admin.post("/api/v1/keys/" + oldKid + "/retire", Map.of()).status())
                .as("a key is retired once").isEqualTo(404);
    }

    @Test
    void anErasureWhileTheSigningKeyIsRetiredWaitsForItInsteadOfDeadlocking() throws Exception {
        CertificateFixtures.Issued issued = CertificateFixtures.issuedToHoa(world);
        String number = issued.certificate().get("number").asText();
        String kid = kid(issued.certificate().get("credential").asText());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        // a third transaction holds the certificate, so that the erasure locks it just before
        // the retirement, which by then holds the key and waits to sign that certificate again
        try (HeldLock holder = HeldLock.take("select 1 from certificate where number = '" + number + "' for update")) {
            Future<Api.Res> erasure = pool.submit(() -> world.admin.post(
                    "/api/v1/participants/" + issued.hoa() + "/erasure", Map.of("reason", "Đơn đề nghị của học viên")));
            HeldLock.awaitWaiting(1);
            Future<Api.Res> retirement = pool.submit(() -> world.admin.post("/api/v1/keys/" + kid + "/retire", Map.of()));
            HeldLock.awaitWaiting(2);
            holder.close();

            Api.Res erased = erasure.get(30, TimeUnit.SECONDS);
            Api.Res retired = retirement.get(30, TimeUnit.SECONDS);
            assertThat(erased.status()).as(erased.body()).isEqualTo(200);
            assertThat(retired.status()).as(retired.body()).isEqualTo(204);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoRotationsWhileTheKeySignsEachMakeTheirOwnKeyAndLogWhatTheyFollowed() throws Exception {
        CertificateFixtures.Issued issued = CertificateFixtures.issuedToHoa(world);
        String first = kid(issued.certificate().get("credential").asText());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        // the key held as an issue holds it while it signs: both rotations wait for it
        try (HeldLock signer = HeldLock.take("select 1 from signing_key where kid = '" + first + "' for share")) {
            Future<Api.Res> one = pool.submit(() -> world.admin.post("/api/v1/keys/rotate", Map.of()));
            HeldLock.awaitWaiting(1);
            Future<Api.Res> other = pool.submit(() -> world.admin.post("/api/v1/keys/rotate", Map.of()));
            HeldLock.awaitWaiting(2);
            signer.close();

            List<String> made = new ArrayList<>();
            for (Future<Api.Res> rotation : List.of(one, other)) {
                Api.Res res = rotation.get(30, TimeUnit.SECONDS);
                assertThat(res.status()).as(res.body()).isEqualTo(201);
                made.add(res.json().get("kid").asText());
            }
            assertThat(made).as("each rotation makes a key").doesNotHaveDuplicates().doesNotContain(first);
            List<String> followed = new ArrayList<>();
            for (String kid : made) {
                JsonNode items = world.admin.get("/api/v1/audit-log?entity=signing_key&entityId=" + kid).json()
                        .get("items");
                assertThat(items).as(kid).hasSize(1);
                followed.add(items.get(0).get("before").get("signingKey").asText());
            }
            assertThat(followed).as("one followed the first key, the other the key the first rotation made")
                    .containsExactlyInAnyOrder(first, made.get(followed.indexOf(first)));
        } finally {
            pool.shutdownNow();
        }
    }

    /** The credential of a person's live certificate as the organiser gets it now (issuing again lists it). */
    private String credentialNow(CertificateFixtures.Course course, UUID person) {
        return CertificateFixtures.issuedTo(world, course, person).get("credential").asText();
    }

    private JsonNode verify(String credential) {
        Api.Res res = anyone.post("/api/v1/public/credentials/verify", Map.of("credential", credential));
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        return res.json();
    }

    private List<String> publishedKids() {
        List<String> kids = new ArrayList<>();
        anyone.get("/api/v1/keys").json().get("keys").forEach(k -> kids.add(k.get("kid").asText()));
        return kids;
    }

    private static String kid(String credential) throws Exception {
        return JWSObject.parse(credential).getHeader().getKeyID();
    }
}
