package vn.bdg.registry.report;

import java.util.List;
import java.util.Locale;

/** One row of the indicator catalogue: what it counts, what "trained" means for it, its filters. */
record Indicator(String code, String labelVi, String labelEn, String definitionVi, String definitionEn, String unit,
                 String counts, String subject, String measure, List<String> filterTargetGroups,
                 List<String> filterKinds, List<String> filterTopics, String filterSex, boolean actionMonth,
                 List<Breakdown> alwaysBy, String dhis2DataElement) {

    boolean isShare() {
        return "share".equals(unit);
    }

    /** Whether the records behind a value are trainee × course facts (not courses or registered people). */
    boolean countsFacts() {
        return subject.startsWith("person") || ("plan".equals(subject) && "participants".equals(measure));
    }

    /** Whether the number counts courses (held, or held against the plan's), not people. */
    boolean countsCourses() {
        return "course".equals(subject) || ("plan".equals(subject) && "courses".equals(measure));
    }

    String label(Locale locale) {
        return "en".equals(locale.getLanguage()) ? labelEn : labelVi;
    }

    String definition(Locale locale) {
        return "en".equals(locale.getLanguage()) ? definitionEn : definitionVi;
    }
}
