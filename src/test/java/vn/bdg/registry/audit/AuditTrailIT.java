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
                new Write("add a session", world.organizer, w -> w.organizer.post("/api/v1/courses/" + course
                        + "/sessions", Map.of("date", day.toString(), "startTime", "00:00", "endTime", "00:05")),
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
