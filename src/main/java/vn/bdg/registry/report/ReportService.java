package vn.bdg.registry.report;

import org.jooq.DSLContext;
import vn.bdg.registry.audit.AuditLog;
import vn.bdg.registry.auth.Caller;
import vn.bdg.registry.catalog.CatalogEntry;
import vn.bdg.registry.catalog.Catalogs;
import vn.bdg.registry.web.ApiException;
import vn.bdg.registry.web.FieldError;
import vn.bdg.registry.web.Page;
import vn.bdg.registry.web.PageRequest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

/**
 * Rules of indicator reports: the period (with the province's half-year cut-off), the unit (inside
 * the caller's scope), the indicators and breakdowns asked for, and the rows with zeros where there
 * is no data; the records behind a cell; the report settings.
 */
public final class ReportService {
    /** More rows than this is a breakdown too fine to read: the client must narrow it. */
    static final int MAX_ROWS = 100_000;
    /** More records than this in one cell is too many for a file: the client narrows the cell, or reads the pages. */
    static final int MAX_FILE_RECORDS = 100_000;
    /** More flags than this is a data set to fix at its source, not to read flag by flag. */
    static final int MAX_FLAGS = 1_000;
    /** Halves from 1 January and 1 July, unless the province says otherwise. */
    static final String CALENDAR_HALVES = "01-01";
    private static final List<String> LEVELS = List.of("province", "district", "commune");
    /** Said after the report unit's name in its own row of a breakdown by unit, beside the units below it. */
    private static final String OWN_ROW = " (riêng cấp này, không gồm đơn vị trực thuộc)";

    /** What a report is asked for, as the client sent it (period, or from and to). */
    public record Request(String period, LocalDate from, LocalDate to, String unit, List<String> by,
                          boolean mapSuccessors, List<String> indicators) {
    }

    /**
     * A cell as a file of its records describes it: the indicator, period and unit (its name), the
     * cell's breakdown values (null: not recorded) with their Vietnamese names, and the names of
     * the units records have (nameOfUnit: by code).
     */
    record RecordsCell(Indicator indicator, Period period, String unitName, Map<Breakdown, String> values,
                       Report.Labels labels, Function<String, String> nameOfUnit) {
    }

    /** Every record of a cell, as the rows a file keeps of them, in the order of the pages. */
    record AllRecords<R>(RecordsCell cell, List<R> rows) {
    }

    /** The settings of a province's reports (ReportSettings). */
    public record Settings(String halfYearStart) {
    }

    private final DSLContext dsl;
    private final ReportRepository reports;
    private final IndicatorRepository values;
    private final FlagRepository flagRepository;
    private final Catalogs catalogs;
    private final AuditLog audit;

    public ReportService(DSLContext dsl, Catalogs catalogs, AuditLog audit) {
        this.dsl = dsl;
        this.reports = new ReportRepository(dsl);
        this.values = new IndicatorRepository(dsl);
        this.flagRepository = new FlagRepository(dsl);
        this.catalogs = catalogs;
        this.audit = audit;
    }

    // ------------------------------------------------------------------------------------ reports

    Report report(Caller caller, Request request) {
        return report(caller, request, null);
    }

    /** The report of a request, over a period fixed beforehand (a submission's) when one is given. */
    Report report(Caller caller, Request request, Period fixed) {
        Context ctx = context(caller, request, null, fixed);
        Map<String, Map<List<String>, long[]>> numbers = values.values(ctx.spec());
        List<Report.Row> rows = new ArrayList<>();
        for (Indicator indicator : ctx.indicators) {
            EnumSet<Breakdown> dims = ctx.breakdowns.get(indicator.code());
            Map<List<String>, long[]> found = numbers.get(indicator.code());
            for (List<String> key : cells(ctx, indicator, dims, found)) {
                Map<Breakdown, String> cell = new LinkedHashMap<>();
                int k = 0;
                for (Breakdown b : dims) {
                    cell.put(b, key.get(k++));
                }
                rows.add(row(indicator, cell, found.get(key)));
                if (rows.size() > MAX_ROWS) {
                    throw ApiException.invalid("by", "too_many_cells", MAX_ROWS);
                }
            }
        }
        return new Report(ctx.period, ctx.root, ctx.tree.name(ctx.root), ctx.by, request.mapSuccessors(),
                ctx.indicators.stream().map(Indicator::code).toList(), rows, ctx.labels(ctx.by));
    }

