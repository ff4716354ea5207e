package vn.bdg.registry.organization;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import vn.bdg.registry.db.tables.records.OrganizationRecord;
import vn.bdg.registry.text.VietnameseText;
import vn.bdg.registry.sql.Locks;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static vn.bdg.registry.db.Tables.ORGANIZATION;

/** SQL for organisations. */
public final class OrganizationRepository {
    /** Names in Vietnamese alphabetical order (see VietnameseText.COLLATION). */
    public static final Field<String> VIETNAMESE_ORDER = ORGANIZATION.NAME.collate(VietnameseText.COLLATION);

    private final DSLContext dsl;

    public OrganizationRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    public List<Organization> list(String provinceCode, List<String> after, int limit) {
        Condition c = ORGANIZATION.PROVINCE_CODE.eq(provinceCode);
        if (after != null) {
            c = c.and(DSL.row(VIETNAMESE_ORDER, ORGANIZATION.ID.cast(String.class))
                    .gt(DSL.val(after.get(0)).collate(VietnameseText.COLLATION), DSL.val(after.get(1))));
        }
        return dsl.selectFrom(ORGANIZATION).where(c).orderBy(VIETNAMESE_ORDER, ORGANIZATION.ID.cast(String.class))
                .limit(limit).fetch(OrganizationRepository::toOrganization);
    }

    /** Whether every id names an organisation of the province. */
    public boolean allInProvince(String provinceCode, List<UUID> ids) {
        return allInProvince(dsl, provinceCode, ids);
    }

    /** The same, asked on ctx (inside a transaction: on its connection). */
    public boolean allInProvince(DSLContext ctx, String provinceCode, List<UUID> ids) {
        if (ids.isEmpty()) {
            return true;
        }
        return ctx.fetchCount(ORGANIZATION, ORGANIZATION.PROVINCE_CODE.eq(provinceCode)
                .and(ORGANIZATION.ID.in(ids))) == ids.stream().distinct().count();
    }

    /**
     * The province's organisation whose name is spelled like this one ({@link VietnameseText#spellingKey}),
     * with the province's new organisations held back until the transaction ends, so that two
     * spellings of one name sent at once cannot both be created.
     */
    public Optional<Organization> findSpelledAlike(DSLContext tx, String provinceCode, String name) {
        Locks.hold(tx, "organization " + provinceCode);
        String key = VietnameseText.spellingKey(name);
        return tx.selectFrom(ORGANIZATION).where(ORGANIZATION.PROVINCE_CODE.eq(provinceCode)).fetch().stream()
                .map(OrganizationRepository::toOrganization)
                .filter(o -> VietnameseText.spellingKey(o.name()).equals(key)).findFirst();
    }

    public Organization insert(DSLContext tx, String provinceCode, String name, String shortName, String unitCode) {
        return toOrganization(tx.insertInto(ORGANIZATION)
                .set(ORGANIZATION.PROVINCE_CODE, provinceCode)
                .set(ORGANIZATION.NAME, name)
                .set(ORGANIZATION.SHORT_NAME, shortName)
                .set(ORGANIZATION.UNIT_CODE, unitCode)
                .returning().fetchOne());
    }

    static Organization toOrganization(OrganizationRecord r) {
        return new Organization(r.getId(), r.getName(), r.getShortName(), r.getUnitCode());
    }
}
