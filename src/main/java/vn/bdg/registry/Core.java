package vn.bdg.registry;

import org.jooq.DSLContext;
import vn.bdg.registry.audit.AuditLog;
import vn.bdg.registry.catalog.Catalogs;
import vn.bdg.registry.organization.OrganizationRepository;
import vn.bdg.registry.unit.UnitRepository;
import vn.bdg.registry.user.UserRepository;

/** What every feature may build on: the database, the audit log and the reference data. */
public record Core(Config config, DSLContext dsl, AuditLog audit, UnitRepository units, Catalogs catalogs,
                   OrganizationRepository organizations, UserRepository users) {
}
