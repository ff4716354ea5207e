package vn.bdg.registry.course;

import org.jooq.DSLContext;
import vn.bdg.registry.Core;
import vn.bdg.registry.attendance.SessionContext;
import vn.bdg.registry.auth.Caller;
import vn.bdg.registry.catalog.Catalogs;
import vn.bdg.registry.sql.Unique;
import vn.bdg.registry.web.ApiException;
import vn.bdg.registry.web.Bodies;
import vn.bdg.registry.web.Messages;
import vn.bdg.registry.web.Validator;
import vn.bdg.registry.web.Versioned;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Rules for courses: references to catalogues, units and organisations of the caller's province
 * and scope; the status life cycle ({@link CourseStatus}); dates that keep every session inside;
 * a capacity not below the enrolled trainees; codes unique per province.
 */
public final class CourseService {
    static final Set<String> LEVELS = Set.of("province", "district", "commune");
    private static final BigDecimal MIN_SHARE = new BigDecimal("0.001");
    private static final BigDecimal MAX_HOURS = new BigDecimal("99999.9");
    private static final int MAX_CAPACITY = 100_000;
    private static final long MAX_FUNDING = 999_999_999_999_999L;
    private static final int MAX_TEXT = 500;

    private final Core core;
    private final CourseRepository courses;
    private final SessionRepository sessions;
    private final PlanLinks planLinks;

    public CourseService(Core core, CourseRepository courses, SessionRepository sessions, PlanLinks planLinks) {
        this.core = core;
        this.courses = courses;
        this.sessions = sessions;
        this.planLinks = planLinks;
    }

    public Versioned<Course> get(Caller caller, UUID id) {
        return versioned(courses.find(caller, id).orElseThrow(ApiException::notFound));
    }

    /**
     * The course and its version (the ETag): that of its own fields, not of enrolledCount, which
     * enrollments change without changing the course (an edit made meanwhile loses nothing of them).
     */
    private static Versioned<Course> versioned(Course course) {
        return Versioned.of(course, "enrolledCount");
    }

    /** Up to limit courses of the caller's view after the given list position (null: from the start). */
    public List<Course> list(Caller caller, CourseRepository.Filter filter, LocalDate afterStart, UUID afterId,
                             int limit) {
        // a code no course can have is said, rather than answered with an empty list (as participants' targetGroup)
        Validator v = new Validator();
        v.check(filter.kind() == null || core.catalogs().contains(Catalogs.COURSE_KINDS, filter.kind()), "kind",
                "unknown_code");
        v.check(filter.topic() == null || core.catalogs().contains(Catalogs.TOPICS, filter.topic()), "topic",
                "unknown_code");
        v.validate();
        Set<String> units = filter.unit() == null ? null : core.units().scopeOf(filter.unit());
        return courses.list(caller, filter, units, afterStart, afterId, limit);
    }

    /** A new course in status draft; without a code it gets the next one of the province ("2025-0042"). */
    public Course create(Caller caller, Bodies.Patch<CourseInput> input) {
        if (input.has("status")) {
            throw ApiException.invalid("status", "unknown_field");
        }
        CourseInput in = checked(core.dsl(), caller, CourseInput.defaults().overlaidWith(input), false);
        return Unique.orConflict("conflict", () -> core.dsl().transactionResult(trx -> {
            DSLContext tx = trx.dsl();
            String code = in.code();
            if (code == null) {
                code = freeCode(tx, caller.provinceCode(), in.startDate());
            } else if (courses.codeTaken(tx, caller.provinceCode(), code)) {
                throw ApiException.conflict("conflict");
            }
            UUID id = courses.insert(tx, caller, code, in);
            Course created = courses.find(tx, caller, id).orElseThrow();
            core.audit().record(tx, caller, "create", "course", id, null, created);
            return created;
        }));
    }

