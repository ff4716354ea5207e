package vn.bdg.registry.organization;

import org.jooq.DSLContext;
import vn.bdg.registry.audit.AuditLog;
import vn.bdg.registry.auth.Caller;
import vn.bdg.registry.unit.UnitRepository;
import vn.bdg.registry.sql.Unique;
import vn.bdg.registry.web.ApiException;

import java.util.Optional;

/** Rules for organisations: one name per province, however it is spelled; unit inside the province. */
public final class OrganizationService {
    private final DSLContext dsl;
    private final OrganizationRepository organizations;
    private final UnitRepository units;
    private final AuditLog audit;

    public OrganizationService(DSLContext dsl, OrganizationRepository organizations, UnitRepository units,
                               AuditLog audit) {
        this.dsl = dsl;
        this.organizations = organizations;
        this.units = units;
        this.audit = audit;
    }

    public Organization create(Caller caller, String name, String shortName, String unitCode) {
        if (unitCode != null && !units.inProvince(unitCode, caller.provinceCode())) {
            throw ApiException.unprocessable("unitCode", "unknown_unit");
        }
        return Unique.orConflict("already_exists", () -> dsl.transactionResult(trx -> {
            DSLContext tx = trx.dsl();
            Optional<Organization> existing = organizations.findSpelledAlike(tx, caller.provinceCode(), name);
            if (existing.isPresent()) {
                throw ApiException.conflict("organization_exists", existing.get().name());
            }
            Organization created = organizations.insert(tx, caller.provinceCode(), name, shortName, unitCode);
            audit.record(tx, caller, "create", "organization", created.id(), null, created);
            return created;
        }));
    }
}
