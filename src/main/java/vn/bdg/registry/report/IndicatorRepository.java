package vn.bdg.registry.report;

import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.QueryPart;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

import static vn.bdg.registry.db.Tables.PARTICIPANT;

/**
 * The SQL of indicator values and of the records behind them: every report is one statement over
 * the live tables (courses, enrollments, check-ins, excused absences, participants), so a check-in
 * counts in the next report with nothing to rebuild.
 *
 * <p>The statement first derives the facts: one row per trainee (enrolled, role trainee) and course
 * starting in the period, with the person resolved through merges to the surviving record, the
 * sessions attended and excused, and whether the course's completion rule was met (see
 * {@code attendance.Completion}). Indicators are aggregations of those facts, all computed in one
 * pass per group of indicators, each with its own FILTER: courses by course, person-times by fact,
 * unique persons by first grouping by person, coverage over the registered persons, plans over the
 * activities, each group by all its indicators' breakdowns at once (see Branch).
 *
 * <p>It is written as SQL text because it is easier to read, and to check against the hand-written
 * SQL of bench/report_bench.py, as SQL; the text is built only from the fragments below, and every
 * value (codes, dates, catalogue filters, units) is a bind parameter. Attribution and scope: person
 * subjects belong to the trainee's unit for the course (the enrollment's: the unit they had when
 * trained, however they moved since) and are scoped by it (a district reporter counts the people
 * trained as the district's, whichever course they attended); course and plan subjects belong to
 * the course's unit and are scoped by it.
 */
final class IndicatorRepository {
    /** What an aggregation needs: where, when, which indicators with which breakdowns. */
    record Spec(String province, LocalDate from, LocalDate to, int firstPlanYear, int lastPlanYear,
                Units units, List<Indicator> indicators, Map<String, EnumSet<Breakdown>> breakdowns) {
    }

    /**
     * Units of the report, as parallel arrays: each unit of the report's unit's subtree (after
     * mapping old units to their successors, when asked), the row bucket it counts in (the unit
     * itself or its child) and its level. withoutUnit: records with no unit count too (the report
     * is of the whole province).
     */
    record Units(String[] codes, String[] buckets, String[] levels, boolean withoutUnit) {
    }

    /** A cell's breakdown values, by breakdown (null value: not recorded), for records. */
    record Cell(Map<Breakdown, String> values) {
    }

    /** One record behind a cell (see the RecordItem schema). */
    record Item(UUID courseId, String courseCode, String courseTitle, LocalDate startDate, LocalDate endDate,
                UUID participantId,
                String fullName, String sex, String unitCode, Integer sessions, Integer attendedSessions,
                Integer excusedSessions, Boolean completed, boolean counted, List<UUID> checkInIds) {
    }

    private static final String[] DIM_COLUMNS = {"sex", "target_group", "level", "unit", "topic", "kind",
            "organizer", "ethnic_minority", "age_band"};
    private static final Set<Breakdown> MULTI_VALUED = EnumSet.of(Breakdown.TARGET_GROUP, Breakdown.TOPIC);
    /** Records read from the database at a time (the statement runs once, read through a cursor). */
    private static final int FETCH_SIZE = 1_000;

    private final DSLContext dsl;

    IndicatorRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    // ------------------------------------------------------------------------------------ values

    /**
     * The values of every indicator: code -> breakdown values (in Breakdown order, as text) ->
     * numbers (count; or numerator and denominator of a share; or held and planned for plans).
     * Only cells with data are there; zero cells are the caller's to add.
     */
    Map<String, Map<List<String>, long[]>> values(Spec spec) {
        List<Branch> branches = branches(spec);
        Sql sql = new Sql();
        facts(sql, spec);
        boolean needsCourseFacts = branches.stream().anyMatch(b -> b.part.equals("course") || b.part.equals("plan"));
        if (needsCourseFacts) {
            sql.add(",\ncf as (").add(COURSE_FACTS).add(")");
        }
        if (branches.stream().anyMatch(b -> b.part.equals("coverage"))) {
            personsTrained(sql, spec);
        }
        sql.add("\n");
        for (int i = 0; i < branches.size(); i++) {
            sql.add(i == 0 ? "" : "\nunion all\n");
            branch(sql, spec, branches.get(i), i);
        }
        Field<Integer> branchField = DSL.field(DSL.name("branch"), Integer.class);
        Field<Long[]> valuesField = DSL.field(DSL.name("v"), SQLDataType.BIGINT.array());
        List<Field<String>> dimFields = new ArrayList<>();
        for (String column : DIM_COLUMNS) {
            dimFields.add(DSL.field(DSL.name(column), String.class));
        }
        List<Field<?>> fields = new ArrayList<>(List.of(branchField));
        fields.addAll(dimFields);
        fields.add(valuesField);

        Map<String, Map<List<String>, long[]>> values = new HashMap<>();
        spec.indicators().forEach(i -> values.put(i.code(), new HashMap<>()));
        for (Record r : analytic(tx -> tx.resultQuery(sql.text(), sql.parts()).coerce(fields).fetch())) {
            Branch branch = branches.get(r.get(branchField));
            Long[] v = r.get(valuesField);
            int offset = 0;
            for (Indicator indicator : branch.indicators) {
                // the branch's rows are by all its breakdowns; an indicator with fewer adds them up
                List<String> key = new ArrayList<>();
                spec.breakdowns().get(indicator.code()).forEach(b -> key.add(r.get(dimFields.get(b.ordinal()))));
                long[] numbers = values.get(indicator.code()).computeIfAbsent(key, k -> new long[width(indicator)]);
                for (int k = 0; k < numbers.length; k++) {
                    numbers[k] += v[offset + k] == null ? 0 : v[offset + k];
                }
                offset += numbers.length;
            }
        }
        return values;
    }

