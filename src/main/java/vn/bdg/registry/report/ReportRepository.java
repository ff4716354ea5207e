package vn.bdg.registry.report;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import vn.bdg.registry.db.tables.records.IndicatorRecord;
import vn.bdg.registry.db.tables.records.ReportSubmissionRecord;
import vn.bdg.registry.sql.Locks;
import vn.bdg.registry.unit.AdminUnit;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static vn.bdg.registry.db.Tables.ADMIN_UNIT;
import static vn.bdg.registry.db.Tables.AGE_BAND;
import static vn.bdg.registry.db.Tables.APP_USER;
import static vn.bdg.registry.db.Tables.DHIS2_CATEGORY_OPTION_COMBO;
import static vn.bdg.registry.db.Tables.INDICATOR;
import static vn.bdg.registry.db.Tables.ORGANIZATION;
import static vn.bdg.registry.db.Tables.REPORT_SETTING;
import static vn.bdg.registry.db.Tables.REPORT_SUBMISSION;

/** SQL for what reports are made of besides the numbers: the catalogue, units, settings, submissions, DHIS2 codes. */
final class ReportRepository {
    /** An age band of the ageBand breakdown. */
    record AgeBand(String code, String labelVi) {
    }

    /** A stored submission with the name of who submitted it. */
    record Submission(ReportSubmissionRecord row, String submittedByName) {
    }

    private final DSLContext dsl;

    ReportRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    List<Indicator> indicators() {
        return dsl.selectFrom(INDICATOR).orderBy(INDICATOR.SORT_ORDER, INDICATOR.CODE)
                .fetch(ReportRepository::toIndicator);
    }

    List<AgeBand> ageBands() {
        return dsl.selectFrom(AGE_BAND).orderBy(AGE_BAND.SORT_ORDER)
                .fetch(r -> new AgeBand(r.getCode(), r.getLabelVi()));
    }

    /** The province and every unit below it, whatever their validity. */
    List<AdminUnit> unitsOf(String province) {
        var tree = DSL.name("tree").fields("code").as(
                DSL.select(ADMIN_UNIT.CODE).from(ADMIN_UNIT).where(ADMIN_UNIT.CODE.eq(province))
                        .unionAll(DSL.select(ADMIN_UNIT.CODE).from(ADMIN_UNIT)
                                .join(DSL.table(DSL.name("tree")))
                                .on(ADMIN_UNIT.PARENT_CODE.eq(DSL.field(DSL.name("tree", "code"), String.class)))));
        return dsl.withRecursive(tree).selectFrom(ADMIN_UNIT)
                .where(ADMIN_UNIT.CODE.in(DSL.select(tree.field("code", String.class)).from(tree)))
                .orderBy(ADMIN_UNIT.CODE)
                .fetch(r -> new AdminUnit(r.getCode(), r.getName(), r.getLevel(), r.getParentCode(), r.getValidFrom(),
                        r.getValidTo(), r.getSuccessorCode()));
    }

    /** The province's organisations, id -> name, by name. */
    Map<UUID, String> organizations(String province) {
        Map<UUID, String> names = new LinkedHashMap<>();
        dsl.select(ORGANIZATION.ID, ORGANIZATION.NAME).from(ORGANIZATION)
                .where(ORGANIZATION.PROVINCE_CODE.eq(province))
                .orderBy(vn.bdg.registry.organization.OrganizationRepository.VIETNAMESE_ORDER, ORGANIZATION.ID)
                .forEach(r -> names.put(r.value1(), r.value2()));
        return names;
    }

    // ------------------------------------------------------------------------------------ settings

    Optional<String> halfYearStart(String province) {
        return halfYearStart(dsl, province);
    }

    /**
     * The province's setting as tx sees it. Changes of it are made one at a time per province
     * (holdSettings), so the audit entry of each says the value it replaced.
     */
    Optional<String> halfYearStart(DSLContext tx, String province) {
        return tx.select(REPORT_SETTING.HALF_YEAR_START).from(REPORT_SETTING)
                .where(REPORT_SETTING.PROVINCE_CODE.eq(province)).fetchOptional(REPORT_SETTING.HALF_YEAR_START);
    }

    /** Holds the province's report settings until tx ends: another change waits for it. */
    void holdSettings(DSLContext tx, String province) {
        Locks.hold(tx, "report_setting:" + province);
    }

