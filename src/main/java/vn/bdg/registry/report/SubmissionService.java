package vn.bdg.registry.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.erdtman.jcs.JsonCanonicalizer;
import org.jooq.Condition;
import org.jooq.DSLContext;
import vn.bdg.registry.audit.AuditLog;
import vn.bdg.registry.auth.Caller;
import vn.bdg.registry.db.tables.records.ReportSubmissionRecord;
import vn.bdg.registry.web.ApiException;
import vn.bdg.registry.web.Json;
import vn.bdg.registry.web.Messages;
import vn.bdg.registry.web.Page;
import vn.bdg.registry.web.PageRequest;
import vn.bdg.registry.Sha256;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static vn.bdg.registry.db.Tables.REPORT_SUBMISSION;

/**
 * Submitted reports: the whole report (values and definitions) frozen with the SHA-256 of its
 * canonical JSON, who and when. A submission never changes (the table refuses updates); later
 * corrections show as the difference between the submitted values and today's.
 */
public final class SubmissionService {
    private static final List<String> NUMBERS = List.of("value", "numerator", "denominator", "planned");
    /** What a row says its numbers are: another definition today makes other numbers of the same records. */
    private static final List<String> DEFINITION = List.of("label", "definition", "valueType", "counts", "counted");

    private final DSLContext dsl;
    private final ReportService reports;
    private final ReportRepository repository;
    private final AuditLog audit;

    public SubmissionService(DSLContext dsl, ReportService reports, AuditLog audit) {
        this.dsl = dsl;
        this.reports = reports;
        this.repository = new ReportRepository(dsl);
        this.audit = audit;
    }

    Map<String, Object> submit(Caller caller, ReportService.Request request, Locale locale) {
        Report report = reports.report(caller, request);
        JsonNode content = Json.MAPPER.valueToTree(report.toJson(locale));
        ReportSubmissionRecord row = new ReportSubmissionRecord();
        row.setProvinceCode(caller.provinceCode());
        row.setUnitCode(report.unitCode());
        row.setPeriod(report.period().label());
        row.setDateFrom(report.period().from());
        row.setDateTo(report.period().to());
        row.setFirstPlanYear(report.period().firstPlanYear());
        row.setLastPlanYear(report.period().lastPlanYear());
        row.setBreakdowns(report.by().stream().map(b -> b.param).toArray(String[]::new));
        row.setIndicators(report.indicators().toArray(String[]::new));
        row.setMapSuccessors(report.mapSuccessors());
        row.setLanguage(locale.getLanguage());
        row.setContentSha256(sha256(content));
        row.setSubmittedBy(caller.userId());
        return dsl.transactionResult(trx -> {
            ReportSubmissionRecord stored = repository.insertSubmission(trx.dsl(), row, content.toString());
            audit.record(trx.dsl(), caller, "submit", "report_submission", stored.getId(), null, summary(stored, null));
            // named as every later answer names the submitter (the list, the submission itself)
            return view(stored, repository.submitterName(trx.dsl(), caller.userId()), content);
        });
    }

    Page<Map<String, Object>> list(Caller caller, PageRequest page) {
        // [submittedAt, id]; a cursor made by hand with anything else is a 400, not the query's failure
        if (page.hasCursor()) {
            if (page.after().size() != 2) {
                throw ApiException.invalid("cursor", "invalid_cursor");
            }
            page.afterDateTime(0); // each a 400 invalid_cursor when it is not one
            page.afterId(1);
        }
        List<ReportRepository.Submission> rows = repository.submissions(scope(caller), page.after(), page.limit() + 1);
        Page<ReportRepository.Submission> p = page.page(rows,
                s -> List.of(s.row().getSubmittedAt().toString(), s.row().getId().toString()));
        return new Page<>(p.items().stream().map(s -> summary(s.row(), s.submittedByName())).toList(), p.nextCursor());
    }

    Map<String, Object> get(Caller caller, UUID id) {
        ReportRepository.Submission s = find(caller, id);
        return view(s.row(), s.submittedByName(), content(s.row()));
    }