    /**
     * Runs one report statement: planned for its own values every time (a plan cached for any
     * province and period misjudges them), without JIT (compiling a statement this large takes
     * seconds, far more than it saves) and with room to aggregate in memory.
     */
    private <T> T analytic(Function<DSLContext, T> statement) {
        return dsl.transactionResult(trx -> {
            trx.dsl().execute("set local plan_cache_mode = force_custom_plan");
            trx.dsl().execute("set local jit = off");
            trx.dsl().execute("set local work_mem = '256MB'");
            return statement.apply(trx.dsl());
        });
    }

    /** Numbers per cell: a share and a plan row have two. */
    private static int width(Indicator indicator) {
        return indicator.isShare() || indicator.subject().equals("plan") ? 2 : 1;
    }

    /**
     * Indicators computed together, in one GROUP BY over all their breakdowns. An indicator with
     * fewer breakdowns than its branch adds up the branch's rows, so a branch only gathers
     * indicators for which that sum is exact: the same multi-valued breakdowns (a row per topic or
     * target group must not multiply the rows of another indicator) and, for unique persons, the
     * same breakdowns by what differs between a person's courses (a person counts once per topic,
     * kind, organiser or age band, and once per unit and level they were trained in, so these cannot
     * be added up); person attributes (sex, ethnicity) add up.
     */
    private record Branch(String part, List<Indicator> indicators, Set<Breakdown> multi, List<Breakdown> dims) {
    }

    private static final Set<Breakdown> BY_COURSE = EnumSet.of(Breakdown.TOPIC, Breakdown.KIND, Breakdown.ORGANIZER,
            Breakdown.AGE_BAND);
    /** The unit a person was trained in, kept with each enrollment: one person may have several in a period. */
    private static final Set<Breakdown> TRAINING_UNIT = EnumSet.of(Breakdown.LEVEL, Breakdown.UNIT);

    private static List<Branch> branches(Spec spec) {
        Map<List<Object>, List<Indicator>> grouped = new LinkedHashMap<>();
        for (Indicator i : spec.indicators()) {
            EnumSet<Breakdown> dims = spec.breakdowns().get(i.code());
            EnumSet<Breakdown> apart = EnumSet.noneOf(Breakdown.class);
            dims.stream()
                    .filter(b -> MULTI_VALUED.contains(b)
                            || (i.subject().startsWith("person") && (BY_COURSE.contains(b) || TRAINING_UNIT.contains(b))))
                    .forEach(apart::add);
            String part = i.subject().startsWith("person") ? "person" : i.subject();
            grouped.computeIfAbsent(List.of(part, apart), k -> new ArrayList<>()).add(i);
        }
        List<Branch> branches = new ArrayList<>();
        grouped.forEach((key, indicators) -> {
            EnumSet<Breakdown> union = EnumSet.noneOf(Breakdown.class);
            indicators.forEach(i -> union.addAll(spec.breakdowns().get(i.code())));
            EnumSet<Breakdown> multi = EnumSet.noneOf(Breakdown.class);
            union.stream().filter(MULTI_VALUED::contains).forEach(multi::add);
            branches.add(new Branch((String) key.get(0), indicators, multi, List.copyOf(union)));
        });
        return branches;
    }

    private static void branch(Sql sql, Spec spec, Branch branch, int number) {
        switch (branch.part) {
            case "course" -> courseBranch(sql, spec, branch, number);
            case "person" -> personBranch(sql, spec, branch, number);
            case "coverage" -> coverageBranch(sql, spec, branch, number);
            default -> planBranch(sql, spec, branch, number);
        }
    }

    // ------------------------------------------------------------------------------------ records

