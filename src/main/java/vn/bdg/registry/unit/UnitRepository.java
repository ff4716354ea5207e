package vn.bdg.registry.unit;

import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.impl.DSL;
import vn.bdg.registry.db.tables.records.AdminUnitRecord;
import vn.bdg.registry.text.VietnameseText;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.Set;

import static vn.bdg.registry.db.Tables.ADMIN_UNIT;

/** SQL for administrative units. */
public final class UnitRepository {
    private final DSLContext dsl;
    // Units change only through import-units, which clears this; lookups are per row on imports.
    private final Map<String, String> provinceByUnit = new ConcurrentHashMap<>();

    public UnitRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The unit and every unit below it (a district's communes). */
    public Set<String> scopeOf(String code) {
        return scopeOf(dsl, code);
    }

    /** The same, asked on ctx (inside a transaction: on its connection). */
    public Set<String> scopeOf(DSLContext ctx, String code) {
        return new HashSet<>(descendants(ctx, code));
    }

    static List<String> descendants(DSLContext dsl, String code) {
        var tree = DSL.name("tree").fields("code").as(
                DSL.select(ADMIN_UNIT.CODE).from(ADMIN_UNIT).where(ADMIN_UNIT.CODE.eq(code))
                        .unionAll(DSL.select(ADMIN_UNIT.CODE).from(ADMIN_UNIT)
                                .join(DSL.table(DSL.name("tree")))
                                .on(ADMIN_UNIT.PARENT_CODE.eq(DSL.field(DSL.name("tree", "code"), String.class)))));
        return dsl.withRecursive(tree).select(tree.field("code", String.class)).from(tree).fetch(Record1::value1);
    }

    public Optional<AdminUnit> find(String code) {
        return dsl.selectFrom(ADMIN_UNIT).where(ADMIN_UNIT.CODE.eq(code)).fetchOptional(UnitRepository::toUnit);
    }

    /** The province a unit belongs to (itself, for a province); empty for an unknown code. */
    public Optional<String> provinceOf(String code) {
        return provinceOf(dsl, code);
    }

    /**
     * The same, asked on ctx when not known yet (inside a transaction: on its connection, as a
     * second one taken while it is held could wait for connections that wait for it).
     */
    public Optional<String> provinceOf(DSLContext ctx, String code) {
        if (code == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(provinceByUnit.computeIfAbsent(code, c -> ctx.resultQuery("""
                with recursive up as (
                    select code, parent_code, level from admin_unit where code = ?
                    union all
                    select a.code, a.parent_code, a.level from admin_unit a join up on a.code = up.parent_code)
                select code from up where level = 'province'""", c).fetchOne(0, String.class)));
    }

    public boolean inProvince(String unitCode, String provinceCode) {
        return inProvince(dsl, unitCode, provinceCode);
    }

    public boolean inProvince(DSLContext ctx, String unitCode, String provinceCode) {
        return provinceOf(ctx, unitCode).map(provinceCode::equals).orElse(false);
    }

    public List<AdminUnit> list(String parent, String level, LocalDate at, String query, String after, int limit) {
        Condition c = DSL.noCondition();
        if (parent != null) {
            c = c.and(ADMIN_UNIT.PARENT_CODE.eq(parent));
        }
        if (level != null) {
            c = c.and(ADMIN_UNIT.LEVEL.eq(level));
        }
        if (at != null) {
            c = c.and(ADMIN_UNIT.VALID_FROM.isNull().or(ADMIN_UNIT.VALID_FROM.le(at)))
                    .and(ADMIN_UNIT.VALID_TO.isNull().or(ADMIN_UNIT.VALID_TO.ge(at)));
        }
        if (query != null) {
            // the name without diacritics, or a code prefix ("061" finds Ba Bể's communes), as documented
            c = c.and(ADMIN_UNIT.NAME_KEY.contains(VietnameseText.searchKey(query))
                    .or(ADMIN_UNIT.CODE.startsWith(query.strip())));
        }
        if (after != null) {
            c = c.and(ADMIN_UNIT.CODE.gt(after));
        }
        return dsl.selectFrom(ADMIN_UNIT).where(c).orderBy(ADMIN_UNIT.CODE).limit(limit)
                .fetch(UnitRepository::toUnit);
    }

    /**
     * Inserts or updates units by code (import-units); one transaction for the whole file, rolled
     * back with an IllegalArgumentException naming the units when a parent is not of a higher level
     * (a loop of parents would send every look-up up the tree round for ever) or successors go round
     * in a circle (a report mapping successors would count their records in no row).
     */
    public int upsertAll(List<AdminUnit> units) {
        provinceByUnit.clear();
        return dsl.transactionResult(trx -> {
            int n = 0;
            for (AdminUnit u : units) {
                AdminUnitRecord row = new AdminUnitRecord();
                row.setCode(u.code());
                row.setName(u.name());
                row.setLevel(u.level());
                row.setParentCode(u.parentCode());
                row.setValidFrom(u.validFrom());
                row.setValidTo(u.validTo());
                row.setSuccessorCode(u.successorCode());
                row.changed(ADMIN_UNIT.NAME_KEY, false); // generated by the database
                n += trx.dsl().insertInto(ADMIN_UNIT).set(row).onConflict(ADMIN_UNIT.CODE).doUpdate().set(row)
                        .execute();
            }
            String[] codes = units.stream().map(AdminUnit::code).toArray(String[]::new);
            List<String> problems = new ArrayList<>();
            trx.dsl().resultQuery("""
                    select c.code from admin_unit c join admin_unit p on p.code = c.parent_code
                    where (c.code = any(?) or p.code = any(?))
                      and not (p.level = 'province' and c.level <> 'province'
                               or p.level = 'district' and c.level = 'commune')
                    order by c.code""", codes, codes).fetch(0, String.class)
                    .forEach(c -> problems.add(c + ": the parent must be a province, or a district for a commune"));
            trx.dsl().resultQuery("""
                    with recursive chain (start, code) as (
                        select code, successor_code from admin_unit where code = any(?) and successor_code is not null
                        union
                        select chain.start, a.successor_code from chain join admin_unit a on a.code = chain.code
                        where a.successor_code is not null)
                    select start from chain where code = start order by start""", (Object) codes)
                    .fetch(0, String.class)
                    .forEach(c -> problems.add(c + ": its successors lead back to it"));
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("\n", problems));
            }
            return n;
        });
    }

    static AdminUnit toUnit(AdminUnitRecord r) {
        return new AdminUnit(r.getCode(), r.getName(), r.getLevel(), r.getParentCode(), r.getValidFrom(),
                r.getValidTo(), r.getSuccessorCode());
    }
}
