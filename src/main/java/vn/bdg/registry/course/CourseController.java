package vn.bdg.registry.course;

import io.javalin.http.Context;
import vn.bdg.registry.Core;
import vn.bdg.registry.auth.AccessManager;
import vn.bdg.registry.web.Bodies;
import vn.bdg.registry.web.ETags;
import vn.bdg.registry.web.PageRequest;
import vn.bdg.registry.web.Params;
import vn.bdg.registry.web.Validator;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Client/server IO for courses and their sessions. */
public final class CourseController {
    private final CourseService courses;
    private final SessionService sessions;

    public CourseController(Core core, PlanLinks planLinks) {
        CourseRepository courseRepository = new CourseRepository(core.dsl());
        SessionRepository sessionRepository = new SessionRepository(core.dsl());
        this.courses = new CourseService(core, courseRepository, sessionRepository, planLinks);
        this.sessions = new SessionService(core.dsl(), courseRepository, sessionRepository, core.audit(),
                core.config().clockSkewTolerance());
    }

    public void list(Context ctx) {
        PageRequest page = PageRequest.of(ctx);
        String status = Params.queryEnum(ctx, "status", CourseStatus.NAMES);
        LocalDate from = Params.queryDate(ctx, "from");
        LocalDate to = Params.queryDate(ctx, "to");
        // a period ending before it starts overlaps no course: the client swapped the dates, not "none then"
        new Validator().check(from == null || to == null || !to.isBefore(from), "to", "end_before_start").validate();
        var filter = new CourseRepository.Filter(from, to,
                status == null ? null : CourseStatus.valueOf(status), Params.query(ctx, "kind"),
                Params.query(ctx, "topic"), Params.queryUuid(ctx, "organizer"), Params.query(ctx, "unit"),
                Params.query(ctx, "q"));
        LocalDate afterStart = page.hasCursor() ? page.afterDate(0) : null;
        UUID afterId = page.hasCursor() ? page.afterId(1) : null;
        List<Course> rows = courses.list(AccessManager.caller(ctx), filter, afterStart, afterId, page.limit() + 1);
        ctx.json(page.page(rows, c -> List.of(c.startDate().toString(), c.id().toString())));
    }

    public void create(Context ctx) {
        ctx.status(201).json(courses.create(AccessManager.caller(ctx), Bodies.readPatch(ctx, CourseInput.class)));
    }

    public void get(Context ctx) {
        ETags.answer(ctx, courses.get(AccessManager.caller(ctx), Params.pathId(ctx, "id")));
    }

    public void update(Context ctx) {
        UUID id = Params.pathId(ctx, "id");
        ETags.answer(ctx, courses.update(AccessManager.caller(ctx), id, ETags.ifMatch(ctx),
                Bodies.readPatch(ctx, CourseInput.class)));
    }

    public void listSessions(Context ctx) {
        ctx.json(Map.of("items", sessions.list(AccessManager.caller(ctx), Params.pathId(ctx, "id"))));
    }

    public void createSession(Context ctx) {
        UUID courseId = Params.pathId(ctx, "id");
        ctx.status(201).json(sessions.create(AccessManager.caller(ctx), courseId,
                Bodies.readPatch(ctx, SessionInput.class)));
    }

    public void getSession(Context ctx) {
        ETags.answer(ctx, sessions.get(AccessManager.caller(ctx), Params.pathId(ctx, "id")));
    }

    public void updateSession(Context ctx) {
        UUID id = Params.pathId(ctx, "id");
        ETags.answer(ctx, sessions.update(AccessManager.caller(ctx), id, ETags.ifMatch(ctx),
                Bodies.readPatch(ctx, SessionInput.class)));
    }

    public void deleteSession(Context ctx) {
        sessions.delete(AccessManager.caller(ctx), Params.pathId(ctx, "id"), ETags.ifMatch(ctx));
        ctx.status(204);
    }
}