    /**
     * The records behind one cell of one indicator (spec holds just that indicator), in list order:
     * facts (trainee × course, with the check-ins) for person subjects, courses for course and plan
     * subjects, registered persons for coverage. counted: the record is in the value (for shares
     * and coverage, in the numerator; the others are the rest of the denominator). after: the sort
     * key of the last record served, or null; at most limit records. The statement runs once and
     * its rows are read FETCH_SIZE at a time, each record given to {@code each} as it comes: a
     * caller reading a whole cell (a file of it) holds what it keeps of each, not the result.
     */
    void records(Spec spec, Cell cell, List<String> after, int limit, Consumer<Item> each) {
        Indicator i = spec.indicators().get(0);
        Sql sql = new Sql();
        facts(sql, spec);
        switch (i.subject()) {
            case "person", "person_time" -> personRecords(sql, spec, i, cell);
            case "coverage" -> {
                personsTrained(sql, spec);
                coverageRecords(sql, spec, i, cell);
            }
            default -> {
                if (i.countsFacts()) {
                    planParticipantRecords(sql, spec, i, cell);
                } else {
                    sql.add(",\ncf as (").add(COURSE_FACTS).add(")\n");
                    courseRecords(sql, spec, i, cell);
                }
            }
        }
        String ids = i.countsFacts() ? "fx.person, fx.course_id" : i.subject().equals("coverage") ? "p.id, p.id" : "c.id, c.id";
        // people as a Vietnamese list has them (by given name, then the rest, as GET /participants):
        // the cursor of such a page holds the last person's full name before the ids
        boolean people = listsPeople(i);
        String key = people ? PEOPLE_ORDER + ids : ids;
        if (after != null) {
            sql.add(" and (").add(key).add(") > (");
            if (people) {
                sql.add("split_part(regexp_replace(").bind(after.get(0)).add(LIST_NAME + ", ' ', 1), regexp_replace(")
                        .bind(after.get(0)).add(LIST_NAME + ", ");
            }
            List<String> afterIds = after.subList(after.size() - 2, after.size());
            sql.bind(UUID.fromString(afterIds.get(0))).add("::uuid, ").bind(UUID.fromString(afterIds.get(1))).add("::uuid)");
        }
        sql.add("\norder by ").add(key).add(" limit ").bind(limit);
        analytic(tx -> {
            try (Cursor<Record> rows = tx.resultQuery(sql.text(), sql.parts()).fetchSize(FETCH_SIZE).fetchLazy()) {
                rows.forEach(r -> each.accept(item(r)));
            }
            return null;
        });
    }

    private static Item item(Record r) {
        return new Item(r.get(0, UUID.class), r.get(1, String.class), r.get(2, String.class),
                r.get(3, LocalDate.class), r.get(4, LocalDate.class), r.get(5, UUID.class), r.get(6, String.class),
                r.get(7, String.class), r.get(8, String.class), r.get(9, Integer.class), r.get(10, Integer.class),
                r.get(11, Integer.class), r.get(12, Boolean.class), r.get(13, Boolean.class),
                List.of(r.get(14, UUID[].class)));
    }

    /** Whether an indicator's records are people (trainee x course facts, registered persons) rather than courses. */
    static boolean listsPeople(Indicator i) {
        return i.countsFacts() || i.subject().equals("coverage");
    }

    /** The order of a Vietnamese list over participant p: given name, then the list name (V18, V19). */
    private static final String PEOPLE_ORDER =
            "split_part(p.list_name, ' ', 1) collate \"vi-x-icu\", p.list_name collate \"vi-x-icu\", ";
    /** The rest of participant.list_name's expression (V18), applied to a full name: "Hoa Nguyễn Thị". */
    private static final String LIST_NAME = ", '^(.*\\S)\\s+(\\S+)$', '\\2 \\1')";

    private static void personRecords(Sql sql, Spec spec, Indicator i, Cell cell) {
        sql.add("""

                select fx.course_id, c.code, c.title, c.start_date, c.end_date, fx.person, p.full_name, p.sex,
                       fx.unit_code, fx.sessions, fx.attended_sessions, fx.excused_sessions, fx.completed, """);
        if (i.isShare()) {
            sql.add("p.sex = ").bind(i.filterSex());
        } else {
            sql.add("true");
        }
        sql.add(",\n").add(FACT_CHECK_INS).add("""

                from fx join c on c.id = fx.course_id join participant p on p.id = fx.person
                """).add(spec.units().withoutUnit() ? "left " : "").add("join units u on u.code = fx.unit_code\n");
        recordJoins(sql, cell, "c.start_date");
        sql.add("where ").part(participantScope(spec)).add(" and ");
        // a share's records are its denominator's, those of its numerator marked counted
        trainedCondition(sql, i, i.isShare(), "c.topics");
        groupsFilter(sql, i, FACT_GROUPS);
        cellConditions(sql, cell, "person");
    }

    /** A fact's accepted check-ins (of the person's merged records too), in the order they were made. */
    private static final String FACT_CHECK_INS = """
                   array(select ci.id from s join check_in ci on ci.session_id = s.id
                         where s.course_id = fx.course_id and ci.outcome = 'accepted' and ci.undone_at is null
                           and (ci.participant_id = fx.person
                                or ci.participant_id in (select id from root_of where root = fx.person))
                         order by ci.scanned_at, ci.id)""";

