package vn.bdg.registry.audit;

import com.fasterxml.jackson.databind.JsonNode;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.db.Tables.AUDIT_LOG;

/**
 * Every write that changes stored data leaves exactly one audit entry (action, entity, entity id,
 * who), and a refused one leaves none: checked write by write, in one table.
 */
class AuditTrailIT {
    private final World world = World.create();

    private static DSLContext dsl() {
        return TestServer.get().database.dsl();
    }

    private UUID userId(Api api) {
        return UUID.fromString(api.get("/api/v1/me").json().get("id").asText());
    }

    /** One write: who sends it, what it answers, and the entry it must leave (action null: none). */
    private record Write(String name, Api by, Function<World, Api.Res> send, int status, String action,
                         String entity, Function<Api.Res, String> entityId) {
    }

    private List<Write> writes;

    @Test
    void everyWriteLeavesExactlyOneEntryAndARefusedOneNone() {
        LocalDate day = LocalDate.now(Fixtures.VIETNAM);
        UUID course = Fixtures.course(world, world.districtA, "running", day.minusDays(1), day.plusDays(1));
        UUID session = Fixtures.sessionNow(world, course);
        UUID spare = Fixtures.session(world, course, day.plusDays(1), LocalTime.of(8, 0), LocalTime.of(9, 0));
        UUID person = Fixtures.participant(world, "Lò Thị Hoa", "female", world.communeA1);
        Fixtures.enroll(world, course, person);
        UUID trainer = userId(world.trainer);
        UUID reporter = userId(world.reporter);
        byte[] png = "\u0089PNG\r\n\u001a\n rest of a photo".getBytes(StandardCharsets.ISO_8859_1);
        Function<Api.Res, String> none = r -> null;

        writes = new ArrayList<>(List.of(
                new Write("create a course", world.organizer, w -> w.organizer.post("/api/v1/courses",
                        Map.of("title", "Hội thảo lồng ghép giới", "kind", "workshop", "level", "province",
                                "unitCode", w.province, "startDate", "2025-06-02", "endDate", "2025-06-02")),
                        201, "create", "course", r -> r.json().get("id").asText()),
                new Write("edit a course", world.organizer,
                        w -> w.organizer.patch("/api/v1/courses/" + course, Map.of("venue", "Hội trường huyện")),
                        200, "update", "course", r -> course.toString()),
                new Write("a refused course edit", world.organizer,
                        w -> w.organizer.patch("/api/v1/courses/" + course, Map.of("status", "draft")),
                        409, null, null, none),
                // yesterday, which has no session: today's runs from 00:00 when the test runs before 00:10
                new Write("add a session", world.organizer, w -> w.organizer.post("/api/v1/courses/" + course
                        + "/sessions", Map.of("date", day.minusDays(1).toString(), "startTime", "00:00",
                        "endTime", "00:05")),
                        201, "create", "session", r -> r.json().get("id").asText()),
                new Write("edit a session", world.organizer,
                        w -> w.organizer.patch("/api/v1/sessions/" + spare, Map.of("venue", "Nhà văn hoá thôn")),
                        200, "update", "session", r -> spare.toString()),
                new Write("delete a session", world.organizer, w -> w.organizer.delete("/api/v1/sessions/" + spare),
                        204, "delete", "session", r -> spare.toString()),
                new Write("assign a trainer", world.organizer, w -> w.organizer.post("/api/v1/courses/" + course
                        + "/trainers", Map.of("userId", trainer.toString())),
                        201, "assign", "course_trainer", r -> course.toString()),
                new Write("assign the same trainer again", world.organizer, w -> w.organizer.post("/api/v1/courses/"
                        + course + "/trainers", Map.of("userId", trainer.toString())), 409, null, null, none),
                new Write("unassign a trainer", world.organizer,
                        w -> w.organizer.delete("/api/v1/courses/" + course + "/trainers/" + trainer),
                        204, "unassign", "course_trainer", r -> course.toString()),
                new Write("excuse", world.organizer, w -> w.organizer.put("/api/v1/sessions/" + session
                        + "/excused/" + person, Map.of("reason", "Công tác")), 204, "excuse", "session",
                        r -> session.toString()),
                new Write("remove an excuse", world.organizer,
                        w -> w.organizer.delete("/api/v1/sessions/" + session + "/excused/" + person),
                        204, "unexcuse", "session", r -> session.toString()),
                new Write("remove an excuse there is not", world.organizer,
                        w -> w.organizer.delete("/api/v1/sessions/" + session + "/excused/" + person),
                        404, null, null, none),
                new Write("upload a sign-in sheet", world.organizer, w -> w.organizer.send("POST",
                        "/api/v1/sessions/" + session + "/sign-in-sheets", "image/png", png),
                        201, "attach_sheet", "session", r -> session.toString()),
                new Write("create an organisation", world.organizer, w -> w.organizer.post("/api/v1/organizations",
                        Map.of("name", "Hội Liên hiệp Phụ nữ tỉnh", "unitCode", w.province)),
                        201, "create", "organization", r -> r.json().get("id").asText()),
                new Write("deactivate a user", world.admin,
                        w -> w.admin.patch("/api/v1/users/" + reporter, Map.of("active", false)),
                        200, "update", "user", r -> reporter.toString()),
                new Write("reset a password", world.admin, w -> w.admin.post("/api/v1/users/" + reporter
                        + "/password", Map.of("password", "another long password")),
                        204, "reset_password", "user", r -> reporter.toString()),
                new Write("report settings", world.admin,
                        w -> w.admin.put("/api/v1/reports/settings", Map.of("halfYearStart", "12-15")),
                        200, "update", "report_setting", r -> world.province),
                new Write("rotate the signing key", world.admin, w -> w.admin.post("/api/v1/keys/rotate", Map.of()),
                        201, "rotate_key", "signing_key", r -> r.json().get("kid").asText()),
                new Write("retire a key there is not", world.admin,
                        w -> w.admin.post("/api/v1/keys/" + w.province + "-nokey/retire", Map.of()),
                        404, null, null, none)));

        List<String> failures = new ArrayList<>();
        for (Write write : writes) {
            long last = lastEntry();
            Api.Res res = write.send().apply(world);
            if (res.status() != write.status()) {
                failures.add(write.name() + ": answered " + res.status() + " " + res.body());
                continue;
            }
            var entries = dsl().selectFrom(AUDIT_LOG)
                    .where(AUDIT_LOG.PROVINCE_CODE.eq(world.province).and(AUDIT_LOG.ID.gt(last))).fetch();
            if (write.action() == null) {
                if (!entries.isEmpty()) {
                    failures.add(write.name() + ": refused, yet logged " + entries.getValues(AUDIT_LOG.ACTION));
                }
                continue;
            }
            if (entries.size() != 1) {
                failures.add(write.name() + ": " + entries.size() + " entries " + entries.getValues(AUDIT_LOG.ACTION));
                continue;
            }
            var e = entries.get(0);
            UUID by = userId(write.by());
            if (!write.action().equals(e.getAction()) || !write.entity().equals(e.getEntity())
                    || !write.entityId().apply(res).equals(e.getEntityId()) || !by.equals(e.getUserId())) {
                failures.add(write.name() + ": logged " + e.getAction() + " " + e.getEntity() + " "
                        + e.getEntityId() + " by " + e.getUserId());
            }
        }
        assertThat(failures).isEmpty();
    }

