package vn.bdg.registry.participant;

import io.javalin.http.Context;
import vn.bdg.registry.Core;
import vn.bdg.registry.auth.AccessManager;
import vn.bdg.registry.text.VietnameseText;
import vn.bdg.registry.web.ApiException;
import vn.bdg.registry.web.Bodies;
import vn.bdg.registry.web.ETags;
import vn.bdg.registry.web.Messages;
import vn.bdg.registry.web.PageRequest;
import vn.bdg.registry.web.Params;
import vn.bdg.registry.web.Validator;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Client/server IO for participants: CRUD, search, duplicates, merge, list import and erasure. */
public final class ParticipantController {
    record MergeRequest(UUID duplicateId) {
    }

    record ErasureRequest(String reason) {
    }

    private final ParticipantService service;
    private final ParticipantImport imports;
    private final ParticipantErasure erasure;

    public ParticipantController(ParticipantRegistry registry, ParticipantErasure erasure) {
        this.service = registry.service;
        this.imports = registry.imports;
        this.erasure = erasure;
    }

    public void list(Context ctx) {
        PageRequest page = PageRequest.of(ctx);
        ctx.json(service.list(AccessManager.caller(ctx), Params.query(ctx, "q"), Params.query(ctx, "unit"),
                Params.query(ctx, "targetGroup"), page));
    }

    public void create(Context ctx) {
        ParticipantInput input = Bodies.read(ctx, ParticipantInput.class);
        ctx.status(201).json(service.create(AccessManager.caller(ctx), input));
    }

    public void get(Context ctx) {
        ETags.answer(ctx, service.get(AccessManager.caller(ctx), Params.pathId(ctx, "id")));
    }

    /**
     * What a new unit on PATCH means: the person moved (default; courses already ended keep the unit
     * they were trained in) or the old unit was a mistake (corrected: their past courses too).
     */
    private static final Set<String> UNIT_CHANGES = new LinkedHashSet<>(List.of("moved", "corrected"));

    public void update(Context ctx) {
        UUID id = Params.pathId(ctx, "id");
        boolean unitCorrected = "corrected".equals(Params.queryEnum(ctx, "unitChange", UNIT_CHANGES));
        Bodies.Patch<ParticipantInput> patch = Bodies.readPatch(ctx, ParticipantInput.class);
        ETags.answer(ctx, service.update(AccessManager.caller(ctx), id, ETags.ifMatch(ctx), patch, unitCorrected));
    }

    public void duplicates(Context ctx) {
        ctx.json(Map.of("items", service.duplicates(AccessManager.caller(ctx), Params.pathId(ctx, "id"))));
    }

    public void merge(Context ctx) {
        UUID id = Params.pathId(ctx, "id");
        MergeRequest req = Bodies.read(ctx, MergeRequest.class);
        if (req.duplicateId() == null) {
            throw ApiException.invalid("duplicateId", "required");
        }
        ctx.json(service.merge(AccessManager.caller(ctx), id, req.duplicateId()));
    }

    /** Erases the person's personal data at their request (admins): see ParticipantErasure. */
    public void erase(Context ctx) {
        UUID id = Params.pathId(ctx, "id");
        ErasureRequest req = Bodies.read(ctx, ErasureRequest.class);
        String reason = VietnameseText.cleanLines(req.reason()); // NFC, counted and stored like other free text
        new Validator().require("reason", reason).maxLength("reason", reason, ParticipantErasure.MAX_REASON)
                .validate();
        ctx.json(erasure.erase(AccessManager.caller(ctx), id, reason));
    }

    public void importFile(Context ctx) {
        String dryRun = Params.queryEnum(ctx, "dryRun", Set.of("true", "false"));
        String mediaType = ImportFile.mediaType(ctx.contentType());
        var rows = ImportFile.read(mediaType, ctx.bodyAsBytes());
        ctx.json(imports.run(AccessManager.caller(ctx), rows, !"false".equals(dryRun), Messages.locale(ctx)));
    }
}