    /**
     * The trainees a plan's participants count: the facts that count of the courses linked to the
     * cell's activities (as held participants are, in the course's unit, whoever the trainee is).
     */
    private static void planParticipantRecords(Sql sql, Spec spec, Indicator i, Cell cell) {
        sql.add("""

                select fx.course_id, c.code, c.title, c.start_date, c.end_date, fx.person, p.full_name, p.sex,
                       fx.unit_code, fx.sessions, fx.attended_sessions, fx.excused_sessions, fx.completed, true,
                """).add(FACT_CHECK_INS).add("""

                from fx join c on c.id = fx.course_id join participant p on p.id = fx.person
                join plan_activity a on a.id = c.plan_activity_id join annual_plan pl on pl.id = a.plan_id
                """).add(spec.units().withoutUnit() ? "left " : "").add("join units u on u.code = c.unit_code\n")
                .add("where ").part(courseScope(spec)).add(" and ").add(counted(i))
                .add(" and pl.province_code = ").bind(spec.province()).add(" and pl.year between ")
                .bind(spec.firstPlanYear()).add(" and ").bind(spec.lastPlanYear()).add(" and ");
        activityFilter(sql, i);
        cellConditions(sql, cell, "plan");
    }

    private static void courseRecords(Sql sql, Spec spec, Indicator i, Cell cell) {
        boolean plan = i.subject().equals("plan");
        sql.add("select c.id, c.code, c.title, c.start_date, c.end_date, null::uuid, null::text, null::text,\n")
                .add("       c.unit_code, coalesce(n.sessions, 0)::int, null::int, null::int, null::boolean, true,\n")
                .add("       array[]::uuid[]\n")
                .add("from c ").add(spec.units().withoutUnit() ? "left " : "")
                .add("join units u on u.code = c.unit_code left join cf on cf.course_id = c.id")
                .add(" left join n on n.course_id = c.id\n");
        if (plan) {
            sql.add("join plan_activity a on a.id = c.plan_activity_id join annual_plan pl on pl.id = a.plan_id\n");
        }
        sql.add("where ").part(courseScope(spec)).add(" and coalesce(cf.").add(i.counts()).add(", false)");
        if (plan) {
            sql.add(" and pl.province_code = ").bind(spec.province()).add(" and pl.year between ")
                    .bind(spec.firstPlanYear()).add(" and ").bind(spec.lastPlanYear()).add(" and ");
            activityFilter(sql, i);
        } else {
            courseFilters(sql, i, "c.topics");
            groupsFilter(sql, i, "c.target_groups");
        }
        cellConditions(sql, cell, i.subject());
    }

    private static void coverageRecords(Sql sql, Spec spec, Indicator i, Cell cell) {
        sql.add("""

                select null::uuid, null::text, null::text, null::date, null::date, p.id, p.full_name, p.sex,
                       p.unit_code, null::int, null::int, null::int, null::boolean, coalesce(pt.t0, false), array[]::uuid[]
                from participant p
                """).add(spec.units().withoutUnit() ? "left " : "")
                .add("join units u on u.code = p.unit_code left join pt on pt.person = p.id\n");
        recordJoins(sql, cell, null);
        if (cell.values().containsKey(Breakdown.AGE_BAND)) {
            sql.add("left join age_band ab on ").bind(spec.to().getYear())
                    .add(" - p.birth_year between ab.min_age and coalesce(ab.max_age, 1000)\n");
        }
        sql.add("where ").part(participantScope(spec)).add(" and p.merged_into is null and ");
        registered(sql, i, "p.target_groups");
        cellConditions(sql, cell, "coverage");
    }

    private static void recordJoins(Sql sql, Cell cell, String ageAt) {
        if (cell.values().containsKey(Breakdown.ETHNIC_MINORITY)) {
            sql.add("left join ethnicity eth on eth.code = p.ethnicity_code\n");
        }
        if (cell.values().containsKey(Breakdown.AGE_BAND) && ageAt != null) {
            sql.add("left join age_band ab on extract(year from ").add(ageAt)
                    .add(")::int - p.birth_year between ab.min_age and coalesce(ab.max_age, 1000)\n");
        }
    }

    /** The conditions that pick one cell: each breakdown value given (null: not recorded). */
    private static void cellConditions(Sql sql, Cell cell, String subject) {
        String part = subject.startsWith("person") ? "person" : subject;
        cell.values().forEach((b, value) -> {
            String many = switch (b) {
                case TARGET_GROUP -> switch (part) {
                    case "course" -> "c.target_groups";
                    case "coverage" -> "p.target_groups";
                    case "person" -> FACT_GROUPS;
                    default -> null;
                };
                case TOPIC -> part.equals("plan") ? null : "c.topics";
                default -> null;
            };
            sql.add(" and ");
            if (many != null) {
                if (value == null) {
                    sql.add("cardinality(").add(many).add(") = 0");
                } else {
                    sql.bind(value).add(" = any(").add(many).add(")");
                }
            } else if (value == null) {
                sql.add(dim(b, part)).add(" is null");
            } else {
                sql.add(dim(b, part)).add(" = ").bind(value);
            }
        });
    }

    // ------------------------------------------------------------------------------------ facts