    /**
     * Each cell whose submitted numbers differ from today's. A cell on one side only (a new
     * organisation, a "not recorded" row gone after a merge) is a change only when it holds a
     * number other than zero: on the other side it is a row of zeros that was not listed. Beside
     * them, the indicators defined otherwise today than in the submitted report.
     */
    Map<String, Object> diff(Caller caller, UUID id) {
        ReportRepository.Submission s = find(caller, id);
        ReportSubmissionRecord row = s.row();
        Set<String> known = new TreeSet<>();
        repository.indicators().forEach(i -> known.add(i.code()));
        List<String> indicators = Arrays.stream(row.getIndicators()).filter(known::contains).toList();
        Map<String, JsonNode> submittedRows = rowsByCell(content(row));
        // none of its indicators left in the catalogue: today has no numbers of them (an empty
        // list would ask for the whole catalogue)
        Map<String, JsonNode> currentRows = indicators.isEmpty() ? Map.of() : todaysRows(caller, row, indicators);
        List<Map<String, Object>> changes = new ArrayList<>();
        submittedRows.forEach((key, before) -> {
            JsonNode after = currentRows.get(key);
            if (after == null ? holdsNumbers(before) : !sameNumbers(before, after)) {
                changes.add(change(before, after));
            }
        });
        currentRows.forEach((key, after) -> {
            if (!submittedRows.containsKey(key) && holdsNumbers(after)) {
                changes.add(change(null, after));
            }
        });
        Map<String, Object> diff = new LinkedHashMap<>();
        diff.put("submissionId", row.getId());
        diff.put("submittedAt", row.getSubmittedAt());
        diff.put("comparedAt", OffsetDateTime.now());
        diff.put("changes", changes);
        diff.put("definitionChanges", definitionChanges(submittedRows.values(), currentRows.values()));
        return diff;
    }

    // ------------------------------------------------------------------------------------ helpers

    /** Today's rows of the submitted report's request, for these indicators, in its frozen period. */
    private Map<String, JsonNode> todaysRows(Caller caller, ReportSubmissionRecord row, List<String> indicators) {
        Report today = reports.report(caller, new ReportService.Request(null, null, null, row.getUnitCode(),
                List.of(row.getBreakdowns()), row.getMapSuccessors(), indicators),
                Period.frozen(row.getPeriod(), row.getDateFrom(), row.getDateTo(), row.getFirstPlanYear(),
                        row.getLastPlanYear(), reports.halfYearStart(caller)));
        return rowsByCell(Json.MAPPER.valueToTree(today.toJson(Messages.locale(row.getLanguage()))));
    }

    private ReportRepository.Submission find(Caller caller, UUID id) {
        return repository.submission(scope(caller), id).orElseThrow(ApiException::notFound);
    }

    private static Condition scope(Caller caller) {
        return caller.scope(REPORT_SUBMISSION.PROVINCE_CODE, REPORT_SUBMISSION.UNIT_CODE);
    }

    private static JsonNode content(ReportSubmissionRecord row) {
        try {
            return Json.MAPPER.readTree(row.getContent().data());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored submission is not JSON", e);
        }
    }

    private static Map<String, JsonNode> rowsByCell(JsonNode report) {
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        report.get("rows").forEach(r -> rows.put(cellKey(r), r));
        return rows;
    }

    /** A row's indicator and breakdown values: what identifies it across two reports. */
    private static String cellKey(JsonNode row) {
        StringBuilder key = new StringBuilder(row.get("indicator").asText());
        for (Breakdown b : Breakdown.values()) {
            if (row.has(b.key)) {
                key.append('|').append(b.key).append('=').append(row.get(b.key));
            }
        }
        return key.toString();
    }

