package vn.bdg.registry.support;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.UUID;

import static vn.bdg.registry.db.Tables.COURSE;
import static vn.bdg.registry.db.Tables.COURSE_SESSION;
import static vn.bdg.registry.db.Tables.COURSE_TRAINER;
import static vn.bdg.registry.db.Tables.ENROLLMENT;
import static vn.bdg.registry.db.Tables.PARTICIPANT;

/**
 * Rows written straight to the database, for tests of features that build on courses and
 * participants (scanning, attendance) without depending on how those are created.
 */
public final class Fixtures {
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private Fixtures() {
    }

    private static DSLContext dsl() {
        return TestServer.get().database.dsl();
    }

    public static UUID course(World world, String unitCode, String status, LocalDate start, LocalDate end) {
        return dsl().insertInto(COURSE)
                .set(COURSE.PROVINCE_CODE, world.province)
                .set(COURSE.CODE, "T-" + UUID.randomUUID().toString().substring(0, 8))
                .set(COURSE.TITLE, "Tập huấn kỹ năng lãnh đạo cho nữ đại biểu HĐND")
                .set(COURSE.KIND, "training")
                .set(COURSE.LEVEL, "district")
                .set(COURSE.UNIT_CODE, unitCode)
                .set(COURSE.START_DATE, start)
                .set(COURSE.END_DATE, end)
                .set(COURSE.STATUS, status)
                .returning(COURSE.ID).fetchOne(COURSE.ID);
    }

    /** A course as reports see it: kind, topics, target groups, level and organiser. */
    public static UUID course(World world, String unitCode, String status, LocalDate start, LocalDate end, String kind,
                              String[] topics, String[] targetGroups, String level, UUID organizerId) {
        return dsl().insertInto(COURSE)
                .set(COURSE.PROVINCE_CODE, world.province)
                .set(COURSE.CODE, "T-" + UUID.randomUUID().toString().substring(0, 8))
                .set(COURSE.TITLE, "Tập huấn " + kind + " " + start)
                .set(COURSE.KIND, kind)
                .set(COURSE.TOPICS, topics)
                .set(COURSE.TARGET_GROUPS, targetGroups)
                .set(COURSE.LEVEL, level)
                .set(COURSE.ORGANIZER_ID, organizerId)
                .set(COURSE.UNIT_CODE, unitCode)
                .set(COURSE.START_DATE, start)
                .set(COURSE.END_DATE, end)
                .set(COURSE.STATUS, status)
                .returning(COURSE.ID).fetchOne(COURSE.ID);
    }

    /** An open course running today with one session whose check-in window holds the present moment. */
    public static UUID courseToday(World world, String unitCode) {
        LocalDate today = LocalDate.now(VIETNAM);
        return course(world, unitCode, "running", today.minusDays(1), today.plusDays(1));
    }

    public static UUID session(World world, UUID courseId, LocalDate date, LocalTime start, LocalTime end) {
        return dsl().insertInto(COURSE_SESSION)
                .set(COURSE_SESSION.PROVINCE_CODE, world.province)
                .set(COURSE_SESSION.COURSE_ID, courseId)
                .set(COURSE_SESSION.SESSION_DATE, date)
                .set(COURSE_SESSION.START_TIME, start)
                .set(COURSE_SESSION.END_TIME, end)
                .set(COURSE_SESSION.VENUE, "Hội trường UBND xã")
                .returning(COURSE_SESSION.ID).fetchOne(COURSE_SESSION.ID);
    }

    /** A session today, from ten minutes ago (or midnight) to the end of the day: a scan now is on time. */
    public static UUID sessionNow(World world, UUID courseId) {
        LocalTime now = LocalTime.now(VIETNAM);
        LocalTime start = now.isBefore(LocalTime.of(0, 10)) ? LocalTime.MIDNIGHT : now.minusMinutes(10).withSecond(0).withNano(0);
        return session(world, courseId, LocalDate.now(VIETNAM), start, LocalTime.of(23, 59));
    }

    public static UUID participant(World world, String fullName, String sex, String unitCode) {
        return dsl().insertInto(PARTICIPANT)
                .set(PARTICIPANT.PROVINCE_CODE, world.province)
                .set(PARTICIPANT.FULL_NAME, fullName)
                .set(PARTICIPANT.SEX, sex)
                .set(PARTICIPANT.UNIT_CODE, unitCode)
                .returning(PARTICIPANT.ID).fetchOne(PARTICIPANT.ID);
    }

    /** A participant with the id given, for tests that need ids in a known order (locks are taken in id order). */
    public static UUID participant(World world, UUID id, String fullName, String sex, String unitCode) {
        return dsl().insertInto(PARTICIPANT)
                .set(PARTICIPANT.ID, id)
                .set(PARTICIPANT.PROVINCE_CODE, world.province)
                .set(PARTICIPANT.FULL_NAME, fullName)
                .set(PARTICIPANT.SEX, sex)
                .set(PARTICIPANT.UNIT_CODE, unitCode)
                .returning(PARTICIPANT.ID).fetchOne(PARTICIPANT.ID);
    }

    /** A participant as reports see them: birth year, ethnicity and target groups (null or empty: not recorded). */
    public static UUID participant(World world, String fullName, String sex, String unitCode, Integer birthYear,
                                   String ethnicityCode, String... targetGroups) {
        return dsl().insertInto(PARTICIPANT)
                .set(PARTICIPANT.PROVINCE_CODE, world.province)
                .set(PARTICIPANT.FULL_NAME, fullName)
                .set(PARTICIPANT.SEX, sex)
                .set(PARTICIPANT.UNIT_CODE, unitCode)
                .set(PARTICIPANT.BIRTH_YEAR, birthYear)
                .set(PARTICIPANT.ETHNICITY_CODE, ethnicityCode)
                .set(PARTICIPANT.TARGET_GROUPS, targetGroups)
                .returning(PARTICIPANT.ID).fetchOne(PARTICIPANT.ID);
    }

    /**
     * An enrollment with the target group the person had for the course (null: the person's own) and,
     * as the service records it, the person's unit.
     */
    public static UUID enroll(World world, UUID courseId, UUID participantId, String targetGroup) {
        return dsl().insertInto(ENROLLMENT)
                .set(ENROLLMENT.PROVINCE_CODE, world.province)
                .set(ENROLLMENT.COURSE_ID, courseId)
                .set(ENROLLMENT.PARTICIPANT_ID, participantId)
                .set(ENROLLMENT.TARGET_GROUP, targetGroup)
                .set(ENROLLMENT.UNIT_CODE, DSL.select(PARTICIPANT.UNIT_CODE).from(PARTICIPANT)
                        .where(PARTICIPANT.ID.eq(participantId)))
                .returning(ENROLLMENT.ID).fetchOne(ENROLLMENT.ID);
    }

    public static UUID enroll(World world, UUID courseId, UUID participantId) {
        return enroll(world, courseId, participantId, null);
    }

    public static void assignTrainer(World world, UUID courseId, Api trainer) {
        UUID userId = UUID.fromString(trainer.get("/api/v1/me").json().get("id").asText());
        dsl().insertInto(COURSE_TRAINER)
                .set(COURSE_TRAINER.COURSE_ID, courseId)
                .set(COURSE_TRAINER.USER_ID, userId)
                .set(COURSE_TRAINER.PROVINCE_CODE, world.province)
                .execute();
    }

    public static void mergeInto(UUID merged, UUID kept) {
        dsl().update(PARTICIPANT).set(PARTICIPANT.MERGED_INTO, kept).where(PARTICIPANT.ID.eq(merged)).execute();
    }
}