    private static final String COURSE_FACTS = """
            select course_id, true as enrolled, bool_or(attended) as attended, bool_or(completed) as completed,
                   count(*) as n_enrolled, count(*) filter (where attended) as n_attended,
                   count(*) filter (where completed) as n_completed
            from fx group by course_id""";

    /**
     * The CTEs of the period's courses: merged records resolved (merged, root_of, affected), the
     * report's units (units), the courses held that start in the period, with whether they are in
     * the Action Month (c), and their sessions (s). Indicator values and flags start with them.
     */
    static void periodCourses(Sql sql, Spec spec) {
        sql.add("""
                with recursive
                merged (id, root, depth) as (
                    select id, merged_into, 1 from participant where province_code = """).bind(spec.province()).add("""
                 and merged_into is not null
                    union all
                    select m.id, p.merged_into, m.depth + 1 from merged m join participant p on p.id = m.root
                    where p.merged_into is not null and m.depth < 10),
                root_of (id, root) as (select distinct on (id) id, root from merged order by id, depth desc),
                affected (id) as (select id from root_of union select root from root_of),
                units (code, bucket, level) as (select * from unnest(""").bind(spec.units().codes()).add("::text[], ")
                .bind(spec.units().buckets()).add("::text[], ").bind(spec.units().levels()).add("""
                ::text[])),
                c as (
                    select id, province_code, code, title, kind, topics, target_groups, level, organizer_id, unit_code,
                           start_date, end_date, min_attendance_share, plan_activity_id,
                           (start_date <= make_date(extract(year from end_date)::int, 12, 15)
                                and end_date >= make_date(extract(year from end_date)::int, 11, 15))
                           or (start_date <= make_date(extract(year from start_date)::int, 12, 15)
                                and end_date >= make_date(extract(year from start_date)::int, 11, 15)) as action_month
                    from course
                    where province_code = """).bind(spec.province()).add(" and start_date between ")
                .bind(spec.from()).add(" and ").bind(spec.to()).add("""
                 and status not in ('draft', 'cancelled')),
                s as (select cs.id, cs.course_id from c join course_session cs on cs.course_id = c.id)""");
    }

    /** The CTEs every statement starts with, up to fx: the facts (trainee × course). */
    private static void facts(Sql sql, Spec spec) {
        periodCourses(sql, spec);
        sql.add("""
                ,
                n as (select course_id, count(*) as sessions from s group by course_id),
                marks as (
                    select s.course_id, x.participant_id as person, count(*) filter (where x.present) as attended,
                           count(*) filter (where not x.present) as excused
                    from s cross join lateral (
                          select ci.participant_id, true as present from check_in ci
                          where ci.session_id = s.id and ci.outcome = 'accepted' and ci.undone_at is null
                          union all
                          select ea.participant_id, false from excused_absence ea
                          where ea.session_id = s.id and not exists (
                              select 1 from check_in ci where ci.session_id = ea.session_id
                              and ci.participant_id = ea.participant_id and ci.outcome = 'accepted'
                              and ci.undone_at is null)) x
                    group by 1, 2),
                merged_marks as (
                    select course_id, person, count(*) filter (where present) as attended,
                           count(*) filter (where not present) as excused
                    from (select s.course_id, x.session_id, coalesce(r.root, x.participant_id) as person,
                                 bool_or(x.present) as present
                          from (select ci.session_id, ci.participant_id, true as present from check_in ci
                                where ci.participant_id in (select id from affected)
                                  and ci.outcome = 'accepted' and ci.undone_at is null
                                union all
                                select ea.session_id, ea.participant_id, false from excused_absence ea
                                where ea.participant_id in (select id from affected)) x
                          join s on s.id = x.session_id
                          left join root_of r on r.id = x.participant_id
                          group by 1, 2, 3) y
                    group by course_id, person),
                f as (
                    select e.course_id, coalesce(r.root, e.participant_id) as person, min(e.target_group) as target_group,
                           min(e.unit_code) as unit_code
                    from c join enrollment e on e.course_id = c.id
                    left join root_of r on r.id = e.participant_id
                    where e.role = 'trainee' and e.status = 'enrolled'
                    group by 1, 2),
                fx as (
                    select f.course_id, f.person, f.target_group, f.unit_code, coalesce(n.sessions, 0) as sessions,
                           coalesce(mm.attended, m.attended, 0) as attended_sessions,
                           coalesce(mm.excused, m.excused, 0) as excused_sessions,
                           coalesce(mm.attended, m.attended, 0) > 0 as attended,
                           coalesce(mm.attended, m.attended, 0) > 0
                               and coalesce(mm.attended, m.attended) >= c.min_attendance_share
                                   * (n.sessions - coalesce(mm.excused, m.excused)) as completed
                    from f join c on c.id = f.course_id
                    left join n on n.course_id = f.course_id
                    left join marks m on m.course_id = f.course_id and m.person = f.person
                    left join merged_marks mm on mm.course_id = f.course_id and mm.person = f.person)""");
    }