    /**
     * Changes the fields the client sent and, with status, moves the course along its life cycle.
     * A closed course keeps its fields; a course runs only with sessions. With ifMatch (the
     * If-Match header; null: none), only the version it names is changed, else 412.
     */
    public Versioned<Course> update(Caller caller, UUID id, String ifMatch, Bodies.Patch<CourseInput> patch) {
        CourseStatus requested = patch.has("status") ? parseStatus(patch.value().status()) : null;
        boolean editsFields = patch.present().stream().anyMatch(f -> !f.equals("status"));
        return Unique.orConflict("conflict", () -> core.dsl().transactionResult(trx -> {
            DSLContext tx = trx.dsl();
            Course before = courses.lock(tx, caller, id).orElseThrow(ApiException::notFound);
            versioned(before).requireMatch(ifMatch);
            CourseInput in = CourseInput.of(before).overlaidWith(patch);
            checkShape(in, true);
            CourseStatus to = requested == null ? before.status() : requested;
            if (to != before.status() && !before.status().canMoveTo(to)) {
                throw ApiException.conflict("invalid_status_transition", Messages.courseStatus(before.status()),
                        Messages.courseStatus(to));
            }
            if (before.status().closed() && editsFields) {
                throw ApiException.conflict("course_closed", Messages.courseStatus(before.status()));
            }
            // on the transaction's connection: a second one, taken while this one is held, would let
            // as many edits at once as the pool has connections wait for each other until they fail
            in = checkRules(tx, caller, in);
            checkAgainstState(tx, caller, before, in, to);
            if (!in.code().equals(before.code()) && courses.codeTaken(tx, caller.provinceCode(), in.code())) {
                throw ApiException.conflict("conflict");
            }
            courses.update(tx, id, in, to);
            Course after = courses.find(tx, caller, id).orElseThrow();
            core.audit().record(tx, caller, editsFields ? "update" : "status_change", "course", id, before, after);
            return versioned(after);
        }));
    }

    private static CourseStatus parseStatus(String status) {
        new Validator().require("status", status)
                .check(status == null || CourseStatus.NAMES.contains(status), "status", "not_allowed",
                        String.join(", ", CourseStatus.NAMES))
                .validate();
        return CourseStatus.valueOf(status);
    }

    /** Rules that depend on what the course already has: its plan activity, sessions, trainers and enrolled trainees. */
    private void checkAgainstState(DSLContext tx, Caller caller, Course before, CourseInput in, CourseStatus to) {
        if (!in.startDate().equals(before.startDate())) {
            planLinks.checkStart(tx, caller, before.id(), in.startDate());
        }
        if (!in.startDate().equals(before.startDate()) || !in.endDate().equals(before.endDate())) {
            SessionRepository.DateRange held = sessions.dateRange(tx, before.id());
            if (held != null && held.first().isBefore(in.startDate())) {
                throw ApiException.unprocessable("startDate", "has_sessions_outside");
            }
            if (held != null && held.last().isAfter(in.endDate())) {
                throw ApiException.unprocessable("endDate", "has_sessions_outside");
            }
        }
        if (!in.unitCode().equals(before.unitCode())) {
            // a trainer scoped to a district or commune is assigned only to courses held there
            // (TrainerService.assign): moved elsewhere, the course would vanish from their phone
            List<String> outside = courses.scopedTrainers(tx, before.id()).stream()
                    .filter(t -> !core.units().scopeOf(tx, t.unitCode()).contains(in.unitCode()))
                    .map(CourseRepository.ScopedTrainer::username).toList();
            if (!outside.isEmpty()) {
                throw ApiException.unprocessable("unitCode", "trainers_out_of_scope", String.join(", ", outside));
            }
        }
        if (to != before.status() && to.needsSessions() && sessions.count(tx, before.id()) == 0) {
            throw ApiException.unprocessable("status", "no_sessions");
        }
        if (to == CourseStatus.completed && to != before.status()) {
            // completion decides who gets a certificate: a session still to come would be left out
            LocalDateTime lastEnd = sessions.lastEnd(tx, before.id());
            if (lastEnd.atZone(SessionContext.VIETNAM).isAfter(ZonedDateTime.now(SessionContext.VIETNAM))) {
                throw ApiException.unprocessable("status", "sessions_ahead", lastEnd.toLocalDate().toString(),
                        lastEnd.toLocalTime().toString());
            }
        }
        if (in.capacity() != null && !in.capacity().equals(before.capacity())) {
            int enrolled = courses.enrolledTrainees(tx, before.id());
            if (enrolled > in.capacity()) {
                throw ApiException.unprocessable("capacity", "below_enrolled", enrolled);
            }
        }
    }

    /** The input checked: first its shape (400), then its references (422). */
    private CourseInput checked(DSLContext ctx, Caller caller, CourseInput in, boolean codeRequired) {
        checkShape(in, codeRequired);
        return checkRules(ctx, caller, in);
    }

