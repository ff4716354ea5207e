package vn.bdg.registry.catalog;

import org.jooq.DSLContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static vn.bdg.registry.db.Tables.COURSE_KIND;
import static vn.bdg.registry.db.Tables.ETHNICITY;
import static vn.bdg.registry.db.Tables.TARGET_GROUP;
import static vn.bdg.registry.db.Tables.TOPIC;

/**
 * The catalogues (course kinds, topics, target groups, ethnic groups). They change only through
 * migrations, so they are read once at start and then serve both the API and input validation.
 */
public final class Catalogs {
    public static final String COURSE_KINDS = "course-kinds";
    public static final String TOPICS = "topics";
    public static final String TARGET_GROUPS = "target-groups";
    public static final String ETHNICITIES = "ethnicities";

    private final Map<String, List<CatalogEntry>> entries = new LinkedHashMap<>();
    private final Map<String, Set<String>> codes;

    public Catalogs(DSLContext dsl) {
        entries.put(COURSE_KINDS, dsl.selectFrom(COURSE_KIND).orderBy(COURSE_KIND.SORT_ORDER, COURSE_KIND.CODE)
                .fetch(r -> new CatalogEntry(r.getCode(), r.getNameVi(), r.getNameEn(), null, null)));
        entries.put(TOPICS, dsl.selectFrom(TOPIC).orderBy(TOPIC.SORT_ORDER, TOPIC.CODE)
                .fetch(r -> new CatalogEntry(r.getCode(), r.getNameVi(), r.getNameEn(), null, null)));
        entries.put(TARGET_GROUPS, dsl.selectFrom(TARGET_GROUP).orderBy(TARGET_GROUP.SORT_ORDER, TARGET_GROUP.CODE)
                .fetch(r -> new CatalogEntry(r.getCode(), r.getNameVi(), r.getNameEn(), null, null)));
        entries.put(ETHNICITIES, dsl.selectFrom(ETHNICITY).orderBy(ETHNICITY.SORT_ORDER, ETHNICITY.CODE)
                .fetch(r -> new CatalogEntry(r.getCode(), r.getNameVi(), r.getNameEn(), r.getCodeList(),
                        r.getIsMinority())));
        codes = entries.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().stream().map(CatalogEntry::code).collect(Collectors.toUnmodifiableSet())));
    }

    public Optional<List<CatalogEntry>> list(String catalog) {
        return Optional.ofNullable(entries.get(catalog));
    }

    public boolean contains(String catalog, String code) {
        return codes.get(catalog).contains(code);
    }
}
