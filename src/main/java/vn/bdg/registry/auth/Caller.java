package vn.bdg.registry.auth;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

import java.util.Set;
import java.util.UUID;

/**
 * The authenticated user of a request and the records they may see: their province, and when
 * they are scoped to a district or commune, that unit and every unit below it.
 */
public record Caller(UUID userId, String username, Role role, String provinceCode, String unitCode,
                     Set<String> unitScope) {

    public boolean provinceWide() {
        return unitScope == null;
    }

    public boolean is(Role... roles) {
        for (Role r : roles) {
            if (r == role) {
                return true;
            }
        }
        return false;
    }

    /** Row filter for a tenant-owned table: same province and, if scoped, a unit within scope. */
    public Condition scope(Field<String> province, Field<String> unit) {
        Condition c = province.eq(provinceCode);
        return provinceWide() ? c : c.and(unit.in(unitScope));
    }

    public boolean canSeeUnit(String unit) {
        return provinceWide() || (unit != null && unitScope.contains(unit));
    }

    public static Condition noCondition() {
        return DSL.noCondition();
    }
}