    /** pt: per person, whether they were trained (each coverage indicator's counts and course filters). */
    private static void personsTrained(Sql sql, Spec spec) {
        sql.add(",\npt as (select fx.person");
        int k = 0;
        for (Indicator i : spec.indicators()) {
            if (i.subject().equals("coverage")) {
                sql.add(", bool_or(");
                trainedCondition(sql, i, true, "c.topics");
                sql.add(") as t").add(String.valueOf(k++));
            }
        }
        boolean byCourse = spec.indicators().stream()
                .anyMatch(i -> i.subject().equals("coverage") && filtersCourses(i));
        sql.add(byCourse ? " from fx join c on c.id = fx.course_id" : " from fx").add(" group by fx.person)");
    }

    // ------------------------------------------------------------------------------------ branches

    private static void personBranch(Sql sql, Spec spec, Branch branch, int number) {
        String topics = branch.multi.contains(Breakdown.TOPIC) ? "array[tp.code]" : "c.topics";
        String groups = branch.multi.contains(Breakdown.TARGET_GROUP) ? "array[tg.code]" : FACT_GROUPS;
        List<String> outer = new ArrayList<>();
        sql.add("select ").add(String.valueOf(number)).add(" as branch, ").add(outerDims(branch))
                .add(", (array[0::bigint");
        int k = 0;
        for (Indicator i : branch.indicators) {
            for (int part = 0; part < width(i); part++) {
                sql.add(i.subject().equals("person") ? ", count(*) filter (where x.a" + k + ")" : ", sum(x.a" + k + ")");
                k++;
            }
        }
        sql.add("])[2:]::bigint[] as v\nfrom (select ").add(dimSelect(branch, "person"));
        k = 0;
        for (Indicator i : branch.indicators) {
            for (int part = 0; part < width(i); part++) {
                sql.add(i.subject().equals("person") ? ", bool_or(" : ", count(*) filter (where ");
                trainedCondition(sql, i, part == 1, topics);
                groupsFilter(sql, i, groups);
                sql.add(") as a" + k++);
            }
        }
        boolean byCourse = branch.dims.stream().anyMatch(BY_COURSE::contains)
                || branch.indicators.stream().anyMatch(IndicatorRepository::filtersCourses);
        sql.add(byCourse ? "\n    from fx join c on c.id = fx.course_id" : "\n    from fx")
                .add(" join participant p on p.id = fx.person\n    ")
                .add(spec.units().withoutUnit() ? "left " : "").add("join units u on u.code = fx.unit_code\n");
        joins(sql, branch, "person");
        sql.add("    where ").part(participantScope(spec))
                .add("\n    group by ").add(groupBy(branch, "person", "fx.person")).add(") x")
                .add(branch.dims.isEmpty() ? "" : "\ngroup by " + outerGroupBy(branch));
    }

    private static void courseBranch(Sql sql, Spec spec, Branch branch, int number) {
        String topics = branch.multi.contains(Breakdown.TOPIC) ? "array[tp.code]" : "c.topics";
        String groups = branch.multi.contains(Breakdown.TARGET_GROUP) ? "array[tg.code]" : "c.target_groups";
        sql.add("select ").add(String.valueOf(number)).add(" as branch, ").add(dimSelect(branch, "course"))
                .add(", (array[0::bigint");
        for (Indicator i : branch.indicators) {
            sql.add(", count(*) filter (where coalesce(cf.").add(i.counts()).add(", false)");
            courseFilters(sql, i, topics);
            groupsFilter(sql, i, groups);
            sql.add(")");
        }
        sql.add("])[2:]::bigint[] as v\nfrom c ").add(spec.units().withoutUnit() ? "left " : "")
                .add("join units u on u.code = c.unit_code\nleft join cf on cf.course_id = c.id\n");
        joins(sql, branch, "course");
        sql.add("where ").part(courseScope(spec))
                .add(branch.dims.isEmpty() ? "" : "\ngroup by " + groupBy(branch, "course", null));
    }

    private static void coverageBranch(Sql sql, Spec spec, Branch branch, int number) {
        String groups = branch.multi.contains(Breakdown.TARGET_GROUP) ? "array[tg.code]" : "p.target_groups";
        sql.add("select ").add(String.valueOf(number)).add(" as branch, ").add(dimSelect(branch, "coverage"))
                .add(", (array[0::bigint");
        List<Indicator> coverage = spec.indicators().stream().filter(i -> i.subject().equals("coverage")).toList();
        for (Indicator i : branch.indicators) {
            for (boolean numerator : new boolean[]{true, false}) {
                sql.add(", count(*) filter (where ");
                registered(sql, i, groups);
                if (numerator) {
                    sql.add(" and coalesce(pt.t" + coverage.indexOf(i) + ", false)");
                }
                sql.add(")");
            }
        }
        sql.add("])[2:]::bigint[] as v\nfrom participant p ").add(spec.units().withoutUnit() ? "left " : "")
                .add("join units u on u.code = p.unit_code\nleft join pt on pt.person = p.id\n");
        joins(sql, branch, "coverage");
        if (branch.dims.contains(Breakdown.AGE_BAND)) {
            sql.add("    left join age_band ab on ").bind(spec.to().getYear())
                    .add(" - p.birth_year between ab.min_age and coalesce(ab.max_age, 1000)\n");
        }
        sql.add("where ").part(participantScope(spec)).add(" and p.merged_into is null")
                .add(branch.dims.isEmpty() ? "" : "\ngroup by " + groupBy(branch, "coverage", null));
    }

