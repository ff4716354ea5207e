package vn.bdg.registry.enrollment;

import org.jooq.DSLContext;
import vn.bdg.registry.audit.AuditLog;
import vn.bdg.registry.auth.Caller;
import vn.bdg.registry.course.Course;
import vn.bdg.registry.course.CourseRepository;
import vn.bdg.registry.unit.UnitRepository;
import vn.bdg.registry.web.ApiException;

import java.util.List;
import java.util.UUID;

/**
 * Rules for assigning user accounts to a course as trainers: active trainers or organizers of the
 * province whose unit scope holds the course's unit (what they may scan), once each.
 */
public final class TrainerService {
    private final DSLContext dsl;
    private final CourseRepository courses;
    private final TrainerRepository trainers;
    private final UnitRepository units;
    private final AuditLog audit;

    public TrainerService(DSLContext dsl, CourseRepository courses, TrainerRepository trainers, UnitRepository units,
                          AuditLog audit) {
        this.dsl = dsl;
        this.courses = courses;
        this.trainers = trainers;
        this.units = units;
        this.audit = audit;
    }

    public List<CourseTrainer> list(Caller caller, UUID courseId) {
        courses.find(caller, courseId).orElseThrow(ApiException::notFound);
        return trainers.list(caller, courseId);
    }

    public CourseTrainer assign(Caller caller, UUID courseId, UUID userId) {
        return dsl.transactionResult(trx -> {
            DSLContext tx = trx.dsl();
            // locked, as a change of the course's unit locks it: neither slips past the other's check
            Course course = courses.lock(tx, caller, courseId).orElseThrow(ApiException::notFound);
            TrainerRepository.Assignable user = trainers.assignable(tx, caller, userId)
                    .orElseThrow(() -> ApiException.unprocessable("userId", "unknown_user"));
            // a user scoped to a district or commune sees and scans only courses of their units:
            // assigned to another, they would see the course but could not take its attendance
            // (asked on tx's connection: a second one, taken while it is held, could wait for ever)
            if (user.unitCode() != null && !units.scopeOf(tx, user.unitCode()).contains(course.unitCode())) {
                // an account of a unit outside the caller's scope is none they may see (404 on
                // /users/{id}): said to be unknown, as a missing one, not shown to exist
                throw ApiException.unprocessable("userId",
                        caller.canSeeUnit(user.unitCode()) ? "out_of_scope" : "unknown_user");
            }
            CourseTrainer assigned = trainers.insert(tx, caller, courseId, user.trainer())
                    .orElseThrow(() -> ApiException.conflict("already_assigned"));
            audit.record(tx, caller, "assign", "course_trainer", courseId, null, assigned);
            return assigned;
        });
    }

    public void unassign(Caller caller, UUID courseId, UUID userId) {
        dsl.transaction(trx -> {
            DSLContext tx = trx.dsl();
            courses.find(tx, caller, courseId).orElseThrow(ApiException::notFound);
            CourseTrainer removed = trainers.delete(tx, caller, courseId, userId).orElseThrow(ApiException::notFound);
            audit.record(tx, caller, "unassign", "course_trainer", courseId, removed, null);
        });
    }
}