    void saveHalfYearStart(DSLContext tx, String province, String halfYearStart, UUID userId) {
        tx.insertInto(REPORT_SETTING)
                .set(REPORT_SETTING.PROVINCE_CODE, province)
                .set(REPORT_SETTING.HALF_YEAR_START, halfYearStart)
                .set(REPORT_SETTING.UPDATED_BY, userId)
                .onConflict(REPORT_SETTING.PROVINCE_CODE).doUpdate()
                .set(REPORT_SETTING.HALF_YEAR_START, halfYearStart)
                .set(REPORT_SETTING.UPDATED_BY, userId)
                .set(REPORT_SETTING.UPDATED_AT, OffsetDateTime.now())
                .execute();
    }

    // ------------------------------------------------------------------------------------ submissions

    /** Stores a submission with its report (JSON text) as jsonb. */
    ReportSubmissionRecord insertSubmission(DSLContext tx, ReportSubmissionRecord row, String content) {
        row.setContent(JSONB.jsonb(content));
        return tx.insertInto(REPORT_SUBMISSION).set(row).returning().fetchSingle();
    }

    /** The name a submission shows of the user who submitted it: their full name, else their username. */
    private static final Field<String> SUBMITTER = DSL.coalesce(APP_USER.FULL_NAME, APP_USER.USERNAME).as("submitter");

    String submitterName(DSLContext tx, UUID userId) {
        return tx.select(SUBMITTER).from(APP_USER).where(APP_USER.ID.eq(userId)).fetchSingle(SUBMITTER);
    }

    Optional<Submission> submission(Condition scope, UUID id) {
        return dsl.select(REPORT_SUBMISSION.asterisk(), SUBMITTER)
                .from(REPORT_SUBMISSION).join(APP_USER).on(APP_USER.ID.eq(REPORT_SUBMISSION.SUBMITTED_BY))
                .where(REPORT_SUBMISSION.ID.eq(id).and(scope))
                .fetchOptional(r -> new Submission(r.into(REPORT_SUBMISSION),
                        r.get(SUBMITTER)));
    }

    /** Submissions in scope, newest first; after = [submittedAt, id] of the last one served. */
    List<Submission> submissions(Condition scope, List<String> after, int limit) {
        Condition c = scope;
        if (after != null) {
            c = c.and(DSL.row(REPORT_SUBMISSION.SUBMITTED_AT, REPORT_SUBMISSION.ID)
                    .lt(OffsetDateTime.parse(after.get(0)), UUID.fromString(after.get(1))));
        }
        return dsl.select(REPORT_SUBMISSION.asterisk(), SUBMITTER)
                .from(REPORT_SUBMISSION).join(APP_USER).on(APP_USER.ID.eq(REPORT_SUBMISSION.SUBMITTED_BY))
                .where(c).orderBy(REPORT_SUBMISSION.SUBMITTED_AT.desc(), REPORT_SUBMISSION.ID.desc()).limit(limit)
                .fetch(r -> new Submission(r.into(REPORT_SUBMISSION),
                        r.get(SUBMITTER)));
    }

    // ------------------------------------------------------------------------------------ DHIS2

    /** Category option combo codes: indicator code ("" for every indicator) -> disaggregation -> code. */
    Map<String, Map<String, String>> categoryOptionCombos() {
        Map<String, Map<String, String>> combos = new HashMap<>();
        dsl.selectFrom(DHIS2_CATEGORY_OPTION_COMBO).forEach(r -> combos
                .computeIfAbsent(r.getIndicatorCode() == null ? "" : r.getIndicatorCode(), k -> new HashMap<>())
                .put(r.getDisaggregation(), r.getCode()));
        return combos;
    }

    private static Indicator toIndicator(IndicatorRecord r) {
        return new Indicator(r.getCode(), r.getLabelVi(), r.getLabelEn(), r.getDefinitionVi(), r.getDefinitionEn(),
                r.getUnit(), r.getCounts(), r.getSubject(), r.getMeasure(), list(r.getFilterTargetGroups()),
                list(r.getFilterKinds()), list(r.getFilterTopics()), r.getFilterSex(), r.getActionMonth(),
                Arrays.stream(r.getAlwaysBy()).map(b -> Breakdown.byParam(b).orElseThrow()).toList(),
                r.getDhis2DataElement());
    }

    private static List<String> list(String[] values) {
        return values == null ? null : List.of(values);
    }
}
