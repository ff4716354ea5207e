package vn.bdg.registry.attendance;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;
import vn.bdg.registry.web.Json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch's sentAt is the phone's clock when the upload starts; the server measures how far the
 * phone's clock is off against when the upload came in, not when its last byte did (found in review:
 * a phone uploading over a slow link had every scan judged as many seconds later as the upload took,
 * so people scanned just before the late threshold came out late, with a phone whose clock was right).
 */
class SlowUploadIT {
    private static final ZoneOffset VN = ZoneOffset.ofHours(7);
    private static final Duration UPLOAD_TAKES = Duration.ofSeconds(12);
    private final World world = World.create();

    /** POSTs the JSON body with its Content-Length, the second half of it sent only after UPLOAD_TAKES. */
    private static JsonNode postSlowly(String token, String path, Object body) throws Exception {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
        int half = bytes.length / 2;
        Flow.Publisher<ByteBuffer> slow = subscriber -> {
            SubmissionPublisher<ByteBuffer> publisher = new SubmissionPublisher<>();
            publisher.subscribe(subscriber);
            Thread upload = new Thread(() -> {
                publisher.submit(ByteBuffer.wrap(bytes, 0, half));
                try {
                    Thread.sleep(UPLOAD_TAKES.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                publisher.submit(ByteBuffer.wrap(bytes, half, bytes.length - half));
                publisher.close();
            });
            upload.setDaemon(true);
            upload.start();
        };
        HttpRequest request = HttpRequest.newBuilder(URI.create(TestServer.get().baseUrl + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.fromPublisher(slow, bytes.length))
                .build();
        HttpResponse<String> res = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(res.statusCode()).as(res.body()).isIn(200, 201);
        return Json.MAPPER.readTree(res.body());
    }

    @Test
    void aSlowUploadFromAPhoneWithTheRightTimeDoesNotMakeAPersonScannedOnTimeLate() throws Exception {
        // yesterday's morning session; the phone scanned her offline 5 s before she would have been late
        LocalDate yesterday = LocalDate.now(Fixtures.VIETNAM).minusDays(1);
        UUID course = Fixtures.courseToday(world, world.districtA);
        UUID session = Fixtures.session(world, course, yesterday, LocalTime.of(7, 30), LocalTime.of(11, 30));
        UUID person = Fixtures.participant(world, "Triệu Thị Mai", "female", world.communeA1);
        Fixtures.enroll(world, course, person);
        OffsetDateTime scannedAt = yesterday.atTime(7, 44, 55).atOffset(VN);

        String token = Api.anonymous().post("/api/v1/auth/login", Map.of("username", world.username("organizer"),
                "password", World.PASSWORD)).json().get("accessToken").asText();
        // the phone's clock is right: sentAt is the time the upload starts
        JsonNode answer = postSlowly(token, "/api/v1/check-ins/batch", Map.of(
                "sentAt", OffsetDateTime.now(VN).toString(),
                "items", List.of(Map.of("sessionId", session.toString(), "clientScanId", UUID.randomUUID().toString(),
                        "participantId", person.toString(), "method", "manual", "scannedAt", scannedAt.toString(),
                        "deviceId", "slow-link"))))
                .get("items").get(0);
        assertThat(answer.get("outcome").asText()).isEqualTo("accepted");
        assertThat(answer.get("checkIn").get("clockSuspect").asBoolean()).isFalse();

        JsonNode mark = world.organizer.get("/api/v1/courses/" + course + "/attendance").json().get("participants")
                .get(0).get("sessions").get(0);
        assertThat(Duration.between(scannedAt, OffsetDateTime.parse(mark.get("scannedAt").asText())).abs())
                .as("timed as scanned, not as late as the upload took: " + mark).isLessThan(Duration.ofSeconds(2));
        assertThat(mark.get("status").asText()).isEqualTo("present");
    }

    @Test
    void aWalkInSentSlowlyFromAPhoneWithTheRightTimeIsTimedAsRegistered() throws Exception {
        LocalDate yesterday = LocalDate.now(Fixtures.VIETNAM).minusDays(1);
        UUID course = Fixtures.courseToday(world, world.districtA);
        UUID session = Fixtures.session(world, course, yesterday, LocalTime.of(7, 30), LocalTime.of(11, 30));
        OffsetDateTime scannedAt = yesterday.atTime(7, 44, 55).atOffset(VN);

        String token = Api.anonymous().post("/api/v1/auth/login", Map.of("username", world.username("organizer"),
                "password", World.PASSWORD)).json().get("accessToken").asText();
        JsonNode answer = postSlowly(token, "/api/v1/courses/" + course + "/walk-ins", Map.of(
                "sessionId", session.toString(), "clientScanId", UUID.randomUUID().toString(),
                "scannedAt", scannedAt.toString(), "sentAt", OffsetDateTime.now(VN).toString(), "deviceId", "slow-link",
                "participant", Map.of("fullName", "Sầm Văn Chiến", "sex", "male")));
        assertThat(answer.get("checkIn").get("outcome").asText()).isEqualTo("accepted");
        assertThat(answer.get("checkIn").get("checkIn").get("clockSuspect").asBoolean()).isFalse();

        JsonNode mark = world.organizer.get("/api/v1/courses/" + course + "/attendance").json().get("participants")
                .get(0).get("sessions").get(0);
        assertThat(Duration.between(scannedAt, OffsetDateTime.parse(mark.get("scannedAt").asText())).abs())
                .as("timed as registered, not as late as the upload took: " + mark).isLessThan(Duration.ofSeconds(2));
        assertThat(mark.get("status").asText()).isEqualTo("present");
    }
}
