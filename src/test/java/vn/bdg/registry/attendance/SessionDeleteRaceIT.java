package vn.bdg.registry.attendance;

import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.AtOnce;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.db.Tables.COURSE_SESSION;

/**
 * A session deleted (it has no records yet) at the moment something is recorded at it: a scan, an
 * excused absence, a photo of the signed sheet. Either the record is kept and the delete refused
 * (409 session_has_records), or the session is gone and the record refused (404): never a 500.
 */
class SessionDeleteRaceIT {
    private final World world = World.create();

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0};

    private void race(String what, int rounds, java.util.function.BiFunction<UUID, UUID, Callable<Api.Res>> write)
            throws Exception {
        LocalDate today = LocalDate.now(Fixtures.VIETNAM);
        for (int round = 0; round < rounds; round++) {
            UUID course = Fixtures.courseToday(world, world.districtA);
            Fixtures.session(world, course, today.plusDays(1), LocalTime.of(8, 0), LocalTime.of(11, 0));
            UUID session = Fixtures.sessionNow(world, course);
            UUID person = Fixtures.participant(world, "Nông Thị Hạnh", "female", world.communeA1);
            Fixtures.enroll(world, course, person);
            int delay = round % 6;
            List<Api.Res> answers = AtOnce.staggered(() -> world.organizer.delete("/api/v1/sessions/" + session),
                    delay, write.apply(session, person));
            Api.Res deleted = answers.get(0);
            Api.Res written = answers.get(1);
            String at = what + " round " + round + ": delete " + deleted.status() + " " + deleted.body()
                    + " / write " + written.status() + " " + written.body();
            assertThat(deleted.status()).as(at).isIn(204, 409);
            assertThat(written.status()).as(at).isLessThan(500);
            boolean gone = !TestServer.get().database.dsl().fetchExists(COURSE_SESSION, COURSE_SESSION.ID.eq(session));
            assertThat(gone).as(at).isEqualTo(deleted.status() == 204);
            if (gone) {
                assertThat(written.status()).as(at).isEqualTo(404);
            } else {
                assertThat(written.status()).as(at).isBetween(200, 299);
            }
        }
    }

    @Test
    void anExcuseEnteredWhileTheSessionIsDeletedIsNeverAServerError() throws Exception {
        race("excuse", 30, (session, person) -> () -> world.organizer.put(
                "/api/v1/sessions/" + session + "/excused/" + person, Map.of("reason", "Ốm")));
    }

    @Test
    void aSignInSheetAttachedWhileTheSessionIsDeletedIsNeverAServerError() throws Exception {
        race("sheet", 30, (session, person) -> () -> world.organizer.send("POST",
                "/api/v1/sessions/" + session + "/sign-in-sheets", "image/png", PNG));
    }

    @Test
    void aScanWhileTheSessionIsDeletedIsNeverAServerError() throws Exception {
        race("scan", 30, (session, person) -> () -> world.organizer.post("/api/v1/sessions/" + session
                + "/check-ins", Map.of("clientScanId", UUID.randomUUID().toString(), "participantId",
                person.toString(), "method", "manual", "scannedAt", OffsetDateTime.now().toString(), "deviceId", "d")));
    }
}
