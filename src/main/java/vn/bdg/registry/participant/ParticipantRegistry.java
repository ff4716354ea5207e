package vn.bdg.registry.participant;

import org.jooq.DSLContext;
import vn.bdg.registry.Core;
import vn.bdg.registry.auth.Caller;

/** The participant feature, wired once: its HTTP controller and what other features may ask of it. */
public final class ParticipantRegistry {
    /** A person found or registered; matchedBy is null for a new record. */
    public record Registered(Participant participant, String matchedBy) {
    }

    final ParticipantService service;
    final ParticipantImport imports;

    public ParticipantRegistry(Core core) {
        var repository = new ParticipantRepository(core.dsl());
        var hasher = NationalIdHasher.create(System.getenv("NATIONAL_ID_HMAC_KEY"), repository);
        var rules = new ParticipantRules(core.catalogs(), core.units(), hasher);
        this.service = new ParticipantService(core.dsl(), repository, rules, hasher, core.catalogs(), core.units(),
                core.audit());
        this.imports = new ParticipantImport(core.dsl(), repository, rules, core.audit());
    }

    /**
     * A walk-in: the existing record the details match (national ID, phone, name + birth year + unit)
     * or a new one, inside the caller's transaction tx.
     */
    public Registered findOrRegister(DSLContext tx, Caller caller, ParticipantInput details) {
        return service.within(tx).findOrCreate(caller, details);
    }
}
