package vn.bdg.registry.report;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The ways a report can be broken down: the name in `by=` and the key it has in a row, and which
 * subjects it applies to. Course subjects are broken down by what the course has (its target
 * groups, level, unit); person subjects by the person (sex, target group as enrolled, the level
 * and unit of their administrative unit, ethnicity, age) and the course they attended; coverage by
 * the person only; plans by what the activity has.
 */
enum Breakdown {
    SEX("sex", "sex", "Giới tính", Set.of("person_time", "person", "coverage")),
    TARGET_GROUP("targetGroup", "targetGroup", "Nhóm đối tượng",
            Set.of("course", "person_time", "person", "coverage", "plan")),
    LEVEL("level", "level", "Cấp", Set.of("course", "person_time", "person", "coverage", "plan")),
    UNIT("unit", "unitCode", "Đơn vị hành chính", Set.of("course", "person_time", "person", "coverage")),
    TOPIC("topic", "topic", "Chủ đề", Set.of("course", "person_time", "person", "plan")),
    KIND("kind", "kind", "Loại hình", Set.of("course", "person_time", "person")),
    ORGANIZER("organizer", "organizerId", "Đơn vị tổ chức", Set.of("course", "person_time", "person")),
    ETHNIC_MINORITY("ethnicMinority", "ethnicMinority", "Dân tộc thiểu số", Set.of("person_time", "person", "coverage")),
    AGE_BAND("ageBand", "ageBand", "Nhóm tuổi", Set.of("person_time", "person", "coverage"));

    final String param;
    final String key;
    final String headingVi;
    private final Set<String> subjects;

    Breakdown(String param, String key, String headingVi, Set<String> subjects) {
        this.param = param;
        this.key = key;
        this.headingVi = headingVi;
        this.subjects = subjects;
    }

    static Optional<Breakdown> byParam(String param) {
        return Arrays.stream(values()).filter(b -> b.param.equals(param)).findFirst();
    }

    static Optional<Breakdown> byKey(String key) {
        return Arrays.stream(values()).filter(b -> b.key.equals(key)).findFirst();
    }

    /** Whether rows of the indicator can be broken down this way (a share of women is not, by sex). */
    boolean appliesTo(Indicator indicator) {
        return subjects.contains(indicator.subject())
                && !(this == SEX && indicator.isShare() && !indicator.subject().equals("coverage"));
    }

    /** The breakdowns of an indicator's rows: those asked for and those it always has, where they apply. */
    static EnumSet<Breakdown> of(Indicator indicator, Set<Breakdown> asked) {
        EnumSet<Breakdown> all = EnumSet.noneOf(Breakdown.class);
        all.addAll(asked);
        indicator.alwaysBy().forEach(all::add);
        all.removeIf(b -> !b.appliesTo(indicator));
        return all;
    }
}