    private static void checkShape(CourseInput in, boolean codeRequired) {
        Validator v = new Validator();
        if (codeRequired) {
            v.require("code", in.code());
        }
        v.maxLength("code", in.code(), 50)
                .require("title", in.title()).maxLength("title", in.title(), MAX_TEXT)
                .require("kind", in.kind())
                .require("level", in.level())
                .check(in.level() == null || LEVELS.contains(in.level()), "level", "not_allowed",
                        String.join(", ", LEVELS))
                .require("unitCode", in.unitCode())
                .require("startDate", in.startDate())
                .require("endDate", in.endDate())
                .check(in.startDate() == null || in.endDate() == null || !in.endDate().isBefore(in.startDate()),
                        "endDate", "end_before_start")
                .maxLength("venue", in.venue(), MAX_TEXT)
                .check(in.plannedHours() == null || in.plannedHours().signum() >= 0
                        && in.plannedHours().compareTo(MAX_HOURS) <= 0, "plannedHours", "out_of_range", 0, MAX_HOURS)
                // stored as numeric(6,1): more decimals would be rounded silently (12.25 kept as 12.3)
                .check(in.plannedHours() == null || in.plannedHours().stripTrailingZeros().scale() <= 1,
                        "plannedHours", "too_many_decimals", 1)
                .check(in.capacity() == null || in.capacity() >= 1 && in.capacity() <= MAX_CAPACITY,
                        "capacity", "out_of_range", 1, MAX_CAPACITY)
                .maxLength("fundingSource", in.fundingSource(), MAX_TEXT)
                .check(in.fundingAmount() == null || in.fundingAmount() >= 0 && in.fundingAmount() <= MAX_FUNDING,
                        "fundingAmount", "out_of_range", 0, MAX_FUNDING)
                .require("completionRule", in.completionRule());
        requireElements(v, "topics", in.topics());
        requireElements(v, "targetGroups", in.targetGroups());
        requireElements(v, "coOrganizerIds", in.coOrganizerIds());
        if (in.completionRule() != null) {
            BigDecimal share = in.completionRule().minAttendanceShare();
            // stored as numeric(4,3): a share with more decimals would be rounded (to 0, refused by the table)
            v.require("completionRule.minAttendanceShare", share)
                    .check(share == null || share.compareTo(MIN_SHARE) >= 0 && share.compareTo(BigDecimal.ONE) <= 0
                                    && share.stripTrailingZeros().scale() <= 3,
                            "completionRule.minAttendanceShare", "share_out_of_range");
        }
        if (in.planReference() != null) {
            v.require("planReference.number", in.planReference().number())
                    .maxLength("planReference.number", in.planReference().number(), 100);
        }
        v.validate();
    }

    private static void requireElements(Validator v, String field, List<?> values) {
        v.require(field, values);
        for (int i = 0; values != null && i < values.size(); i++) {
            v.require(field + "[" + i + "]", values.get(i));
        }
    }

    /**
     * References must name catalogue codes, and units and organisations of the caller's province and
     * scope (asked on ctx).
     */
    private CourseInput checkRules(DSLContext ctx, Caller caller, CourseInput in) {
        Validator v = new Validator();
        Catalogs catalogs = core.catalogs();
        v.check(catalogs.contains(Catalogs.COURSE_KINDS, in.kind()), "kind", "unknown_code");
        for (int i = 0; i < in.topics().size(); i++) {
            v.check(catalogs.contains(Catalogs.TOPICS, in.topics().get(i)), "topics[" + i + "]", "unknown_code");
        }
        for (int i = 0; i < in.targetGroups().size(); i++) {
            v.check(catalogs.contains(Catalogs.TARGET_GROUPS, in.targetGroups().get(i)), "targetGroups[" + i + "]",
                    "unknown_code");
        }
        v.check(core.units().inProvince(ctx, in.unitCode(), caller.provinceCode()) && caller.canSeeUnit(in.unitCode()),
                "unitCode", "unknown_unit");
        v.check(in.organizerId() == null
                        || core.organizations().allInProvince(ctx, caller.provinceCode(), List.of(in.organizerId())),
                "organizerId", "unknown_organization");
        v.check(core.organizations().allInProvince(ctx, caller.provinceCode(), in.coOrganizerIds()),
                "coOrganizerIds", "unknown_organization");
        if (!v.ok()) {
            throw new ApiException(422, "rule_violated", v.errors());
        }
        return in.withoutRepeats();
    }

    private String freeCode(DSLContext tx, String provinceCode, LocalDate startDate) {
        String code;
        do {
            code = "%d-%04d".formatted(startDate.getYear(), courses.nextCodeNumber(tx));
        } while (courses.codeTaken(tx, provinceCode, code));
        return code;
    }
}
