package vn.bdg.registry.course;

import vn.bdg.registry.text.VietnameseText;
import vn.bdg.registry.web.Bodies;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The fields a client writes (CourseCreate, or CoursePatch which adds status), as read from JSON.
 * Enumerations stay strings here so that a wrong value gets a message listing the allowed ones.
 * A create is a patch over {@link #defaults()}, an update a patch over the stored course, so both
 * end up as one complete value that is checked the same way.
 */
public record CourseInput(String code, String title, String kind, List<String> topics, List<String> targetGroups,
                          String level, UUID organizerId, List<UUID> coOrganizerIds, String unitCode, String venue,
                          LocalDate startDate, LocalDate endDate, BigDecimal plannedHours, Integer capacity,
                          String fundingSource, Long fundingAmount, CompletionRuleInput completionRule,
                          PlanReferenceInput planReference, String status) {

    public static final BigDecimal DEFAULT_MIN_ATTENDANCE_SHARE = new BigDecimal("0.8");

    public record CompletionRuleInput(BigDecimal minAttendanceShare) {
    }

    public record PlanReferenceInput(String number, LocalDate date) {
    }

    /** What a new course starts from: empty lists and the default completion rule. */
    static CourseInput defaults() {
        return new CourseInput(null, null, null, List.of(), List.of(), null, null, List.of(), null, null, null, null,
                null, null, null, null, new CompletionRuleInput(DEFAULT_MIN_ATTENDANCE_SHARE), null, null);
    }

    /** The stored course as input, the base of an update. */
    static CourseInput of(Course c) {
        return new CourseInput(c.code(), c.title(), c.kind(), c.topics(), c.targetGroups(), c.level(),
                c.organizerId(), c.coOrganizerIds(), c.unitCode(), c.venue(), c.startDate(), c.endDate(),
                c.plannedHours() == null ? null : BigDecimal.valueOf(c.plannedHours()), c.capacity(),
                c.fundingSource(), c.fundingAmount(),
                new CompletionRuleInput(BigDecimal.valueOf(c.completionRule().minAttendanceShare())),
                c.planReference() == null ? null
                        : new PlanReferenceInput(c.planReference().number(), c.planReference().date()),
                c.status().name());
    }

    /** This value with the fields the client sent replaced (absent: kept; null: cleared), texts cleaned. */
    CourseInput overlaidWith(Bodies.Patch<CourseInput> patch) {
        PlanReferenceInput plan = pick(patch, "planReference", CourseInput::planReference, planReference);
        return new CourseInput(
                VietnameseText.clean(pick(patch, "code", CourseInput::code, code)),
                VietnameseText.clean(pick(patch, "title", CourseInput::title, title)),
                pick(patch, "kind", CourseInput::kind, kind),
                pick(patch, "topics", CourseInput::topics, topics),
                pick(patch, "targetGroups", CourseInput::targetGroups, targetGroups),
                pick(patch, "level", CourseInput::level, level),
                pick(patch, "organizerId", CourseInput::organizerId, organizerId),
                pick(patch, "coOrganizerIds", CourseInput::coOrganizerIds, coOrganizerIds),
                pick(patch, "unitCode", CourseInput::unitCode, unitCode),
                VietnameseText.clean(pick(patch, "venue", CourseInput::venue, venue)),
                pick(patch, "startDate", CourseInput::startDate, startDate),
                pick(patch, "endDate", CourseInput::endDate, endDate),
                pick(patch, "plannedHours", CourseInput::plannedHours, plannedHours),
                pick(patch, "capacity", CourseInput::capacity, capacity),
                VietnameseText.clean(pick(patch, "fundingSource", CourseInput::fundingSource, fundingSource)),
                pick(patch, "fundingAmount", CourseInput::fundingAmount, fundingAmount),
                pick(patch, "completionRule", CourseInput::completionRule, completionRule),
                plan == null ? null : new PlanReferenceInput(VietnameseText.clean(plan.number()), plan.date()),
                pick(patch, "status", CourseInput::status, status));
    }

    private static <T> T pick(Bodies.Patch<CourseInput> patch, String field, Function<CourseInput, T> get, T current) {
        return patch.has(field) ? get.apply(patch.value()) : current;
    }

    /** The same value with repeated codes and organisations listed once (after validation: no nulls). */
    CourseInput withoutRepeats() {
        return new CourseInput(code, title, kind, topics.stream().distinct().toList(),
                targetGroups.stream().distinct().toList(), level, organizerId,
                coOrganizerIds.stream().distinct().toList(), unitCode, venue, startDate, endDate, plannedHours,
                capacity, fundingSource, fundingAmount, completionRule, planReference, status);
    }
}
