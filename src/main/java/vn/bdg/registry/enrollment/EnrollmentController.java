package vn.bdg.registry.enrollment;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import vn.bdg.registry.Core;
import vn.bdg.registry.auth.AccessManager;
import vn.bdg.registry.course.CourseRepository;
import vn.bdg.registry.web.Bodies;
import vn.bdg.registry.web.PageRequest;
import vn.bdg.registry.web.Params;
import vn.bdg.registry.web.Validator;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Client/server IO for enrollments and trainer assignments. */
public final class EnrollmentController {
    record WithdrawRequest(String reason) {
    }

    record AssignRequest(UUID userId) {
    }

    private final EnrollmentService enrollments;
    private final TrainerService trainers;

    public EnrollmentController(EnrollmentService enrollments, TrainerService trainers) {
        this.enrollments = enrollments;
        this.trainers = trainers;
    }

    public void list(Context ctx) {
        PageRequest page = PageRequest.of(ctx);
        String status = Params.queryEnum(ctx, "status", Set.of(Enrollment.ENROLLED, Enrollment.WITHDRAWN));
        OffsetDateTime afterAt = page.hasCursor() ? page.afterDateTime(0) : null;
        UUID afterId = page.hasCursor() ? page.afterId(1) : null;
        List<Enrollment> rows = enrollments.list(AccessManager.caller(ctx), Params.pathId(ctx, "id"), status,
                afterAt, afterId, page.limit() + 1);
        ctx.json(page.page(rows, e -> List.of(e.enrolledAt().toString(), e.id().toString())));
    }

    /** One enrollment object, answered with one; or {"items": [...]}, answered in kind. */
    public void create(Context ctx) {
        UUID courseId = Params.pathId(ctx, "id");
        JsonNode body = Bodies.readTree(ctx);
        if (body.has("items")) {
            List<EnrollmentInput> items = Bodies.convert(body, EnrollmentInput.Batch.class).items();
            ctx.status(201).json(Map.of("items",
                    enrollments.enroll(AccessManager.caller(ctx), courseId, items, true)));
        } else {
            EnrollmentInput item = Bodies.convert(body, EnrollmentInput.class);
            ctx.status(201).json(enrollments.enroll(AccessManager.caller(ctx), courseId, List.of(item), false).get(0));
        }
    }

    /** The body is optional: no body withdraws without a reason. */
    public void withdraw(Context ctx) {
        UUID courseId = Params.pathId(ctx, "id");
        UUID enrollmentId = Params.pathId(ctx, "enrollmentId");
        String reason = ctx.bodyAsBytes().length == 0 ? null : Bodies.read(ctx, WithdrawRequest.class).reason();
        ctx.json(enrollments.withdraw(AccessManager.caller(ctx), courseId, enrollmentId, reason));
    }

    public void listTrainers(Context ctx) {
        ctx.json(Map.of("items", trainers.list(AccessManager.caller(ctx), Params.pathId(ctx, "id"))));
    }

    public void assignTrainer(Context ctx) {
        UUID courseId = Params.pathId(ctx, "id");
        AssignRequest req = Bodies.read(ctx, AssignRequest.class);
        new Validator().require("userId", req.userId()).validate();
        ctx.status(201).json(trainers.assign(AccessManager.caller(ctx), courseId, req.userId()));
    }

    public void unassignTrainer(Context ctx) {
        trainers.unassign(AccessManager.caller(ctx), Params.pathId(ctx, "id"), Params.pathId(ctx, "userId"));
        ctx.status(204);
    }
}
