package vn.bdg.registry.enrollment;

import org.jooq.DSLContext;
import vn.bdg.registry.Core;
import vn.bdg.registry.auth.Caller;
import vn.bdg.registry.auth.Role;
import vn.bdg.registry.catalog.Catalogs;
import vn.bdg.registry.course.Course;
import vn.bdg.registry.course.CourseRepository;
import vn.bdg.registry.participant.Erased;
import vn.bdg.registry.text.VietnameseText;
import vn.bdg.registry.web.ApiException;
import vn.bdg.registry.web.FieldError;
import vn.bdg.registry.web.Messages;
import vn.bdg.registry.web.Validator;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Rules for enrollments: only visible, unmerged participants; a course that is not closed; no
 * participant twice; capacity counts enrolled trainees. One request is one transaction holding
 * its people, then the course's row lock, so concurrent requests cannot overfill a course.
 */
public final class EnrollmentService {
    public static final int MAX_BATCH = 10_000;
    private static final int MAX_REASON = 1000;

    private final Core core;
    private final CourseRepository courses;
    private final EnrollmentRepository enrollments;

    public EnrollmentService(Core core, CourseRepository courses, EnrollmentRepository enrollments) {
        this.core = core;
        this.courses = courses;
        this.enrollments = enrollments;
    }

    /** This service working inside the transaction tx (its own transactions become savepoints). */
    public EnrollmentService within(DSLContext tx) {
        return new EnrollmentService(core.within(tx), courses, enrollments);
    }

    public List<Enrollment> list(Caller caller, UUID courseId, String status, OffsetDateTime afterAt, UUID afterId,
                                 int limit) {
        courses.find(caller, courseId).orElseThrow(ApiException::notFound);
        List<Enrollment> rows = enrollments.list(caller, courseId, status, afterAt, afterId, limit);
        // as excuses' reasons: only those who enter withdrawals read why
        return caller.is(Role.MANAGERS) ? rows : rows.stream().map(Enrollment::withoutReason).toList();
    }

    /**
     * Enrolls every item or none. In a batch (batch = true) field errors name the item
     * ("items[3].participantId"). Without a target group, the enrollment takes the participant's
     * first target group that the course also targets, if any.
     */
    public List<Enrollment> enroll(Caller caller, UUID courseId, List<EnrollmentInput> items, boolean batch) {
        checkShape(items, batch);
        List<UUID> ids = items.stream().map(EnrollmentInput::participantId).toList();
        return core.dsl().transactionResult(trx -> {
            DSLContext tx = trx.dsl();
            // the people held before the course is locked, as withdrawals, walk-ins and issuing take
            // them: course first, an enrollment waited for a merge holding a duplicate, the merge for
            // a withdrawal holding the kept record, the withdrawal for the course (a deadlock, a 500)
            Map<UUID, EnrollmentRepository.Candidate> people = enrollments.candidates(tx, caller, ids);
            Course course = courses.lock(tx, caller, courseId).orElseThrow(ApiException::notFound);
            if (course.status().closed()) {
                throw ApiException.conflict("course_closed", Messages.courseStatus(course.status()));
            }
            checkReferences(items, people, batch);
            Map<UUID, Enrollment> before = enrollments.byParticipant(tx, caller, courseId, ids);
            checkNotEnrolled(items, before, batch);
            checkCapacity(tx, course, items);

            List<EnrollmentRepository.NewEnrollment> rows = items.stream().map(i -> {
                EnrollmentRepository.Candidate person = people.get(i.participantId());
                return new EnrollmentRepository.NewEnrollment(person, i.roleOrDefault(),
                        i.targetGroup() != null ? i.targetGroup() : groupAsOfCourse(person, course));
            }).toList();
            List<Enrollment> result = enrollments.upsert(tx, caller.provinceCode(), courseId, rows);
            // One audit row per enrollment, sent to the database in JDBC batches.
            tx.batched(c -> result.forEach(e -> core.audit().record(c.dsl(), caller, "enroll", "enrollment",
                    e.id(), before.get(e.participantId()), e)));
            return result;
        });
    }

