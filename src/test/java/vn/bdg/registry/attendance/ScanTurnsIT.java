package vn.bdg.registry.attendance;

import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.OwnServer;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live scans are worked on a few passes at a time, the others waiting their turn (LIVE_SCAN_PASSES,
 * SCAN_WAIT_SECONDS), and live scans waiting together are stored together (LiveScans). On servers
 * of their own, with one pass at a time.
 */
class ScanTurnsIT {
    private static final int PEOPLE = 16;
    private final World world = World.create();
    private final UUID course = Fixtures.courseToday(world, world.districtA);
    private final UUID session = Fixtures.sessionNow(world, course);
    private final List<String> cards = new ArrayList<>();

    ScanTurnsIT() {
        Fixtures.assignTrainer(world, course, world.trainer);
        for (int i = 0; i < PEOPLE; i++) {
            UUID person = Fixtures.participant(world, "Học viên " + i, "female", world.communeA1);
            Fixtures.enroll(world, course, person);
            cards.add(world.organizer.get("/api/v1/participants/" + person + "/card").json().get("token").asText());
        }
    }

    @Test
    void scansArrivingTogetherWaitTheirTurnAndAreStoredTogetherAllAccepted() throws Exception {
        try (OwnServer app = start(Duration.ofSeconds(30))) {
            Api trainer = world.trainer.at(app.baseUrl);
            Set<String> receivedAt = new HashSet<>();
            for (Api.Res res : together(trainer, cards.stream().map(CheckInIT::scan).toList())) {
                assertThat(res.status()).as(res.body()).isEqualTo(201);
                assertThat(res.json().get("outcome").asText()).isEqualTo("accepted");
                receivedAt.add(res.json().get("checkIn").get("receivedAt").asText());
            }
            assertThat(attended()).isEqualTo(PEOPLE);
            // the scans that waited while one turn was taken were stored in one pass, which has one
            // receive time (LiveScans); scans stored one by one would each have their own
            assertThat(receivedAt).as("receive times of %d scans sent at once", PEOPLE).hasSizeLessThan(PEOPLE);
        }
    }

    @Test
    void aScanThatFindsNoTurnInTimeIs503WithRetryAfterAndStoresNothingUntilSentAgain() throws Exception {
        try (OwnServer app = start(Duration.ZERO)) {
            Api trainer = world.trainer.at(app.baseUrl).inLanguage("vi");
            List<Map<String, Object>> scans = cards.stream().map(CheckInIT::scan).toList();
            List<Api.Res> answers = together(trainer, scans);
            int busy = 0;
            for (int i = 0; i < PEOPLE; i++) {
                Api.Res res = answers.get(i);
                if (res.status() == 201) {
                    continue;
                }
                busy++;
                assertThat(res.status()).as(res.body()).isEqualTo(503);
                assertThat(res.contentType()).startsWith("application/problem+json");
                assertThat(res.json().get("code").asText()).isEqualTo("busy");
                assertThat(res.json().get("title").asText()).isEqualTo("Hệ thống đang bận");
                assertThat(res.header("Retry-After")).isEqualTo("5");
                // nothing was stored: sent again, the same scan is new (201, not a replay)
                Api.Res again = trainer.post("/api/v1/sessions/" + session + "/check-ins", scans.get(i));
                assertThat(again.status()).as(again.body()).isEqualTo(201);
                assertThat(again.json().get("replayed").asBoolean()).isFalse();
            }
            assertThat(busy).as("with one turn and no wait, some of %d scans sent at once find it taken", PEOPLE)
                    .isPositive();
            assertThat(attended()).isEqualTo(PEOPLE);
        }
    }

    @Test
    void aScanThatMakesItsPassFailIsTheOnlyOneRefusedAndTheOthersOfThePassAreStored() throws Exception {
        // The test's own trigger fails every insert of one phone's scan, and holds another phone's
        // scan for a second so that the scans sent meanwhile all wait for the same next pass.
        String slowPhone = "slow-phone-" + UUID.randomUUID();
        String failingPhone = "failing-phone-" + UUID.randomUUID();
        var dsl = TestServer.get().database.dsl();
        dsl.execute("""
                create function scan_turns_it_trigger() returns trigger language plpgsql as $$
                begin
                    if new.device_id = '%s' then perform pg_sleep(1); end if;
                    if new.device_id = '%s' then raise exception 'this phone''s scans cannot be stored'; end if;
                    return new;
                end $$""".formatted(slowPhone, failingPhone));
        dsl.execute("create trigger scan_turns_it before insert on check_in for each row"
                + " execute function scan_turns_it_trigger()");
        try (OwnServer app = start(Duration.ofSeconds(30))) {
            Api trainer = world.trainer.at(app.baseUrl);
            Map<String, Object> slowScan = CheckInIT.scan(cards.get(0));
            slowScan.put("deviceId", slowPhone);
            CompletableFuture<Api.Res> slow = CompletableFuture.supplyAsync(
                    () -> trainer.post("/api/v1/sessions/" + session + "/check-ins", slowScan));
            Thread.sleep(300); // the slow scan's pass is running: the scans below wait for the next
            List<Map<String, Object>> scans = cards.subList(1, PEOPLE).stream().map(CheckInIT::scan).toList();
            scans.get(0).put("deviceId", failingPhone);
            List<Api.Res> answers = together(trainer, scans);

            assertThat(slow.get().status()).as(slow.get().body()).isEqualTo(201);
            Api.Res failed = answers.get(0);
            assertThat(failed.status()).as(failed.body()).isEqualTo(500);
            assertThat(failed.contentType()).startsWith("application/problem+json");
            for (Api.Res res : answers.subList(1, answers.size())) {
                assertThat(res.status()).as(res.body()).isEqualTo(201);
                assertThat(res.json().get("outcome").asText()).isEqualTo("accepted");
            }
            assertThat(attended()).isEqualTo(PEOPLE - 1);
        } finally {
            dsl.execute("drop trigger scan_turns_it on check_in");
            dsl.execute("drop function scan_turns_it_trigger()");
        }
    }

    private static OwnServer start(Duration wait) {
        return OwnServer.start(config -> config.withScanTurns(1, wait));
    }

    /** Sends every scan at the same moment, each from its own thread; answers in the same order. */
    private List<Api.Res> together(Api trainer, List<Map<String, Object>> scans) throws Exception {
        ExecutorService phones = Executors.newFixedThreadPool(scans.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<Api.Res>> answers = scans.stream().map(scan -> CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return trainer.post("/api/v1/sessions/" + session + "/check-ins", scan);
            }, phones)).toList();
            go.countDown();
            List<Api.Res> results = new ArrayList<>();
            for (CompletableFuture<Api.Res> answer : answers) {
                results.add(answer.get());
            }
            return results;
        } finally {
            phones.shutdown();
        }
    }

    private int attended() {
        return world.organizer.get("/api/v1/courses/" + course + "/attendance").json().get("participants")
                .findValuesAsText("attended").stream().mapToInt(Integer::parseInt).sum();
    }
}