    /** Whether a person is in a coverage indicator's population: registered with its groups (any, without a filter). */
    private static void registered(Sql sql, Indicator i, String groups) {
        if (i.filterTargetGroups() != null) {
            sql.add(groups).add(" && ").bind(i.filterTargetGroups().toArray(String[]::new)).add("::text[]");
        } else {
            sql.add(groups.startsWith("array") ? "tg.code is not null" : "cardinality(p.target_groups) > 0");
        }
        if (i.filterSex() != null) {
            sql.add(" and p.sex = ").bind(i.filterSex());
        }
    }

    private static void planBranch(Sql sql, Spec spec, Branch branch, int number) {
        sql.add("select ").add(String.valueOf(number)).add(" as branch, ").add(dimSelect(branch, "plan"))
                .add(", (array[0::bigint");
        for (Indicator i : branch.indicators) {
            String held = (i.measure().equals("courses") ? "h.courses_" : "h.persons_") + i.counts();
            String planned = i.measure().equals("courses") ? "a.planned_courses" : "a.planned_participants";
            sql.add(", coalesce(sum(").add(held).add(") filter (where ");
            activityFilter(sql, i);
            sql.add("), 0), coalesce(sum(").add(planned).add(") filter (where ");
            activityFilter(sql, i);
            sql.add("), 0)");
        }
        sql.add("])[2:]::bigint[] as v\nfrom plan_activity a join annual_plan pl on pl.id = a.plan_id\n")
                .add("left join (select c.plan_activity_id, count(*) filter (where cf.enrolled) as courses_enrolled,\n")
                .add("        count(*) filter (where cf.attended) as courses_attended,\n")
                .add("        count(*) filter (where cf.completed) as courses_completed,\n")
                .add("        sum(cf.n_enrolled) as persons_enrolled, sum(cf.n_attended) as persons_attended,\n")
                .add("        sum(cf.n_completed) as persons_completed\n")
                .add("    from c ").add(spec.units().withoutUnit() ? "left " : "")
                .add("join units u on u.code = c.unit_code join cf on cf.course_id = c.id\n    where ")
                .part(courseScope(spec)).add(" group by c.plan_activity_id) h on h.plan_activity_id = a.id\n")
                .add("where pl.province_code = ").bind(spec.province()).add(" and pl.year between ")
                .bind(spec.firstPlanYear()).add(" and ").bind(spec.lastPlanYear())
                .add(branch.dims.isEmpty() ? "" : "\ngroup by " + groupBy(branch, "plan", null));
    }

    private static void activityFilter(Sql sql, Indicator i) {
        sql.add("true");
        if (i.filterTopics() != null) {
            sql.add(" and a.topic = any(").bind(i.filterTopics().toArray(String[]::new)).add("::text[])");
        }
        if (i.filterTargetGroups() != null) {
            sql.add(" and a.target_group = any(").bind(i.filterTargetGroups().toArray(String[]::new)).add("::text[])");
        }
    }

    // ------------------------------------------------------------------------------------ fragments

    /** A fact's target groups: as enrolled, else as registered on the person. */
    private static final String FACT_GROUPS =
            "(case when fx.target_group is null then p.target_groups else array[fx.target_group] end)";

    /** Whether a fact counts as "trained" the way the indicator says (enrolled, attended, completed). */
    private static String counted(Indicator i) {
        return switch (i.counts()) {
            case "enrolled" -> "true";
            case "attended" -> "fx.attended";
            default -> "fx.completed";
        };
    }

    /**
     * Whether a fact counts for the indicator: trained as it says, in the courses and of the sex it
     * picks. withoutSex: leave the sex filter out, for the denominator of a share (the same persons
     * whatever their sex) and for coverage (whose sex filter picks who is registered).
     */
    private static void trainedCondition(Sql sql, Indicator i, boolean withoutSex, String topics) {
        sql.add(counted(i));
        courseFilters(sql, i, topics);
        if (i.filterSex() != null && !withoutSex) {
            sql.add(" and p.sex = ").bind(i.filterSex());
        }
    }

    /** Whether an indicator picks courses by what they are (so its facts need their course). */
    private static boolean filtersCourses(Indicator i) {
        return i.filterKinds() != null || i.filterTopics() != null || i.actionMonth();
    }

