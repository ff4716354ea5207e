package vn.bdg.registry.attendance;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.World;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AttendanceSheetIT {
    private final World world = World.create();

    private void scan(UUID session, UUID person, OffsetDateTime at) {
        var res = world.organizer.post("/api/v1/sessions/" + session + "/check-ins", Map.of(
                "clientScanId", UUID.randomUUID().toString(), "participantId", person.toString(),
                "method", "manual", "scannedAt", at.toString(), "deviceId", "d"));
        assertThat(res.json().get("outcome").asText()).as(res.body()).isEqualTo("accepted");
    }

    @Test
    void perPersonPerSessionMarksAndCompletionFollowTheCourseRule() {
        LocalDate day = LocalDate.now(Fixtures.VIETNAM).minusDays(1);
        UUID course = Fixtures.course(world, world.districtA, "running", day, day);
        UUID morning = Fixtures.session(world, course, day, LocalTime.of(7, 30), LocalTime.of(11, 30));
        UUID afternoon = Fixtures.session(world, course, day, LocalTime.of(13, 30), LocalTime.of(17, 0));
        UUID onTime = Fixtures.participant(world, "Lục Thị Huyền", "female", world.communeA1);
        UUID late = Fixtures.participant(world, "Dương Văn Sơn", "male", world.communeA2);
        UUID excused = Fixtures.participant(world, "Hứa Thị Dung", "female", world.communeA2);
        for (UUID p : new UUID[]{onTime, late, excused}) {
            Fixtures.enroll(world, course, p);
        }
        ZoneOffset vn = ZoneOffset.ofHours(7);
        scan(morning, onTime, day.atTime(7, 25).atOffset(vn));
        scan(afternoon, onTime, day.atTime(13, 40).atOffset(vn));
        scan(morning, late, day.atTime(8, 10).atOffset(vn));
        scan(afternoon, excused, day.atTime(13, 35).atOffset(vn));
        assertThat(world.organizer.put("/api/v1/sessions/" + morning + "/excused/" + excused,
                // typed in NFD (Unikey "Unicode tổ hợp"), with a no-break space: stored NFC, like names
                Map.of("reason", java.text.Normalizer.normalize(" Ốm, có giấy của\u00A0trạm y tế",
                        java.text.Normalizer.Form.NFD))).status()).isEqualTo(204);

        JsonNode sheet = world.reporter.get("/api/v1/courses/" + course + "/attendance").json();
        assertThat(sheet.get("minAttendanceShare").decimalValue()).isEqualByComparingTo("0.8");
        Map<String, JsonNode> byName = new java.util.HashMap<>();
        sheet.get("participants").forEach(p -> byName.put(p.get("fullName").asText(), p));

        JsonNode huyen = byName.get("Lục Thị Huyền");
        assertThat(huyen.get("sessions")).extracting(s -> s.get("status").asText()).containsExactly("present", "present");
        assertThat(huyen.get("completed").asBoolean()).isTrue();

        JsonNode son = byName.get("Dương Văn Sơn");
        assertThat(son.get("sessions")).extracting(s -> s.get("status").asText()).containsExactly("late", "absent");
        assertThat(son.get("completed").asBoolean()).as("1 of 2 is below 80%").isFalse();

        JsonNode dung = byName.get("Hứa Thị Dung");
        assertThat(dung.get("sessions").get(0).get("status").asText()).isEqualTo("excused");
        assertThat(dung.get("sessions").get(0).get("reason").asText()).isEqualTo("Ốm, có giấy của trạm y tế");
        assertThat(dung.get("completed").asBoolean()).as("1 of the 1 session not excused").isTrue();

        assertThat(world.trainer.get("/api/v1/courses/" + course + "/attendance").status())
                .as("a trainer not assigned to the course").isEqualTo(404);
        assertThat(World.create().reporter.get("/api/v1/courses/" + course + "/attendance").status()).isEqualTo(404);
    }

    @Test
    void theSheetListsPeopleAsAVietnameseListDoes() {
        LocalDate day = LocalDate.now(Fixtures.VIETNAM).minusDays(1);
        UUID course = Fixtures.course(world, world.districtA, "running", day, day);
        Fixtures.session(world, course, day, LocalTime.of(7, 30), LocalTime.of(11, 30));
        for (String name : new String[]{"Nguyễn Thị Đào", "Trần Văn Dũng", "Đỗ Văn An", "Nguyễn Văn An"}) {
            Fixtures.enroll(world, course, Fixtures.participant(world, name, "female", world.communeA1));
        }
        JsonNode sheet = world.organizer.get("/api/v1/courses/" + course + "/attendance").json();
        // by given name, Đ after D; two Ans by the whole name
        assertThat(sheet.get("participants")).extracting(p -> p.get("fullName").asText())
                .containsExactly("Đỗ Văn An", "Nguyễn Văn An", "Trần Văn Dũng", "Nguyễn Thị Đào");
    }

    @Test
    void onlyEnrolledPeopleCanBeExcusedAndOnlyByManagers() {
        LocalDate day = LocalDate.now(Fixtures.VIETNAM);
        UUID course = Fixtures.course(world, world.districtA, "open", day, day);
        UUID session = Fixtures.sessionNow(world, course);
        UUID stranger = Fixtures.participant(world, "Vi Văn Long", "male", world.communeA1);
        assertThat(world.organizer.put("/api/v1/sessions/" + session + "/excused/" + stranger,
                Map.of("reason", "x")).status()).isEqualTo(422);
        Fixtures.enroll(world, course, stranger);
        Fixtures.assignTrainer(world, course, world.trainer);
        assertThat(world.trainer.put("/api/v1/sessions/" + session + "/excused/" + stranger,
                Map.of("reason", "x")).status()).isEqualTo(403);
        assertThat(world.organizer.put("/api/v1/sessions/" + session + "/excused/" + stranger,
                Map.of()).status()).isEqualTo(400);
    }

    @Test
    void twoPhonesScanningAPersonMarkHerByTheEarlierScanWhicheverUploadsFirst() {
        LocalDate day = LocalDate.now(Fixtures.VIETNAM).minusDays(1);
        UUID course = Fixtures.course(world, world.districtA, "running", day, day);
        UUID session = Fixtures.session(world, course, day, LocalTime.of(7, 30), LocalTime.of(11, 30));
        UUID earlierFirst = Fixtures.participant(world, "Lục Thị Huyền", "female", world.communeA1);
        UUID laterFirst = Fixtures.participant(world, "Dương Thị Sen", "female", world.communeA1);
        Fixtures.enroll(world, course, earlierFirst);
        Fixtures.enroll(world, course, laterFirst);
        OffsetDateTime onTime = day.atTime(7, 40).atOffset(ZoneOffset.ofHours(7));
        OffsetDateTime late = day.atTime(8, 10).atOffset(ZoneOffset.ofHours(7));

        upload(session, earlierFirst, onTime);
        upload(session, earlierFirst, late);
        // the phone that scanned her on time was offline and uploads last
        upload(session, laterFirst, late);
        upload(session, laterFirst, onTime);

        JsonNode people = world.organizer.get("/api/v1/courses/" + course + "/attendance").json().get("participants");
        Map<String, String> marks = new HashMap<>();
        people.forEach(p -> marks.put(p.get("participantId").asText(), p.get("sessions").get(0).get("status").asText()));
        assertThat(marks).isEqualTo(Map.of(earlierFirst.toString(), "present", laterFirst.toString(), "present"));
        JsonNode checkedIn = world.organizer.get("/api/v1/sessions/" + session + "/roster").json().get("checkedIn");
        assertThat(checkedIn).extracting(c -> OffsetDateTime.parse(c.get("scannedAt").asText()).toInstant())
                .as("the roster a phone downloads says so too").containsOnly(onTime.toInstant());
    }

    private void upload(UUID session, UUID person, OffsetDateTime at) {
        var res = world.organizer.post("/api/v1/check-ins/batch", Map.of("items", List.of(Map.of(
                "sessionId", session.toString(), "clientScanId", UUID.randomUUID().toString(),
                "participantId", person.toString(), "method", "manual", "scannedAt", at.toString(),
                "deviceId", "phone-" + at.getMinute()))));
        assertThat(res.status()).as(res.body()).isEqualTo(200);
    }
}