    public Enrollment withdraw(Caller caller, UUID courseId, UUID enrollmentId, String reason) {
        String cleaned = VietnameseText.cleanLines(reason);
        new Validator().maxLength("reason", cleaned, MAX_REASON).validate();
        return core.dsl().transactionResult(trx -> {
            DSLContext tx = trx.dsl();
            UUID person = enrollments.find(tx, caller, courseId, enrollmentId)
                    .orElseThrow(ApiException::notFound).participantId();
            // the person held before the enrollment is read for the audit entry: an erasure under way
            // is waited for, so the entry does not keep the name it has just removed; one that starts
            // meanwhile waits, then scrubs this entry with the others. Held before the course is
            // locked: a walk-in records a consent or unit on the person, then locks the course to
            // enroll them; the other order would deadlock with it.
            boolean erased = Erased.held(tx, person);
            Course course = courses.lock(tx, caller, courseId).orElseThrow(ApiException::notFound);
            Enrollment before = enrollments.find(tx, caller, courseId, enrollmentId)
                    .orElseThrow(ApiException::notFound);
            if (!before.participantId().equals(person)) {
                throw ApiException.conflict("conflict"); // merged into another record since it was read: try again
            }
            if (course.status().closed()) {
                throw ApiException.conflict("course_closed", Messages.courseStatus(course.status()));
            }
            if (!before.enrolled()) {
                throw ApiException.conflict("already_withdrawn");
            }
            if (cleaned != null && erased) {
                // a reason may tell of health or family matters: none is kept about an erased person
                throw ApiException.conflict("erased");
            }
            enrollments.withdraw(tx, enrollmentId, cleaned);
            Enrollment after = enrollments.find(tx, caller, courseId, enrollmentId).orElseThrow();
            core.audit().record(tx, caller, "withdraw", "enrollment", enrollmentId, before, after);
            return after;
        });
    }

    private static String field(boolean batch, int index, String name) {
        return batch ? "items[" + index + "]." + name : name;
    }

    private static void checkShape(List<EnrollmentInput> items, boolean batch) {
        Validator v = new Validator();
        if (batch) {
            v.require("items", items);
            v.check(items == null || !items.isEmpty() && items.size() <= MAX_BATCH, "items", "out_of_range",
                    1, MAX_BATCH);
            v.validate();
        }
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            EnrollmentInput item = items.get(i);
            if (item == null) {
                v.require("items[" + i + "]", null);
                continue;
            }
            v.require(field(batch, i, "participantId"), item.participantId())
                    .check(item.role() == null || EnrollmentInput.ROLES.contains(item.role()),
                            field(batch, i, "role"), "not_allowed", String.join(", ", EnrollmentInput.ROLES))
                    .check(item.participantId() == null || seen.add(item.participantId()),
                            field(batch, i, "participantId"), "duplicate_in_request");
        }
        v.validate();
    }

    /**
     * 422 unless every participant is visible, unmerged and not erased, and every target group is a
     * catalogue code.
     */
    private void checkReferences(List<EnrollmentInput> items, Map<UUID, EnrollmentRepository.Candidate> people,
                                 boolean batch) {
        Validator v = new Validator();
        for (int i = 0; i < items.size(); i++) {
            EnrollmentInput item = items.get(i);
            EnrollmentRepository.Candidate person = people.get(item.participantId());
            v.check(person != null && !person.merged(), field(batch, i, "participantId"), "unknown_participant");
            v.check(person == null || !person.erased(), field(batch, i, "participantId"), "erased_participant");
            v.check(item.targetGroup() == null || core.catalogs().contains(Catalogs.TARGET_GROUPS, item.targetGroup()),
                    field(batch, i, "targetGroup"), "unknown_code");
        }
        if (!v.ok()) {
            throw new ApiException(422, "rule_violated", v.errors());
        }
    }

    private static void checkNotEnrolled(List<EnrollmentInput> items, Map<UUID, Enrollment> existing, boolean batch) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Enrollment e = existing.get(items.get(i).participantId());
            if (e != null && e.enrolled()) {
                errors.add(new FieldError(field(batch, i, "participantId"), "already_enrolled"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(409, "already_enrolled", errors);
        }
    }

    /** Capacity counts trainees only: trainers and observers do not take a trainee's place. */
    private void checkCapacity(DSLContext tx, Course course, List<EnrollmentInput> items) {
        if (course.capacity() == null) {
            return;
        }
        long newTrainees = items.stream().filter(i -> EnrollmentInput.TRAINEE.equals(i.roleOrDefault())).count();
        if (newTrainees > 0 && courses.enrolledTrainees(tx, course.id()) + newTrainees > course.capacity()) {
            throw ApiException.conflict("capacity_reached", course.capacity());
        }
    }

    private static String groupAsOfCourse(EnrollmentRepository.Candidate person, Course course) {
        return person.targetGroups().stream().filter(course.targetGroups()::contains).findFirst().orElse(null);
    }
}
