package vn.bdg.registry.report;

import io.javalin.http.Context;
import vn.bdg.registry.auth.AccessManager;
import vn.bdg.registry.print.Spreadsheets;
import vn.bdg.registry.web.ApiException;
import vn.bdg.registry.web.Bodies;
import vn.bdg.registry.web.Downloads;
import vn.bdg.registry.web.Messages;
import vn.bdg.registry.web.PageRequest;
import vn.bdg.registry.web.Params;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Client/server IO for indicator reports: the table (JSON, CSV, XLSX), the records behind a cell, settings, DHIS2. */
public final class ReportController {
    record SettingsRequest(String halfYearStart) {
    }

    private final ReportService service;

    public ReportController(ReportService service) {
        this.service = service;
    }

    public void indicators(Context ctx) {
        String format = Downloads.tableFormat(ctx);
        ReportService.Request request = request(ctx);
        Report report = service.report(AccessManager.caller(ctx), request);
        String name = "bao-cao-chi-tieu-" + inFileName(report.period());
        switch (format) {
            case "xlsx" -> Downloads.attachment(ctx, name + ".xlsx", Spreadsheets.XLSX, ReportFiles.xlsx(report));
            case "csv" -> Downloads.attachment(ctx, name + ".csv", Spreadsheets.CSV, ReportFiles.csv(report));
            default -> ctx.json(report.toJson(Messages.locale(ctx)));
        }
    }

    /** The records behind a cell: a page of them in JSON, or all of them as a file (limit and cursor do not apply). */
    public void records(Context ctx) {
        String format = Downloads.tableFormat(ctx);
        Map<String, String> cell = new LinkedHashMap<>();
        for (Breakdown b : Breakdown.values()) {
            String value = ctx.queryParam(b.key);
            if (value != null && !value.isBlank()) {
                cell.put(b.key, value.trim());
            }
        }
        if (format.equals("json")) {
            PageRequest page = PageRequest.of(ctx);
            ctx.json(service.records(AccessManager.caller(ctx), ctx.pathParam("code"), request(ctx), cell, page));
            return;
        }
        ReportService.AllRecords<List<Object>> records = service.allRecords(AccessManager.caller(ctx),
                ctx.pathParam("code"), request(ctx), cell, RecordFiles::rowOf);
        String name = "chi-tiet-" + records.cell().indicator().code() + "-" + inFileName(records.cell().period());
        if (format.equals("xlsx")) {
            Downloads.attachment(ctx, name + ".xlsx", Spreadsheets.XLSX, RecordFiles.xlsx(records));
        } else {
            Downloads.attachment(ctx, name + ".csv", Spreadsheets.CSV, RecordFiles.csv(records));
        }
    }

    public void flags(Context ctx) {
        ctx.json(service.flags(AccessManager.caller(ctx), request(ctx), Messages.locale(ctx)));
    }

    public void dataValueSet(Context ctx) {
        ctx.json(service.dataValueSet(AccessManager.caller(ctx), request(ctx)));
    }

    public void settings(Context ctx) {
        ctx.json(service.settings(AccessManager.caller(ctx)));
    }

    public void saveSettings(Context ctx) {
        SettingsRequest req = Bodies.read(ctx, SettingsRequest.class);
        ctx.json(service.saveSettings(AccessManager.caller(ctx), req.halfYearStart()));
    }

    /** The report parameters of the query string. */
    private static ReportService.Request request(Context ctx) {
        String mapSuccessors = Params.query(ctx, "mapSuccessors");
        if (mapSuccessors != null && !mapSuccessors.equals("true") && !mapSuccessors.equals("false")) {
            throw ApiException.invalid("mapSuccessors", "wrong_type");
        }
        return new ReportService.Request(Params.query(ctx, "period"), Params.queryDate(ctx, "from"),
                Params.queryDate(ctx, "to"), Params.query(ctx, "unit"), list(Params.query(ctx, "by")),
                "true".equals(mapSuccessors), list(Params.query(ctx, "indicators")));
    }

    /** A period as file names have it: 2026-H1, or 2026-01-01_2026-03-31 for dates. */
    private static String inFileName(Period period) {
        return period.name().replace('/', '_');
    }

    private static List<String> list(String commaSeparated) {
        return commaSeparated == null ? List.of()
                : Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
