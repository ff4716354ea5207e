package vn.bdg.registry.report;

import io.javalin.http.Context;
import vn.bdg.registry.auth.AccessManager;
import vn.bdg.registry.web.Bodies;
import vn.bdg.registry.web.Messages;
import vn.bdg.registry.web.PageRequest;
import vn.bdg.registry.web.Params;

import java.time.LocalDate;
import java.util.List;

/** Client/server IO for report submissions: submit (freeze), list, read, and the difference with today. */
public final class SubmissionController {
    record SubmitRequest(String period, LocalDate from, LocalDate to, String unit, List<String> by,
                         Boolean mapSuccessors, List<String> indicators) {
    }

    private final SubmissionService service;

    public SubmissionController(SubmissionService service) {
        this.service = service;
    }

    public void submit(Context ctx) {
        SubmitRequest req = Bodies.read(ctx, SubmitRequest.class);
        ReportService.Request request = new ReportService.Request(req.period(), req.from(), req.to(), req.unit(),
                req.by() == null ? List.of() : req.by(), Boolean.TRUE.equals(req.mapSuccessors()),
                req.indicators() == null ? List.of() : req.indicators());
        ctx.status(201).json(service.submit(AccessManager.caller(ctx), request, Messages.locale(ctx)));
    }

    public void list(Context ctx) {
        ctx.json(service.list(AccessManager.caller(ctx), PageRequest.of(ctx)));
    }

    public void get(Context ctx) {
        ctx.json(service.get(AccessManager.caller(ctx), Params.pathId(ctx, "id")));
    }

    public void diff(Context ctx) {
        ctx.json(service.diff(AccessManager.caller(ctx), Params.pathId(ctx, "id")));
    }
}