    /**
     * The indicators whose definition today is not the one submitted: the catalogue is data, and
     * has been amended after reports were submitted (V23: the groups of women count women only),
     * so cells may differ with no record changed. Each with its definition as submitted and as
     * today, in the submission's language; a field the submitted rows did not have yet is not compared.
     */
    private static List<Map<String, Object>> definitionChanges(Collection<JsonNode> submitted,
                                                               Collection<JsonNode> current) {
        Map<String, JsonNode> today = new LinkedHashMap<>();
        current.forEach(r -> today.putIfAbsent(r.get("indicator").asText(), r));
        Set<String> seen = new TreeSet<>();
        List<Map<String, Object>> changed = new ArrayList<>();
        for (JsonNode before : submitted) {
            String code = before.get("indicator").asText();
            JsonNode after = today.get(code);
            if (seen.add(code) && after != null
                    && DEFINITION.stream().anyMatch(f -> before.has(f) && !before.get(f).equals(after.get(f)))) {
                Map<String, Object> change = new LinkedHashMap<>();
                change.put("indicator", code);
                change.put("submitted", definition(before));
                change.put("current", definition(after));
                changed.add(change);
            }
        }
        return changed;
    }

    private static Map<String, Object> definition(JsonNode row) {
        Map<String, Object> definition = new LinkedHashMap<>();
        DEFINITION.forEach(f -> definition.put(f, row.get(f)));
        return definition;
    }

    private static boolean sameNumbers(JsonNode a, JsonNode b) {
        for (String field : NUMBERS) {
            JsonNode x = a.get(field);
            JsonNode y = b.get(field);
            boolean xNull = x == null || x.isNull();
            boolean yNull = y == null || y.isNull();
            if (xNull != yNull || (!xNull && x.decimalValue().compareTo(y.decimalValue()) != 0)) {
                return false;
            }
        }
        return true;
    }

    private static boolean holdsNumbers(JsonNode row) {
        return NUMBERS.stream().map(row::get)
                .anyMatch(n -> n != null && !n.isNull() && n.decimalValue().signum() != 0);
    }

    private static Map<String, Object> change(JsonNode submitted, JsonNode current) {
        JsonNode any = submitted != null ? submitted : current;
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("indicator", any.get("indicator").asText());
        change.put("period", any.get("period").asText());
        for (Breakdown b : Breakdown.values()) {
            if (any.has(b.key)) {
                change.put(b.key, any.get(b.key));
            }
        }
        change.put("submitted", numbers(submitted));
        change.put("current", numbers(current));
        return change;
    }

    private static Map<String, Object> numbers(JsonNode row) {
        if (row == null) {
            return null;
        }
        Map<String, Object> numbers = new LinkedHashMap<>();
        NUMBERS.forEach(f -> numbers.put(f, row.get(f)));
        return numbers;
    }

    private static Map<String, Object> summary(ReportSubmissionRecord row, String submittedByName) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", row.getId());
        view.put("period", row.getPeriod());
        view.put("from", row.getDateFrom());
        view.put("to", row.getDateTo());
        view.put("unit", row.getUnitCode());
        view.put("by", List.of(row.getBreakdowns()));
        view.put("mapSuccessors", row.getMapSuccessors());
        view.put("indicators", List.of(row.getIndicators()));
        view.put("language", row.getLanguage());
        view.put("contentHash", row.getContentSha256());
        view.put("submittedBy", row.getSubmittedBy());
        view.put("submittedByName", submittedByName);
        view.put("submittedAt", row.getSubmittedAt());
        return view;
    }

    private static Map<String, Object> view(ReportSubmissionRecord row, String submittedByName, JsonNode content) {
        Map<String, Object> view = summary(row, submittedByName);
        view.put("report", content);
        return view;
    }

    /**
     * SHA-256 (hex) of the report's canonical JSON as RFC 8785 (JSON Canonicalization Scheme)
     * defines it: anyone can recompute it from the stored report with any JCS implementation.
     */
    private static String sha256(JsonNode content) {
        try {
            byte[] canonical = new JsonCanonicalizer(Json.MAPPER.writeValueAsString(content)).getEncodedUTF8();
            return HexFormat.of().formatHex(Sha256.of(canonical));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
