package vn.bdg.registry.enrollment;

import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.AtOnce;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.db.Tables.AUDIT_LOG;
import static vn.bdg.registry.db.Tables.ENROLLMENT;

/**
 * After a person's data was erased at their request, no new free-text reason about them is kept:
 * as an excuse (409 erased) and a withheld certificate (409 erased), a withdrawal with a reason
 * (which may tell of an illness or a family matter) is refused, and nothing is written to the
 * enrollment or the audit log.
 */
class ErasedWithdrawalReasonIT {
    private static final String REASON = "Bị ung thư giai đoạn cuối, đang điều trị tại Bệnh viện K";

    private final World world = World.create();

    @Test
    void anErasedPersonsEnrollmentIsNotWithdrawnWithANewReasonAboutThem() {
        UUID course = Fixtures.courseToday(world, world.districtA);
        UUID person = Fixtures.participant(world, "Hà Thị Nga", "female", world.communeA1);
        UUID enrollment = Fixtures.enroll(world, course, person);
        Api.Res erased = world.admin.post("/api/v1/participants/" + person + "/erasure",
                Map.of("reason", "Đơn đề nghị ngày 12/01/2026, nhận trực tiếp tại Sở Nội vụ"));
        assertThat(erased.status()).as(erased.body()).isEqualTo(200);

        Api.Res withdraw = world.organizer.post("/api/v1/courses/" + course + "/enrollments/" + enrollment
                + "/withdraw", Map.of("reason", REASON));

        assertThat(withdraw.status()).as(withdraw.body()).isEqualTo(409);
        assertThat(withdraw.json().get("code").asText()).isEqualTo("erased");
        var dsl = TestServer.get().database.dsl();
        assertThat(dsl.select(ENROLLMENT.WITHDRAWAL_REASON).from(ENROLLMENT).where(ENROLLMENT.ID.eq(enrollment))
                .fetchOne(ENROLLMENT.WITHDRAWAL_REASON)).as("no reason kept about an erased person").isNull();
        assertThat(dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.PROVINCE_CODE.eq(world.province)
                .and(AUDIT_LOG.AFTER.cast(String.class).contains("ung thư")))).as("nor in the audit log").isZero();
        assertThat(world.admin.get("/api/v1/courses/" + course + "/enrollments").body()).doesNotContain("ung thư");
        // withdrawn without a reason: nothing is said about the person, and the list is right
        Api.Res plain = world.organizer.post("/api/v1/courses/" + course + "/enrollments/" + enrollment
                + "/withdraw", Map.of());
        assertThat(plain.status()).as(plain.body()).isEqualTo(200);
        assertThat(plain.json().get("status").asText()).isEqualTo("withdrawn");
        assertThat(plain.json().get("withdrawalReason").isNull()).isTrue();
    }

    @Test
    void aReasonForAWithdrawalMadeAtTheMomentOfTheErasureIsNotKeptNorTheNameInItsAuditEntry() throws Exception {
        String name = "Hoàng Thị Mận";
        LocalDate start = LocalDate.now(Fixtures.VIETNAM).plusDays(10);
        var dsl = TestServer.get().database.dsl();
        for (int round = 0; round < 30; round++) {
            UUID course = Fixtures.course(world, world.districtA, "open", start, start.plusDays(1));
            UUID person = Fixtures.participant(world, name, "female", world.communeA1);
            UUID enrollment = Fixtures.enroll(world, course, person);
            int delay = round % 6;
            boolean withReason = round % 2 == 0;
            // every other round without a reason: the withdrawal is made, and keeps no name either
            List<Api.Res> answers = AtOnce.staggered(
                    () -> world.admin.post("/api/v1/participants/" + person + "/erasure",
                            Map.of("reason", "Yêu cầu bằng văn bản ngày 5/2/2026")), delay,
                    () -> world.organizer.post("/api/v1/courses/" + course + "/enrollments/" + enrollment
                            + "/withdraw", withReason ? Map.of("reason", REASON) : Map.of()));
            String at = "round " + round + ": erasure " + answers.get(0).status() + ", withdrawal "
                    + answers.get(1).status() + " " + answers.get(1).body();
            assertThat(answers.get(0).status()).as(at).isEqualTo(200);
            assertThat(answers.get(1).status()).as(at).isIn(200, 409);
            assertThat(dsl.select(ENROLLMENT.WITHDRAWAL_REASON).from(ENROLLMENT).where(ENROLLMENT.ID.eq(enrollment))
                    .fetchOne(ENROLLMENT.WITHDRAWAL_REASON)).as(at).isNotEqualTo(REASON);
            // nor the person's name in the audit entry of the withdrawal (its enrollment as it was before)
            assertThat(dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.ENTITY.eq("enrollment")
                    .and(AUDIT_LOG.ENTITY_ID.eq(enrollment.toString()))
                    .and(DSL.field("{0}::text", String.class, AUDIT_LOG.BEFORE).contains(name)
                            .or(DSL.field("{0}::text", String.class, AUDIT_LOG.AFTER).contains(name)))))
                    .as(at + ": audit entries naming the erased person").isZero();
        }
    }
}
