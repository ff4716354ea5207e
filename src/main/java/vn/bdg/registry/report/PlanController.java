package vn.bdg.registry.report;

import io.javalin.http.Context;
import vn.bdg.registry.auth.AccessManager;
import vn.bdg.registry.text.VietnameseText;
import vn.bdg.registry.web.ApiException;
import vn.bdg.registry.web.Bodies;
import vn.bdg.registry.web.ETags;
import vn.bdg.registry.web.PageRequest;
import vn.bdg.registry.web.Params;
import vn.bdg.registry.web.Validator;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Client/server IO for annual plans and for linking a course to a plan activity. */
public final class PlanController {
    private static final Set<String> LEVELS = Set.of("province", "district", "commune");
    private static final int MAX_ACTIVITIES = 500;
    private static final BigDecimal MAX_BUDGET = new BigDecimal("999999999999999");
    /** The years a plan may have. */
    private static final int FIRST_YEAR = 2000;
    private static final int LAST_YEAR = 2100;
    /** The bounds as a message says them: as text, since a message formats numbers as counts ("2.000"). */
    private static final Object[] YEAR_RANGE = {String.valueOf(FIRST_YEAR), String.valueOf(LAST_YEAR)};

    record PlanRequest(String number, LocalDate issuedOn, Integer year, String title, List<ActivityRequest> activities) {
    }

    /** id: in an amended plan, the activity kept (with its linked courses); absent for a new one. */
    record ActivityRequest(UUID id, String description, String topic, String targetGroup, String level,
                           Integer plannedCourses, Integer plannedParticipants, BigDecimal budget) {
    }

    record LinkRequest(UUID activityId) {
    }

    private final PlanService service;

    public PlanController(PlanService service) {
        this.service = service;
    }

    public void create(Context ctx) {
        ctx.status(201).json(service.create(AccessManager.caller(ctx), planOf(Bodies.read(ctx, PlanRequest.class))));
    }

    public void update(Context ctx) {
        UUID id = Params.pathId(ctx, "id");
        Plan amended = planOf(Bodies.read(ctx, PlanRequest.class));
        ETags.answer(ctx, service.update(AccessManager.caller(ctx), id, ETags.ifMatch(ctx), amended));
    }

    /** The plan a create or an amendment sends, checked field by field (400/422 listing every field). */
    private static Plan planOf(PlanRequest req) {
        String number = VietnameseText.clean(req.number());
        String title = VietnameseText.clean(req.title());
        Validator v = new Validator().require("number", number).maxLength("number", number, 100)
                .require("issuedOn", req.issuedOn()).require("year", req.year())
                .check(req.year() == null || isPlanYear(req.year()), "year", "out_of_range", YEAR_RANGE)
                .require("title", title).maxLength("title", title, 500)
                .require("activities", req.activities());
        List<Plan.Activity> activities = new ArrayList<>();
        if (req.activities() != null) {
            v.check(!req.activities().isEmpty() && req.activities().size() <= MAX_ACTIVITIES, "activities",
                    "out_of_range", 1, MAX_ACTIVITIES);
            for (int i = 0; i < req.activities().size(); i++) {
                ActivityRequest a = req.activities().get(i);
                String at = "activities[" + i + "].";
                if (a == null) {
                    v.check(false, "activities[" + i + "]", "required");
                    continue;
                }
                String description = VietnameseText.clean(a.description());
                v.maxLength(at + "description", description, 1000)
                        .check(a.level() == null || LEVELS.contains(a.level()), at + "level", "not_allowed",
                                "province, district, commune")
                        .require(at + "plannedCourses", a.plannedCourses())
                        .check(a.plannedCourses() == null || a.plannedCourses() >= 0, at + "plannedCourses",
                                "out_of_range", 0, Integer.MAX_VALUE)
                        .require(at + "plannedParticipants", a.plannedParticipants())
                        .check(a.plannedParticipants() == null || a.plannedParticipants() >= 0,
                                at + "plannedParticipants", "out_of_range", 0, Integer.MAX_VALUE)
                        .check(a.budget() == null || (a.budget().signum() >= 0
                                && a.budget().stripTrailingZeros().scale() <= 0 && a.budget().compareTo(MAX_BUDGET) <= 0),
                                at + "budget", "out_of_range", 0, MAX_BUDGET);
                activities.add(new Plan.Activity(a.id(), i + 1, description, a.topic(), a.targetGroup(), a.level(),
                        a.plannedCourses() == null ? 0 : a.plannedCourses(),
                        a.plannedParticipants() == null ? 0 : a.plannedParticipants(),
                        a.budget() == null || v.errors().stream().anyMatch(e -> e.field().equals(at + "budget"))
                                ? null : a.budget().longValue(), 0));
            }
        }
        v.validate();
        return new Plan(null, number, req.issuedOn(), req.year(), title, activities, null);
    }

    private static boolean isPlanYear(int year) {
        return year >= FIRST_YEAR && year <= LAST_YEAR;
    }

    public void list(Context ctx) {
        String raw = Params.query(ctx, "year");
        if (raw != null && !raw.matches("\\d{1,9}")) { // a year of other than four digits is out of range, below
            throw ApiException.invalid("year", "wrong_type");
        }
        Integer year = raw == null ? null : Integer.valueOf(raw);
        if (year != null && !isPlanYear(year)) {
            throw ApiException.invalid("year", "out_of_range", YEAR_RANGE);
        }
        ctx.json(service.list(AccessManager.caller(ctx), year, PageRequest.of(ctx)));
    }

    public void get(Context ctx) {
        ETags.answer(ctx, service.get(AccessManager.caller(ctx), Params.pathId(ctx, "id")));
    }

    public void delete(Context ctx) {
        service.delete(AccessManager.caller(ctx), Params.pathId(ctx, "id"));
        ctx.status(204);
    }

    public void linkCourse(Context ctx) {
        UUID courseId = Params.pathId(ctx, "id");
        Bodies.Patch<LinkRequest> req = Bodies.readPatch(ctx, LinkRequest.class);
        new Validator().check(req.has("activityId"), "activityId", "required").validate();
        ctx.json(service.linkCourse(AccessManager.caller(ctx), courseId, req.value().activityId()));
    }
}