    /**
     * The flags of a period's courses in the unit, most telling first: by kind, then by the first
     * course's code and the session's date. At most MAX_FLAGS, the answer saying when there were more.
     */
    Flag.Listing flags(Caller caller, Request request, Locale locale) {
        Context ctx = context(caller, request, null, null);
        List<FlagRepository.Found> found = flagRepository.flags(ctx.spec());
        Set<UUID> courseIds = new LinkedHashSet<>();
        Set<UUID> sessionIds = new LinkedHashSet<>();
        found.forEach(f -> {
            courseIds.addAll(f.courseIds());
            sessionIds.addAll(f.sessionIds());
        });
        Map<UUID, Flag.FlagCourse> courses = flagRepository.courses(caller, ctx.spec().units(), courseIds);
        Map<UUID, Flag.FlagSession> sessions = flagRepository.sessions(caller.provinceCode(), sessionIds);
        List<Flag> flags = new ArrayList<>();
        found.forEach(f -> flags.add(Flags.said(f, courses, sessions, locale)));
        if (ctx.by.stream().anyMatch(Flags.SENSITIVE::contains)) {
            flags.addAll(Flags.smallCounts(report(caller, request), locale));
        }
        Flags.sort(flags);
        boolean truncated = flags.size() > MAX_FLAGS;
        return new Flag.Listing(ctx.period.name(), ctx.period.from(), ctx.period.to(), ctx.root,
                ctx.tree.name(ctx.root), truncated ? flags.subList(0, MAX_FLAGS) : flags, truncated);
    }

    /** The records behind one cell of one indicator (cell: breakdown key -> value, "null" for not recorded). */
    Page<IndicatorRepository.Item> records(Caller caller, String code, Request request, Map<String, String> cell,
                                           PageRequest page) {
        Context ctx = context(caller, request, code, null);
        Indicator indicator = ctx.indicators.get(0);
        Map<Breakdown, String> values = cellValues(ctx, indicator, cell);
        // people: the last one's full name (they are in list order), then two ids; courses: two ids
        boolean people = IndicatorRepository.listsPeople(indicator);
        if (page.hasCursor() && (page.after().size() != (people ? 3 : 2)
                || !isUuid(page.after().get(page.after().size() - 2)) || !isUuid(page.after().get(page.after().size() - 1)))) {
            throw ApiException.invalid("cursor", "invalid_cursor");
        }
        List<IndicatorRepository.Item> items = new ArrayList<>();
        this.values.records(ctx.spec(), new IndicatorRepository.Cell(values), page.after(), page.limit() + 1,
                items::add);
        return page.page(items, i -> indicator.countsFacts()
                ? List.of(i.fullName(), i.participantId().toString(), i.courseId().toString())
                : people
                ? List.of(i.fullName(), i.participantId().toString(), i.participantId().toString())
                : List.of(i.courseId().toString(), i.courseId().toString()));
    }

    /**
     * Every record behind one cell, for a file: rowOf, given the cell, says what the file keeps of a
     * record, and each record becomes that as it is read. More than MAX_FILE_RECORDS is a 400.
     */
    <R> AllRecords<R> allRecords(Caller caller, String code, Request request, Map<String, String> cell,
                                 Function<RecordsCell, Function<IndicatorRepository.Item, R>> rowOf) {
        Context ctx = context(caller, request, code, null);
        Indicator indicator = ctx.indicators.get(0);
        Map<Breakdown, String> values = cellValues(ctx, indicator, cell);
        RecordsCell described = new RecordsCell(indicator, ctx.period, ctx.tree.name(ctx.root), values,
                ctx.labels(values.keySet()), ctx.tree::name);
        Function<IndicatorRepository.Item, R> row = rowOf.apply(described);
        List<R> rows = new ArrayList<>();
        // one more than the bound tells a cell that has too many from one that has just enough
        this.values.records(ctx.spec(), new IndicatorRepository.Cell(values), null, MAX_FILE_RECORDS + 1,
                item -> rows.add(row.apply(item)));
        if (rows.size() > MAX_FILE_RECORDS) {
            throw ApiException.invalid("format", "too_many_records", MAX_FILE_RECORDS);
        }
        return new AllRecords<>(described, rows);
    }