    /** The entries a write left in the province, as "action entity", in the order written. */
    private List<String> entriesAfter(long last) {
        return dsl().select(AUDIT_LOG.ACTION, AUDIT_LOG.ENTITY).from(AUDIT_LOG)
                .where(AUDIT_LOG.PROVINCE_CODE.eq(world.province).and(AUDIT_LOG.ID.gt(last)))
                .orderBy(AUDIT_LOG.ID).fetch(r -> r.value1() + " " + r.value2());
    }

    private record Step(String name, java.util.function.Supplier<Api.Res> send, int status, List<String> entries) {
    }

    @Test
    void participantAndAttendanceWritesLeaveTheirEntriesAndRefusedOnesNone() {
        LocalDate day = LocalDate.now(Fixtures.VIETNAM);
        UUID course = Fixtures.course(world, world.districtA, "running", day.minusDays(1), day.plusDays(1));
        UUID session = Fixtures.sessionNow(world, course);
        UUID duplicate = Fixtures.participant(world, "Lò Thị Hoa", "female", world.communeA1);
        Api org = world.organizer;
        Map<String, String> ids = new HashMap<>();
        Function<String, String> id = ids::get;

        List<Step> steps = List.of(
                new Step("register", () -> keep(ids, "p", org.post("/api/v1/participants", Map.of("fullName",
                        "Lò Thị Hoa", "sex", "female", "birthYear", 1990, "unitCode", world.communeA1))),
                        201, List.of("create participant")),
                new Step("edit", () -> org.patch("/api/v1/participants/" + id.apply("p"),
                        Map.of("phone", "0912 345 678", "birthDate", "1990-03-04")), 200, List.of("update participant")),
                new Step("enroll", () -> keep(ids, "e", org.post("/api/v1/courses/" + course + "/enrollments",
                        Map.of("participantId", id.apply("p")))), 201, List.of("enroll enrollment")),
                new Step("enroll again", () -> org.post("/api/v1/courses/" + course + "/enrollments",
                        Map.of("participantId", id.apply("p"))), 409, List.of()),
                new Step("check in", () -> keep(ids, "c", org.post("/api/v1/sessions/" + session + "/check-ins",
                        Map.of("clientScanId", UUID.randomUUID().toString(), "participantId", id.apply("p"),
                                "method", "manual", "scannedAt", java.time.OffsetDateTime.now().toString()))),
                        // a check-in is its own record of who and when (scanned_by, received_at), never changed
                        201, List.of()),
                new Step("undo the check-in", () -> org.delete("/api/v1/check-ins/" + id.apply("c")), 204,
                        List.of("undo check_in")),
                new Step("undo it again", () -> org.delete("/api/v1/check-ins/" + id.apply("c")), 409, List.of()),
                new Step("revoke the card", () -> org.post("/api/v1/participants/" + id.apply("p") + "/card/revoke",
                        Map.of("reason", "Mất thẻ")), 200, List.of("revoke_card participant")),
                new Step("withdraw", () -> org.post("/api/v1/courses/" + course + "/enrollments/" + id.apply("e")
                        + "/withdraw", Map.of("reason", "Ốm")), 200, List.of("withdraw enrollment")),
                new Step("walk in", () -> org.post("/api/v1/courses/" + course + "/walk-ins", Map.of("sessionId",
                        session.toString(), "clientScanId", UUID.randomUUID().toString(), "scannedAt",
                        java.time.OffsetDateTime.now().toString(), "participant", Map.of("fullName", "Hà Thị Mai",
                                "sex", "female", "birthYear", 1985))), 201,
                        List.of("create participant", "enroll enrollment")),
                new Step("merge", () -> org.post("/api/v1/participants/" + id.apply("p") + "/merge",
                        Map.of("duplicateId", duplicate.toString())), 200, null),
                new Step("erase", () -> world.admin.post("/api/v1/participants/" + id.apply("p") + "/erasure",
                        Map.of("reason", "Đơn đề nghị ngày 12/01/2026")), 200, null),
                new Step("erase again", () -> world.admin.post("/api/v1/participants/" + id.apply("p") + "/erasure",
                        Map.of("reason", "Đơn đề nghị ngày 12/01/2026")), 409, List.of()));

        List<String> failures = new ArrayList<>();
        for (Step step : steps) {
            long last = lastEntry();
            Api.Res res = step.send().get();
            List<String> entries = entriesAfter(last);
            if (res.status() != step.status()) {
                failures.add(step.name() + ": answered " + res.status() + " " + res.body());
            } else if (step.entries() != null && !entries.equals(step.entries())) {
                failures.add(step.name() + ": logged " + entries);
            } else if (step.entries() == null && step.status() < 300 && entries.isEmpty()) {
                failures.add(step.name() + ": logged nothing");
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void entriesKeepPhoneBirthDateAndNationalIdOnlyAsFingerprintsOrMasked() {
        LocalDate day = LocalDate.now(Fixtures.VIETNAM);
        UUID course = Fixtures.course(world, world.districtA, "running", day.minusDays(1), day.plusDays(1));
        UUID session = Fixtures.sessionNow(world, course);
        Api.Res created = world.organizer.post("/api/v1/participants", Map.of("fullName", "Lò Thị Hoa", "sex",
                "female", "birthDate", "1990-03-04", "phone", "0912345678", "nationalId", "001190012345",
                "unitCode", world.communeA1));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(world.organizer.patch("/api/v1/participants/" + id, Map.of("phone", "0987654321",
                "birthDate", "1991-05-06")).status()).isEqualTo(200);
        assertThat(world.organizer.post("/api/v1/courses/" + course + "/enrollments", Map.of("participantId", id))
                .status()).isEqualTo(201);
        Api.Res walkIn = world.organizer.post("/api/v1/courses/" + course + "/walk-ins", Map.of("sessionId",
                session.toString(), "clientScanId", UUID.randomUUID().toString(), "scannedAt",
                java.time.OffsetDateTime.now().toString(), "participant", Map.of("fullName", "Hà Thị Mai",
                        "sex", "female", "birthDate", "1985-07-08", "phone", "0977111222")));
        assertThat(walkIn.status()).as(walkIn.body()).isEqualTo(201);

        String log = world.admin.get("/api/v1/audit-log?limit=200").body();
        assertThat(log).contains("hmac:");
        for (String personal : List.of("0912345678", "912345678", "0987654321", "987654321", "1990-03-04",
                "1991-05-06", "0977111222", "977111222", "1985-07-08", "001190012345")) {
            assertThat(log).as("the audit log holds " + personal + " in clear").doesNotContain(personal);
        }
    }

    @Test
    void aReplacedOrRemovedExcuseKeepsItsReasonInTheEntryBefore() {
        LocalDate day = LocalDate.now(Fixtures.VIETNAM);
        UUID course = Fixtures.course(world, world.districtA, "running", day.minusDays(1), day.plusDays(1));
        UUID session = Fixtures.sessionNow(world, course);
        UUID person = Fixtures.participant(world, "Lò Thị Hoa", "female", world.communeA1);
        Fixtures.enroll(world, course, person);
        String path = "/api/v1/sessions/" + session + "/excused/" + person;
        assertThat(world.organizer.put(path, Map.of("reason", "Công tác")).status()).isEqualTo(204);
        assertThat(world.admin.put(path, Map.of("reason", "Ốm, có giấy của trạm y tế")).status()).isEqualTo(204);
        assertThat(world.organizer.delete(path).status()).isEqualTo(204);

        JsonNode items = world.admin.get("/api/v1/audit-log?entity=session&entityId=" + session).json().get("items");
        assertThat(items).hasSize(3);
        JsonNode removed = items.get(0);
        JsonNode replaced = items.get(1);
        assertThat(replaced.get("action").asText()).isEqualTo("excuse");
        assertThat(replaced.get("before").get("reason").asText()).isEqualTo("Công tác");
        assertThat(replaced.get("after").get("reason").asText()).isEqualTo("Ốm, có giấy của trạm y tế");
        assertThat(removed.get("action").asText()).isEqualTo("unexcuse");
        assertThat(removed.get("before").get("reason").asText()).isEqualTo("Ốm, có giấy của trạm y tế");
        assertThat(items.get(2).get("before").isNull()).isTrue();
    }

    @Test
    void pagesNeitherSkipNorRepeatEntriesWhileNewOnesArriveAndFiltersNarrowThem() {
        for (int i = 0; i < 7; i++) {
            assertThat(world.organizer.post("/api/v1/organizations", Map.of("name", "Hội " + i,
                    "unitCode", world.province)).status()).isEqualTo(201);
        }
        List<String> before = new ArrayList<>();
        world.admin.get("/api/v1/audit-log?entity=organization&limit=200").json().get("items")
                .forEach(e -> before.add(e.get("id").asText()));
        assertThat(before).hasSize(7);

        List<String> walked = new ArrayList<>();
        String cursor = null;
        int arrivals = 0;
        do {
            Api.Res page = world.admin.get("/api/v1/audit-log?entity=organization&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            page.json().get("items").forEach(e -> walked.add(e.get("id").asText()));
            cursor = page.json().path("nextCursor").isTextual() ? page.json().get("nextCursor").asText() : null;
            world.organizer.post("/api/v1/organizations", Map.of("name", "Hội mới " + arrivals++,
                    "unitCode", world.province));
        } while (cursor != null);
        assertThat(walked).containsExactlyElementsOf(before);

        JsonNode byId = world.admin.get("/api/v1/audit-log?entity=organization&entityId=x" + before.get(0))
                .json().get("items");
        assertThat(byId).isEmpty();
        assertThat(world.districtOrganizer.get("/api/v1/audit-log").status()).isEqualTo(403);
        assertThat(world.reporter.get("/api/v1/audit-log").status()).isEqualTo(403);
        assertThat(World.create().admin.get("/api/v1/audit-log?entity=organization").json().get("items")).isEmpty();
    }

    @Test
    void anAuditorNarrowsTheLogToOneAccountOneActionAndTheDaysOfVietnam() {
        assertThat(world.organizer.post("/api/v1/organizations", Map.of("name", "Hội Nông dân",
                "unitCode", world.province)).status()).isEqualTo(201);
        assertThat(world.admin.post("/api/v1/organizations", Map.of("name", "Hội Cựu chiến binh",
                "unitCode", world.province)).status()).isEqualTo(201);
        assertThat(world.admin.put("/api/v1/reports/settings", Map.of("halfYearStart", "12-15")).status())
                .isEqualTo(200);

        JsonNode organizer = world.admin.get("/api/v1/audit-log?userId=" + userId(world.organizer)).json().get("items");
        assertThat(organizer).extracting(e -> e.get("entity").asText()).containsExactly("organization");
        assertThat(organizer.get(0).get("after").get("name").asText()).isEqualTo("Hội Nông dân");
        assertThat(organizer.get(0).get("username").asText()).isEqualTo(world.username("organizer"));
        JsonNode admins = world.admin.get("/api/v1/audit-log?action=update&userId=" + userId(world.admin))
                .json().get("items");
        assertThat(admins).extracting(e -> e.get("entity").asText()).containsExactly("report_setting");
        assertThat(admins.get(0).get("username").asText()).isEqualTo(world.username("admin"));

        // 23:30 on 30 June in Vietnam is 16:30 UTC: an entry of 30 June; 00:30 on 1 July is one of July
        dsl().insertInto(AUDIT_LOG, AUDIT_LOG.PROVINCE_CODE, AUDIT_LOG.AT, AUDIT_LOG.ACTION, AUDIT_LOG.ENTITY,
                        AUDIT_LOG.ENTITY_ID)
                .values(world.province, java.time.OffsetDateTime.parse("2026-06-30T16:30:00Z"), "update", "course", "june")
                .values(world.province, java.time.OffsetDateTime.parse("2026-06-30T17:30:00Z"), "update", "course", "july")
                .execute();
        JsonNode june = world.admin.get("/api/v1/audit-log?from=2026-06-01&to=2026-06-30").json().get("items");
        assertThat(june).extracting(e -> e.get("entityId").asText()).containsExactly("june");
        assertThat(june.get(0).get("username").isNull()).as("written by no account").isTrue();
        JsonNode july = world.admin.get("/api/v1/audit-log?from=2026-07-01&to=2026-07-01").json().get("items");
        assertThat(july).extracting(e -> e.get("entityId").asText()).containsExactly("july");

        Api.Res swapped = world.admin.inLanguage("en").get("/api/v1/audit-log?from=2026-07-01&to=2026-06-30");
        assertThat(swapped.status()).as(swapped.body()).isEqualTo(400);
        assertThat(swapped.json().get("errors").get(0).get("field").asText()).isEqualTo("to");
        assertThat(world.admin.get("/api/v1/audit-log?userId=admin").status()).isEqualTo(400);
        assertThat(world.admin.get("/api/v1/audit-log?from=30/06/2026").status()).isEqualTo(400);
    }

    @Test
    void concurrentChangesOfTheReportSettingsLogAnUnbrokenChainOfBeforeAndAfter() throws Exception {
        List<java.util.concurrent.Callable<Integer>> saves = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String cutOff = String.format("%02d-15", i % 12 + 1);
            saves.add(() -> world.admin.put("/api/v1/reports/settings", Map.of("halfYearStart", cutOff)).status());
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            for (var done : pool.invokeAll(saves)) {
                assertThat(done.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }
        var entries = dsl().selectFrom(AUDIT_LOG).where(AUDIT_LOG.PROVINCE_CODE.eq(world.province)
                .and(AUDIT_LOG.ENTITY.eq("report_setting"))).orderBy(AUDIT_LOG.ID).fetch();
        assertThat(entries).hasSize(30);
        for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i).getBefore().data()).as("entry " + i + " follows the one before it")
                    .isEqualTo(entries.get(i - 1).getAfter().data());
        }
    }

    private static Api.Res keep(Map<String, String> ids, String key, Api.Res res) {
        if (res.status() < 300) {
            JsonNode json = res.json();
            JsonNode idNode = json.has("id") ? json.get("id") : json.has("checkIn") ? json.get("checkIn").get("id")
                    : json.path("items").path(0).path("id");
            ids.put(key, idNode.asText());
        }
        return res;
    }

    private long lastEntry() {
        Long id = dsl().select(org.jooq.impl.DSL.max(AUDIT_LOG.ID)).from(AUDIT_LOG).fetchOne().value1();
        return id == null ? 0 : id;
    }

    @Test
    void theRotationOfASigningKeyIsInTheAuditLogUnderTheNewKey() {
        String oldKid = world.admin.post("/api/v1/keys/rotate", Map.of()).json().get("kid").asText();
        String newKid = world.admin.post("/api/v1/keys/rotate", Map.of()).json().get("kid").asText();

        JsonNode items = world.admin.get("/api/v1/audit-log?entity=signing_key&entityId=" + newKid).json().get("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("action").asText()).isEqualTo("rotate_key");
        assertThat(items.get(0).get("userId").asText()).isEqualTo(userId(world.admin).toString());
        assertThat(items.get(0).get("before").get("signingKey").asText()).isEqualTo(oldKid);
        assertThat(items.get(0).get("after").get("signingKey").asText()).isEqualTo(newKid);
    }
}
