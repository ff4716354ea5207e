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
    /** The same, working inside the transaction tx (a feature's own transactions then become savepoints). */
    public Core within(DSLContext tx) {
        return new Core(config, tx, audit, units, catalogs, organizations, users);
    }
}