    /**
     * A cell's breakdown values, checked against the indicator and the report (cell: breakdown key
     * -> value as the client sent it, "null" for not recorded; answered: null for not recorded).
     */
    private static Map<Breakdown, String> cellValues(Context ctx, Indicator indicator, Map<String, String> cell) {
        Map<Breakdown, String> values = new EnumMap<>(Breakdown.class);
        List<FieldError> errors = new ArrayList<>();
        cell.forEach((key, value) -> {
            Breakdown b = Breakdown.byKey(key).orElseThrow();
            if (!b.appliesTo(indicator)) {
                errors.add(new FieldError(key, "not_a_breakdown_of_indicator"));
            } else if (b == Breakdown.ORGANIZER && !"null".equals(value) && !isUuid(value)) {
                errors.add(new FieldError(key, "wrong_type"));
            } else {
                // an organisation's id as the rows write it (lower case), whatever case it was sent in
                String given = b == Breakdown.ORGANIZER && !"null".equals(value) ? UUID.fromString(value).toString()
                        : value;
                if (!"null".equals(given) && !ctx.values(b).contains(given)) {
                    // a value no row can have names no record: said, rather than an empty page (also an
                    // organisation that is not one of the province's, of whom the report has no row)
                    errors.add(new FieldError(key, "not_allowed", String.join(", ", ctx.values(b)) + ", null"));
                } else {
                    values.put(b, "null".equals(given) ? null : given);
                }
            }
        });
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return values;
    }