    private static void courseFilters(Sql sql, Indicator i, String topics) {
        if (i.filterKinds() != null) {
            sql.add(" and c.kind = any(").bind(i.filterKinds().toArray(String[]::new)).add("::text[])");
        }
        if (i.filterTopics() != null) {
            sql.add(" and ").add(topics).add(" && ").bind(i.filterTopics().toArray(String[]::new)).add("::text[]");
        }
        if (i.actionMonth()) {
            sql.add(" and c.action_month");
        }
    }

    private static void groupsFilter(Sql sql, Indicator i, String groups) {
        if (i.filterTargetGroups() != null) {
            sql.add(" and ").add(groups).add(" && ").bind(i.filterTargetGroups().toArray(String[]::new))
                    .add("::text[]");
        }
    }

    /**
     * The province; the units joined (Units) keep the records to the report's unit, which is within
     * the caller's scope, and its subtree, old units counted in their successors when asked. So a
     * district's reporter asking for successors also counts an old commune that another district
     * had, now merged into one of theirs; without successors the units are the caller's own.
     */
    private static Condition participantScope(Spec spec) {
        return PARTICIPANT.as("p").PROVINCE_CODE.eq(spec.province());
    }

    private static Condition courseScope(Spec spec) {
        return DSL.field(DSL.name("c", "province_code"), String.class).eq(spec.province());
    }

    /** The SQL expression of a breakdown in a part, as text. */
    private static String dim(Breakdown b, String part) {
        return switch (b) {
            case SEX -> "p.sex";
            case TARGET_GROUP -> part.equals("plan") ? "a.target_group" : "tg.code";
            case LEVEL -> switch (part) {
                case "course" -> "c.level";
                case "plan" -> "a.level";
                default -> "u.level";
            };
            case UNIT -> "u.bucket";
            case TOPIC -> part.equals("plan") ? "a.topic" : "tp.code";
            case KIND -> "c.kind";
            case ORGANIZER -> "c.organizer_id::text";
            case ETHNIC_MINORITY -> "eth.is_minority::text";
            case AGE_BAND -> "ab.code";
        };
    }

    private static String dimSelect(Branch branch, String part) {
        List<String> columns = new ArrayList<>();
        for (Breakdown b : Breakdown.values()) {
            columns.add((branch.dims.contains(b) ? dim(b, part) : "null::text") + " as " + DIM_COLUMNS[b.ordinal()]);
        }
        return String.join(", ", columns);
    }

    private static String outerDims(Branch branch) {
        List<String> columns = new ArrayList<>();
        for (Breakdown b : Breakdown.values()) {
            String column = DIM_COLUMNS[b.ordinal()];
            columns.add(branch.dims.contains(b) ? "x." + column : "null::text as " + column);
        }
        return String.join(", ", columns);
    }

    private static String outerGroupBy(Branch branch) {
        return String.join(", ", branch.dims.stream().map(b -> "x." + DIM_COLUMNS[b.ordinal()]).toList());
    }

    private static String groupBy(Branch branch, String part, String always) {
        List<String> columns = new ArrayList<>(branch.dims.stream().map(b -> dim(b, part)).toList());
        if (always != null) {
            columns.add(always);
        }
        return String.join(", ", columns);
    }

    /** The joins the breakdowns of a branch need. */
    private static void joins(Sql sql, Branch branch, String part) {
        if (branch.dims.contains(Breakdown.ETHNIC_MINORITY)) {
            sql.add("    left join ethnicity eth on eth.code = p.ethnicity_code\n");
        }
        if (branch.dims.contains(Breakdown.AGE_BAND) && part.equals("person")) {
            sql.add("    left join age_band ab on extract(year from c.start_date)::int - p.birth_year")
                    .add(" between ab.min_age and coalesce(ab.max_age, 1000)\n");
        }
        if (branch.multi.contains(Breakdown.TARGET_GROUP)) {
            String groups = switch (part) {
                case "course" -> "c.target_groups";
                case "coverage" -> "p.target_groups";
                default -> FACT_GROUPS;
            };
            sql.add("    cross join lateral (select distinct t from unnest(case when cardinality(").add(groups)
                    .add(") = 0 then array[null::text] else ").add(groups).add(" end) t) tg(code)\n");
        }
        if (branch.multi.contains(Breakdown.TOPIC)) {
            sql.add("    cross join lateral (select distinct t from unnest(case when cardinality(c.topics) = 0")
                    .add(" then array[null::text] else c.topics end) t) tp(code)\n");
        }
    }

    /** SQL text with jOOQ query parts (bind values, conditions) at {n} placeholders. */
    static final class Sql {
        private final StringBuilder text = new StringBuilder();
        private final List<QueryPart> parts = new ArrayList<>();

        Sql add(String fragment) {
            text.append(fragment);
            return this;
        }

        Sql part(QueryPart part) {
            text.append('{').append(parts.size()).append('}');
            parts.add(part);
            return this;
        }

        Sql bind(Object value) {
            return part(DSL.val(value));
        }

        String text() {
            return text.toString();
        }

        QueryPart[] parts() {
            return parts.toArray(QueryPart[]::new);
        }
    }
}