    static boolean isUuid(String s) {
        try {
            UUID.fromString(s);
            return s.length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Report.Row row(Indicator indicator, Map<Breakdown, String> cell, long[] n) {
        long first = n == null ? 0 : n[0];
        long second = n == null ? 0 : n[1 % n.length];
        if (indicator.subject().equals("plan")) {
            return new Report.Row(indicator, cell, BigDecimal.valueOf(first), null, null, second);
        }
        if (indicator.isShare()) {
            BigDecimal share = second == 0 ? null : BigDecimal.valueOf(first)
                    .divide(BigDecimal.valueOf(second), 4, RoundingMode.HALF_UP).stripTrailingZeros();
            return new Report.Row(indicator, cell, share, first, second, null);
        }
        return new Report.Row(indicator, cell, BigDecimal.valueOf(first), null, null, null);
    }

    /**
     * Every cell of an indicator: each breakdown's values (catalogue, filter or units, plus any other
     * value the data holds, such as "not recorded"), crossed.
     */
    private List<List<String>> cells(Context ctx, Indicator indicator, EnumSet<Breakdown> dims,
                                     Map<List<String>, long[]> found) {
        List<List<String>> cells = new ArrayList<>(List.of(List.of()));
        int k = 0;
        for (Breakdown b : dims) {
            Set<String> domain = new LinkedHashSet<>(ctx.domain(b, indicator));
            boolean unrecorded = false;
            for (Map.Entry<List<String>, long[]> e : found.entrySet()) {
                List<String> key = e.getKey();
                if (Arrays.stream(e.getValue()).allMatch(n -> n == 0)) {
                    continue; // a value outside the catalogue or filter counts only when it holds something
                }
                if (key.get(k) == null) {
                    unrecorded = true;
                } else {
                    domain.add(key.get(k));
                }
            }
            List<List<String>> crossed = new ArrayList<>();
            for (List<String> prefix : cells) {
                for (String v : domain) {
                    crossed.add(append(prefix, v));
                }
                if (unrecorded) {
                    crossed.add(append(prefix, null));
                }
            }
            if ((long) crossed.size() * ctx.indicators.size() > MAX_ROWS) {
                throw ApiException.invalid("by", "too_many_cells", MAX_ROWS);
            }
            cells = crossed;
            k++;
        }
        return cells;
    }

    private static List<String> append(List<String> prefix, String value) {
        List<String> list = new ArrayList<>(prefix.size() + 1);
        list.addAll(prefix);
        list.add(value);
        return list;
    }

    // ------------------------------------------------------------------------------------ DHIS2

    /** Whether a row counted nobody and nothing: a zero value, and no denominator above zero. */
    private static boolean nothingCounted(Report.Row row) {
        return row.value().signum() == 0 && (row.denominator() == null || row.denominator() == 0);
    }

    /**
     * The report as a DHIS2 data value set: the indicator's data element, the period in DHIS2's
     * format, the unit (or the breakdown's unit) as orgUnit, and the category option combo that
     * the catalogue maps the other breakdown values to ("not recorded" as "null", e.g.
     * "ethnicMinority=null"). Rows with no data element or no value (a share of nothing) are left
     * out, and so are rows that counted nothing in a cell with a value not recorded (they only come
     * from crossing it with another breakdown); a share of 0 of some people is a number like any
     * other. A row whose breakdown values have no category option combo, or whose unit is not
     * recorded (DHIS2 has no orgUnit for it), makes the whole set a 422 naming them, rather than a
     * set that silently lacks those numbers.
     */
    Map<String, Object> dataValueSet(Caller caller, Request request) {
        if (request.period() == null) {
            throw ApiException.invalid("period", "required");
        }
        Report report = report(caller, request);
        if (report.period().dhis2() == null) {
            throw ApiException.invalid("period", "no_dhis2_period");
        }
        Map<String, Map<String, String>> combos = reports.categoryOptionCombos();
        List<Map<String, Object>> dataValues = new ArrayList<>();
        Set<String> unmapped = new TreeSet<>();
        for (Report.Row row : report.rows()) {
            Indicator indicator = row.indicator();
            if (indicator.dhis2DataElement() == null || row.value() == null
                    || (row.cell().containsValue(null) && nothingCounted(row))) {
                continue;
            }
            String orgUnit = row.cell().containsKey(Breakdown.UNIT) ? row.cell().get(Breakdown.UNIT) : report.unitCode();
            if (orgUnit == null) {
                unmapped.add(Breakdown.UNIT.key + "=null");
                continue;
            }
            List<String> pairs = new ArrayList<>();
            row.cell().forEach((b, v) -> {
                if (b != Breakdown.UNIT) {
                    pairs.add(b.key + "=" + v);
                }
            });
            pairs.sort(null);
            String disaggregation = String.join(";", pairs);
            String combo = combos.getOrDefault(indicator.code(), Map.of()).get(disaggregation);
            if (combo == null) {
                combo = combos.getOrDefault("", Map.of()).get(disaggregation);
            }
            if (combo == null) {
                unmapped.add(disaggregation);
                continue;
            }
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("dataElement", indicator.dhis2DataElement());
            value.put("period", report.period().dhis2());
            value.put("orgUnit", orgUnit);
            value.put("categoryOptionCombo", combo);
            value.put("value", row.value().toPlainString());
            dataValues.add(value);
        }
        if (!unmapped.isEmpty()) {
            throw new ApiException(422, "no_dhis2_mapping", String.join(", ", unmapped.stream().limit(10).toList())
                    + (unmapped.size() > 10 ? ", …" : ""));
        }
        return Map.of("dataValues", dataValues);
    }

    // ------------------------------------------------------------------------------------ settings

    Settings settings(Caller caller) {
        return new Settings(reports.halfYearStart(caller.provinceCode()).orElse(CALENDAR_HALVES));
    }

    /** The cut-off dates every unit's reports: only a province-wide admin sets it (403 for one scoped to a unit). */
    Settings saveSettings(Caller caller, String halfYearStart) {
        if (!caller.provinceWide()) {
            throw ApiException.forbidden();
        }
        if (halfYearStart == null || !halfYearStart.matches("(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])")) {
            throw ApiException.invalid("halfYearStart", "invalid_month_day");
        }
        return dsl.transactionResult(trx -> {
            reports.holdSettings(trx.dsl(), caller.provinceCode());
            Settings before = new Settings(reports.halfYearStart(trx.dsl(), caller.provinceCode())
                    .orElse(CALENDAR_HALVES));
            reports.saveHalfYearStart(trx.dsl(), caller.provinceCode(), halfYearStart, caller.userId());
            Settings after = new Settings(halfYearStart);
            audit.record(trx.dsl(), caller, "update", "report_setting", caller.provinceCode(), before, after);
            return after;
        });
    }

    // ------------------------------------------------------------------------------------ context

    /** Everything one report needs, resolved and checked. */
    private final class Context {
        final Caller caller;
        final Period period;
        final String root;
        final UnitTree tree;
        final boolean mapSuccessors;
        final List<Breakdown> by;
        final List<Indicator> indicators;
        final Map<String, EnumSet<Breakdown>> breakdowns = new HashMap<>();
        private Map<UUID, String> organizations;
        private List<ReportRepository.AgeBand> ageBands;

        Context(Caller caller, Period period, String root, UnitTree tree, boolean mapSuccessors, List<Breakdown> by,
                List<Indicator> indicators) {
            this.caller = caller;
            this.period = period;
            this.root = root;
            this.tree = tree;
            this.mapSuccessors = mapSuccessors;
            this.by = by;
            this.indicators = indicators;
            Set<Breakdown> asked = EnumSet.noneOf(Breakdown.class);
            asked.addAll(by);
            indicators.forEach(i -> breakdowns.put(i.code(), Breakdown.of(i, asked)));
        }

        IndicatorRepository.Spec spec() {
            // people with no unit are counted only in a report of the whole province
            boolean wholeProvince = root.equals(caller.provinceCode()) && caller.provinceWide();
            return new IndicatorRepository.Spec(caller.provinceCode(), period.from(), period.to(),
                    period.firstPlanYear(), period.lastPlanYear(), tree.map(root, mapSuccessors, wholeProvince),
                    indicators, breakdowns);
        }

        Map<UUID, String> organizations() {
            if (organizations == null) {
                organizations = reports.organizations(caller.provinceCode());
            }
            return organizations;
        }

        List<ReportRepository.AgeBand> ageBands() {
            if (ageBands == null) {
                ageBands = reports.ageBands();
            }
            return ageBands;
        }

        /** The values a breakdown has in an indicator's rows before looking at the data. */
        List<String> domain(Breakdown b, Indicator i) {
            return switch (b) {
                case SEX -> i.filterSex() != null ? List.of(i.filterSex()) : values(b);
                case TARGET_GROUP -> i.filterTargetGroups() != null ? i.filterTargetGroups() : values(b);
                case TOPIC -> i.filterTopics() != null ? i.filterTopics() : values(b);
                case KIND -> i.filterKinds() != null ? i.filterKinds() : values(b);
                default -> values(b);
            };
        }

        /** Every value a breakdown can have in this report's rows, whatever an indicator's filters (besides "not recorded"). */
        List<String> values(Breakdown b) {
            return switch (b) {
                case SEX -> List.of("female", "male");
                case TARGET_GROUP -> codes(Catalogs.TARGET_GROUPS);
                case LEVEL -> LEVELS;
                case UNIT -> tree.rows(root, mapSuccessors);
                case TOPIC -> codes(Catalogs.TOPICS);
                case KIND -> codes(Catalogs.COURSE_KINDS);
                case ORGANIZER -> organizations().keySet().stream().map(UUID::toString).toList();
                case ETHNIC_MINORITY -> List.of("true", "false");
                case AGE_BAND -> ageBands().stream().map(ReportRepository.AgeBand::code).toList();
            };
        }

        /** The Vietnamese names of breakdown values; organisations' only when shown (they are read for it). */
        Report.Labels labels(Collection<Breakdown> shown) {
            Map<Breakdown, Map<String, String>> names = new EnumMap<>(Breakdown.class);
            names.put(Breakdown.SEX, Map.of("female", "Nữ", "male", "Nam"));
            names.put(Breakdown.TARGET_GROUP, catalogNames(Catalogs.TARGET_GROUPS));
            names.put(Breakdown.LEVEL, Map.of("province", "Cấp tỉnh", "district", "Cấp huyện", "commune", "Cấp xã"));
            Map<String, String> unitNames = new HashMap<>();
            List<String> unitRows = tree.rows(root, mapSuccessors);
            unitRows.forEach(u -> unitNames.put(u, tree.name(u)));
            if (unitRows.size() > 1) {
                // beside the units below it, the report's unit's own row is not its total: a
                // compiler copying "Tỉnh Bắc Kạn" from a file must not take it for the province's
                unitNames.put(root, tree.name(root) + OWN_ROW);
            }
            names.put(Breakdown.UNIT, unitNames);
            names.put(Breakdown.TOPIC, catalogNames(Catalogs.TOPICS));
            names.put(Breakdown.KIND, catalogNames(Catalogs.COURSE_KINDS));
            Map<String, String> orgNames = new HashMap<>();
            if (shown.contains(Breakdown.ORGANIZER)) {
                organizations().forEach((id, name) -> orgNames.put(id.toString(), name));
            }
            names.put(Breakdown.ORGANIZER, orgNames);
            names.put(Breakdown.ETHNIC_MINORITY,
                    Map.of("true", "Dân tộc thiểu số", "false", "Không phải dân tộc thiểu số"));
            Map<String, String> bands = new HashMap<>();
            ageBands().forEach(a -> bands.put(a.code(), a.labelVi()));
            names.put(Breakdown.AGE_BAND, bands);
            return new Report.Labels(names);
        }
    }

    private List<String> codes(String catalog) {
        return catalogs.list(catalog).orElseThrow().stream().map(CatalogEntry::code).toList();
    }

    private Map<String, String> catalogNames(String catalog) {
        Map<String, String> names = new HashMap<>();
        catalogs.list(catalog).orElseThrow().forEach(e -> names.put(e.code(), e.nameVi()));
        return names;
    }

    /**
     * Resolves and checks a request: only names the one indicator asked for by path, fixed a period
     * decided beforehand.
     */
    private Context context(Caller caller, Request request, String only, Period fixed) {
        List<FieldError> errors = new ArrayList<>();
        Period period = fixed != null ? fixed : period(caller, request, errors);

        List<Breakdown> by = new ArrayList<>();
        for (String name : request.by()) {
            Breakdown.byParam(name).ifPresentOrElse(b -> {
                if (!by.contains(b)) {
                    by.add(b);
                }
            }, () -> errors.add(new FieldError("by", "not_allowed", allowedBreakdowns())));
        }

        List<Indicator> catalogue = reports.indicators();
        List<Indicator> indicators;
        if (only != null) {
            indicators = catalogue.stream().filter(i -> i.code().equals(only)).toList();
            if (indicators.isEmpty()) {
                throw ApiException.notFound();
            }
        } else if (request.indicators().isEmpty()) {
            indicators = catalogue;
        } else {
            Set<String> known = new LinkedHashSet<>();
            catalogue.forEach(i -> known.add(i.code()));
            if (request.indicators().stream().anyMatch(c -> !known.contains(c))) {
                errors.add(new FieldError("indicators", "unknown_code"));
            }
            indicators = catalogue.stream().filter(i -> request.indicators().contains(i.code())).toList();
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }

        UnitTree tree = new UnitTree(reports.unitsOf(caller.provinceCode()));
        String root = request.unit() != null ? request.unit()
                : caller.provinceWide() ? caller.provinceCode() : caller.unitCode();
        if (!tree.contains(root) || !caller.canSeeUnit(root)) {
            throw ApiException.unprocessable("unit", "unknown_unit");
        }
        return new Context(caller, period, root, tree, request.mapSuccessors(), by, indicators);
    }

    private Period period(Caller caller, Request request, List<FieldError> errors) {
        MonthDay start = halfYearStart(caller);
        if (request.period() != null) {
            if (request.from() != null || request.to() != null) {
                errors.add(new FieldError("period", "period_or_dates"));
                return null;
            }
            Period period = Period.named(request.period(), start);
            if (period == null) {
                errors.add(new FieldError("period", "invalid_period"));
            }
            return period;
        }
        if (request.from() == null && request.to() == null) {
            errors.add(new FieldError("period", "required"));
            return null;
        }
        if (request.from() == null || request.to() == null) {
            errors.add(new FieldError(request.from() == null ? "from" : "to", "required"));
            return null;
        }
        if (request.from().getYear() < Period.FIRST_YEAR || request.to().getYear() > Period.LAST_YEAR) {
            String first = Period.FIRST_YEAR + "-01-01";
            String last = Period.LAST_YEAR + "-12-31";
            if (request.from().getYear() < Period.FIRST_YEAR) {
                errors.add(new FieldError("from", "out_of_range", first, last));
            }
            if (request.to().getYear() > Period.LAST_YEAR) {
                errors.add(new FieldError("to", "out_of_range", first, last));
            }
            return null;
        }
        if (request.to().isBefore(request.from())) {
            errors.add(new FieldError("to", "end_before_start"));
            return null;
        }
        return Period.range(request.from(), request.to(), start);
    }

    /** The day the province's half-years (and so its years and plan years) start. */
    MonthDay halfYearStart(Caller caller) {
        return MonthDay.parse("--" + settings(caller).halfYearStart());
    }

    private static String allowedBreakdowns() {
        return String.join(", ", Arrays.stream(Breakdown.values()).map(b -> b.param).toList());
    }
}
