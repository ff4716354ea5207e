package vn.bdg.registry.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.report.Reports.FACTS;
import static vn.bdg.registry.report.Reports.number;
import static vn.bdg.registry.report.Reports.present;
import static vn.bdg.registry.report.Reports.report;
import static vn.bdg.registry.report.Reports.rows;
import static vn.bdg.registry.report.Reports.rowsOf;
import static vn.bdg.registry.report.Reports.value;

/**
 * A small province in 2026 with courses of several kinds, people of every sort (a person in two
 * courses, people with no unit, no birth year, no ethnicity, no target group), partial attendance,
 * excuses, a cancelled, a draft, an empty and a 2025 course, and a plan: every indicator of the
 * report equals what an independent SQL query over the same records says.
 */
class IndicatorValuesIT {
    private static final LocalDate FROM = LocalDate.of(2026, 1, 1);
    private static final LocalDate TO = LocalDate.of(2026, 12, 31);
    private static World world;
    private static UUID o1;
    private static UUID o2;
    private static Map<String, UUID> people;

    @BeforeAll
    static void buildProvince() {
        world = World.create();
        o1 = Reports.organization(world, "Sở Nội vụ");
        o2 = Reports.organization(world, "Hội Liên hiệp Phụ nữ tỉnh");
        people = Map.of(
                "mai", Fixtures.participant(world, "Lò Thị Mai", "female", world.communeA1, 1990, "02", "commune_collaborators"),
                "nam", Fixtures.participant(world, "Hoàng Văn Nam", "male", world.communeA2, 1975, "01",
                        "commune_collaborators", "committee_advancement_women"),
                "hoa", Fixtures.participant(world, "Nguyễn Thị Hoa", "female", world.districtA, 1985, "01", "women_council_delegates"),
                "lan", Fixtures.participant(world, "Triệu Thị Lan", "female", world.communeB1, 1999, "09", "women_cadres_pipeline"),
                "tai", Fixtures.participant(world, "Bàn Văn Tài", "male", world.communeB2, null, null),
                "thu", Fixtures.participant(world, "Đinh Thị Thu", "female", world.province, 1968, "01", "women_cadres_pipeline"),
                "hang", Fixtures.participant(world, "Vi Thị Hằng", "female", null, 1992, "07", "committee_advancement_women"),
                "phuc", Fixtures.participant(world, "Lý Văn Phúc", "male", world.communeB1, 1980, "01", "women_cadres_pipeline"),
                "nga", Fixtures.participant(world, "Hà Thị Nga", "female", world.communeA1, 1995, "01", "commune_collaborators"));

        // C1: two sessions; Mai at both (completed), Nam at one (attended only), Tài at none
        UUID c1 = course("training", "gender_knowledge", "commune_collaborators", "commune", world.communeA1, o1,
                LocalDate.of(2026, 3, 10), LocalDate.of(2026, 3, 11));
        UUID c1s1 = session(c1, LocalDate.of(2026, 3, 10));
        UUID c1s2 = session(c1, LocalDate.of(2026, 3, 11));
        Fixtures.enroll(world, c1, people.get("mai"));
        Fixtures.enroll(world, c1, people.get("nam"), "commune_collaborators");
        Fixtures.enroll(world, c1, people.get("tai"));
        present(world, c1s1, people.get("mai"), LocalDate.of(2026, 3, 10));
        present(world, c1s2, people.get("mai"), LocalDate.of(2026, 3, 11));
        present(world, c1s1, people.get("nam"), LocalDate.of(2026, 3, 10));

        // C2: a workshop in the Action Month, one session, everyone present
        UUID c2 = Fixtures.course(world, world.districtB, "completed", LocalDate.of(2026, 11, 20), LocalDate.of(2026, 11, 20),
                "workshop", new String[]{"gbv_prevention", "gender_statistics"}, new String[]{"women_council_delegates"},
                "district", o2);
        UUID c2s1 = session(c2, LocalDate.of(2026, 11, 20));
        Fixtures.enroll(world, c2, people.get("hoa"), "women_council_delegates");
        Fixtures.enroll(world, c2, people.get("mai"));
        Fixtures.enroll(world, c2, people.get("lan"), "women_cadres_pipeline");
        Fixtures.enroll(world, c2, people.get("tai"));
        for (String p : List.of("hoa", "mai", "lan", "tai")) {
            present(world, c2s1, people.get(p), LocalDate.of(2026, 11, 20));
        }

        // C3: three sessions; Thu 2 of 3 with the third excused (completed), Lan 2 of 3 (not),
        // Hằng 3 of 3, Nam excused from the first but present at it (attendance wins: 2 of 3, not completed)
        UUID c3 = course("training", "leadership_women", "women_cadres_pipeline", "province", world.province, o1,
                LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 3));
        UUID[] c3s = {session(c3, LocalDate.of(2026, 6, 1)), session(c3, LocalDate.of(2026, 6, 2)),
                session(c3, LocalDate.of(2026, 6, 3))};
        for (String p : List.of("thu", "lan", "hang", "nam")) {
            Fixtures.enroll(world, c3, people.get(p));
        }
        for (int s = 0; s < 3; s++) {
            LocalDate day = LocalDate.of(2026, 6, 1 + s);
            if (s < 2) {
                present(world, c3s[s], people.get("thu"), day);
                present(world, c3s[s], people.get("lan"), day);
                present(world, c3s[s], people.get("nam"), day);
            }
            present(world, c3s[s], people.get("hang"), day);
        }
        Reports.excused(world, c3s[2], people.get("thu"));
        Reports.excused(world, c3s[0], people.get("nam"));

        // not counted: a cancelled course, a draft, a course in 2025, a course nobody came to
        Fixtures.enroll(world, course("training", "gender_knowledge", "commune_collaborators", "commune", world.communeA1,
                o1, LocalDate.of(2026, 4, 1), LocalDate.of(2026, 4, 1), "cancelled"), people.get("nga"));
        Fixtures.enroll(world, course("training", "gender_knowledge", "commune_collaborators", "commune", world.communeA1,
                o1, LocalDate.of(2026, 4, 2), LocalDate.of(2026, 4, 2), "draft"), people.get("hoa"));
        UUID old = course("training", "gender_knowledge", "commune_collaborators", "commune", world.communeA1, o1,
                LocalDate.of(2025, 12, 1), LocalDate.of(2025, 12, 1));
        Fixtures.enroll(world, old, people.get("nga"));
        present(world, session(old, LocalDate.of(2025, 12, 1)), people.get("nga"), LocalDate.of(2025, 12, 1));
        UUID empty = course("seminar", "state_management_ge", "ge_officials", "district", world.districtA, null,
                LocalDate.of(2026, 8, 5), LocalDate.of(2026, 8, 5));
        session(empty, LocalDate.of(2026, 8, 5));
        Fixtures.enroll(world, empty, people.get("tai"));

        // the plan: C1 and C3 carry out two of its activities
        JsonNode plan = world.admin.post("/api/v1/plans", Map.of("number", "45/KH-UBND", "issuedOn", "2026-01-20",
                "year", 2026, "title", "Kế hoạch công tác bình đẳng giới năm 2026", "activities", List.of(
                        Map.of("topic", "gender_knowledge", "targetGroup", "commune_collaborators", "level", "commune",
                                "plannedCourses", 3, "plannedParticipants", 60, "budget", 30000000),
                        Map.of("topic", "leadership_women", "targetGroup", "women_cadres_pipeline", "level", "province",
                                "plannedCourses", 2, "plannedParticipants", 40)))).json();
        link(c1, plan.get("activities").get(0).get("id").asText());
        link(c3, plan.get("activities").get(1).get("id").asText());
    }

    private static UUID course(String kind, String topic, String group, String level, String unit, UUID organizer,
                               LocalDate start, LocalDate end) {
        return course(kind, topic, group, level, unit, organizer, start, end, "completed");
    }

    private static UUID course(String kind, String topic, String group, String level, String unit, UUID organizer,
                               LocalDate start, LocalDate end, String status) {
        return Fixtures.course(world, unit, status, start, end, kind, new String[]{topic}, new String[]{group}, level,
                organizer);
    }

    private static UUID session(UUID course, LocalDate day) {
        return Fixtures.session(world, course, day, LocalTime.of(8, 0), LocalTime.of(11, 30));
    }

    private static void link(UUID course, String activity) {
        var res = world.organizer.put("/api/v1/courses/" + course + "/plan-activity", Map.of("activityId", activity));
        assertThat(res.status()).as(res.body()).isEqualTo(200);
    }

    private static BigDecimal share(BigDecimal part, BigDecimal whole) {
        return whole.signum() == 0 ? null : part.divide(whole, 4, RoundingMode.HALF_UP);
    }

    /** A "not recorded" value only has a row when something is counted in it. */
    private static boolean unrecordedAndZero(Map<String, Object> expected, Object... values) {
        boolean unrecorded = Arrays.stream(values).anyMatch(Objects::isNull);
        return unrecorded && ((Number) expected.get("a")).longValue() == 0 && ((Number) expected.get("p")).longValue() == 0;
    }

    private static Object[] period() {
        return new Object[]{world.province, FROM, TO};
    }

    @Test
    void everyIndicatorEqualsAnIndependentQueryOfTheSameRecords() {
        JsonNode report = report(world.reporter, "period=2026");
        assertThat(report.get("from").asText()).isEqualTo("2026-01-01");
        assertThat(report.get("to").asText()).isEqualTo("2026-12-31");
        assertThat(report.get("unit").asText()).isEqualTo(world.province);

        assertThat(value(report, "courses_held")).isEqualByComparingTo(
                number(FACTS + "select count(distinct course_id) from f where present", period()));
        assertThat(value(report, "action_month_courses")).isEqualByComparingTo(number(FACTS
                + "select count(distinct course_id) from f where present and start_date <= date '2026-12-15'"
                + " and end_date >= date '2026-11-15'", period()));
        assertThat(value(report, "attendances")).isEqualByComparingTo(
                number(FACTS + "select count(*) from f where present", period()));
        assertThat(value(report, "persons_trained")).isEqualByComparingTo(
                number(FACTS + "select count(distinct participant_id) from f where completed", period()));
        BigDecimal women = number(FACTS + "select count(distinct participant_id) from f where completed and sex = 'female'",
                period());
        BigDecimal trained = number(FACTS + "select count(distinct participant_id) from f where completed", period());
        JsonNode womenShare = Reports.row(report, "women_share");
        assertThat(womenShare.get("numerator").decimalValue()).isEqualByComparingTo(women);
        assertThat(womenShare.get("denominator").decimalValue()).isEqualByComparingTo(trained);
        assertThat(womenShare.get("value").decimalValue()).isEqualByComparingTo(share(women, trained));

        BigDecimal registered = number("select count(*) from participant where province_code = ? and merged_into is null"
                + " and cardinality(target_groups) > 0", world.province);
        BigDecimal covered = number(FACTS + "select count(*) from participant p where p.province_code = ?"
                + " and p.merged_into is null and cardinality(p.target_groups) > 0"
                + " and exists (select 1 from f where f.participant_id = p.id and f.completed)",
                world.province, FROM, TO, world.province);
        JsonNode coverage = Reports.row(report, "coverage");
        assertThat(coverage.get("denominator").decimalValue()).isEqualByComparingTo(registered);
        assertThat(coverage.get("numerator").decimalValue()).isEqualByComparingTo(covered);

        Map<String, Object> plan = rows("select sum(a.planned_courses) as courses, sum(a.planned_participants) as people"
                + " from plan_activity a join annual_plan pl on pl.id = a.plan_id where pl.province_code = ?"
                + " and pl.year = 2026", world.province).get(0);
        JsonNode planCourses = Reports.row(report, "plan_courses");
        assertThat(planCourses.get("value").decimalValue()).isEqualByComparingTo(number(FACTS
                + "select count(distinct course_id) from f where present and plan_activity_id is not null", period()));
        assertThat(planCourses.get("planned").asLong()).isEqualTo(((Number) plan.get("courses")).longValue());
        JsonNode planParticipants = Reports.row(report, "plan_participants");
        assertThat(planParticipants.get("value").decimalValue()).isEqualByComparingTo(number(FACTS
                + "select count(*) from f where present and plan_activity_id is not null", period()));
        assertThat(planParticipants.get("planned").asLong()).isEqualTo(((Number) plan.get("people")).longValue());

        // the per-group indicators, by the level of the person's unit (null: no unit); those of the
        // groups of women count women only
        Set<String> ofWomen = Set.of("women_council_delegates", "women_cadres_pipeline");
        Map<String, String> groups = Map.of("women_council_delegates_trained", "women_council_delegates",
                "women_cadres_pipeline_trained", "women_cadres_pipeline",
                "commune_collaborators_trained", "commune_collaborators",
                "committee_members_trained", "committee_advancement_women");
        groups.forEach((indicator, group) -> {
            List<Map<String, Object>> expected = rows(FACTS + "select u.level, count(distinct f.participant_id) as n from f"
                    + " left join admin_unit u on u.code = f.unit_code where f.completed and ? = any(f.groups)"
                    + (ofWomen.contains(group) ? " and f.sex = 'female'" : "")
                    + " group by u.level", world.province, FROM, TO, group);
            long total = 0;
            for (Map<String, Object> e : expected) {
                assertThat(value(report, indicator, "level", e.get("level"))).as(indicator + " " + e.get("level"))
                        .isEqualByComparingTo(e.get("n").toString());
                total += ((Number) e.get("n")).longValue();
            }
            long reported = rowsOf(report, indicator).stream().mapToLong(r -> r.get("value").asLong()).sum();
            assertThat(reported).as(indicator).isEqualTo(total);
        });
        assertThat(value(report, "committee_members_trained", "level", null)).as("Hằng has no unit").isEqualByComparingTo("1");

        List<Map<String, Object>> pipeline = rows(FACTS + "select u.level, count(*) as registered,"
                + " count(*) filter (where exists (select 1 from f where f.participant_id = p.id and f.completed)) as trained"
                + " from participant p left join admin_unit u on u.code = p.unit_code where p.province_code = ?"
                + " and p.merged_into is null and 'women_cadres_pipeline' = any(p.target_groups) and p.sex = 'female'"
                + " group by u.level",
                world.province, FROM, TO, world.province);
        assertThat(pipeline).hasSize(2);
        for (Map<String, Object> e : pipeline) {
            JsonNode row = Reports.row(report, "women_cadres_pipeline_coverage", "level", e.get("level"));
            assertThat(row.get("numerator").asLong()).isEqualTo(((Number) e.get("trained")).longValue());
            assertThat(row.get("denominator").asLong()).isEqualTo(((Number) e.get("registered")).longValue());
        }
        assertThat(Reports.row(report, "women_cadres_pipeline_coverage", "level", "district").get("value").isNull())
                .as("no one registered at district level: a share of nothing").isTrue();
    }

    @Test
    void aCountOfOneSexAddedToTheCatalogueCountsOnlyThatSexInItsValuesAndRecords() {
        var dsl = TestServer.get().database.dsl();
        for (String[] i : new String[][]{{"x_women_enrolled", "person"}, {"x_women_attendances", "person_time"}}) {
            dsl.execute("insert into indicator (code, label_vi, label_en, definition_vi, definition_en, unit, counts,"
                    + " subject, filter_sex, sort_order) values (?, 'Số nữ', 'Women', 'Nữ', 'Women', 'count', ?, ?,"
                    + " 'female', 1000)", i[0], i[1].equals("person") ? "enrolled" : "attended", i[1]);
        }
        try {
            String query = "period=2026&indicators=x_women_enrolled,x_women_attendances";
            BigDecimal women = number(FACTS + "select count(distinct participant_id) from f where sex = 'female'", period());
            BigDecimal womenPresent = number(FACTS + "select count(*) from f where present and sex = 'female'", period());
            JsonNode report = report(world.reporter, query);
            assertThat(value(report, "x_women_enrolled")).isEqualByComparingTo(women);
            assertThat(value(report, "x_women_attendances")).isEqualByComparingTo(womenPresent);

            JsonNode bySex = report(world.reporter, query + "&by=sex");
            assertThat(rowsOf(bySex, "x_women_enrolled")).extracting(r -> r.get("sex").asText()).containsExactly("female");
            assertThat(value(bySex, "x_women_enrolled", "sex", "female")).isEqualByComparingTo(women);
            assertThat(rowsOf(bySex, "x_women_attendances")).extracting(r -> r.get("sex").asText()).containsExactly("female");

            JsonNode records = world.reporter.get("/api/v1/reports/indicators/x_women_enrolled/records?period=2026&limit=200")
                    .json();
            assertThat(records.get("items")).hasSize(number(FACTS + "select count(*) from f where sex = 'female'", period())
                    .intValue()).allSatisfy(r -> assertThat(r.get("sex").asText()).isEqualTo("female"));
        } finally {
            dsl.execute("delete from indicator where code in ('x_women_enrolled', 'x_women_attendances')");
        }
        assertThat(value(report(world.reporter, "period=2026"), "women_share")).as("a share keeps its sex filter for its numerator")
                .isEqualByComparingTo("0.8333");
    }

    @Test
    void personTimesCountEveryCourseAPersonAttendedWhileUniquePersonsCountThemOnce() {
        JsonNode report = report(world.reporter, "period=2026");
        // Mai attended C1 and C2: two person-times, one person
        assertThat(value(report, "attendances")).isEqualByComparingTo("10");
        assertThat(value(report, "persons_trained")).isEqualByComparingTo("6");
        assertThat(value(report, "courses_held")).as("C1, C2, C3; not the empty, cancelled, draft or 2025 ones")
                .isEqualByComparingTo("3");
        assertThat(value(report, "action_month_courses")).isEqualByComparingTo("1");
        assertThat(value(report, "women_share")).isEqualByComparingTo("0.8333");
        assertThat(Reports.row(report, "attendances").get("definition").asText()).contains("lượt");
        JsonNode english = report(world.reporter.inLanguage("en"), "period=2026&indicators=attendances");
        assertThat(Reports.row(english, "attendances").get("definition").asText()).contains("one person in two courses counts twice");
        assertThat(Reports.row(english, "attendances").get("counts").asText()).isEqualTo("attended");
        assertThat(english.get("indicators")).hasSize(1);
    }

    @Test
    void breakdownsBySexTargetGroupAndLevelMatchAnIndependentGrouping() {
        JsonNode report = report(world.reporter, "period=2026&by=sex,targetGroup,level");
        String grouped = " from f cross join lateral unnest(case when cardinality(f.groups) = 0 then array[null::text]"
                + " else f.groups end) g(code) left join admin_unit u on u.code = f.unit_code";
        for (Map<String, Object> e : rows(FACTS + "select f.sex, g.code as tg, u.level, count(*) filter (where present) as a,"
                + " count(distinct participant_id) filter (where completed) as p" + grouped
                + " group by 1, 2, 3", period())) {
            if (unrecordedAndZero(e, e.get("tg"), e.get("level"))) {
                continue;
            }
            Object[] cell = {"sex", e.get("sex"), "targetGroup", e.get("tg"), "level", e.get("level")};
            assertThat(value(report, "attendances", cell)).as("attendances " + e).isEqualByComparingTo(e.get("a").toString());
            assertThat(value(report, "persons_trained", cell)).as("persons " + e).isEqualByComparingTo(e.get("p").toString());
        }
        long cells = rows(FACTS + "select distinct f.sex, g.code, u.level" + grouped, period()).size();
        long nonZero = rowsOf(report, "attendances").stream().filter(r -> r.get("value").asLong() > 0).count();
        assertThat(nonZero).isLessThanOrEqualTo(cells);
        // 2 sexes × (14 groups + not recorded) × (3 levels + no unit): zeros included
        assertThat(rowsOf(report, "attendances")).hasSize(2 * 15 * 4);
        assertThat(rowsOf(report, "women_share")).as("no sex breakdown for a share of women")
                .allMatch(r -> !r.has("sex"));
        assertThat(rowsOf(report, "courses_held")).as("courses are by their own target groups and level")
                .hasSize(14 * 3).allMatch(r -> !r.has("sex"));
    }

    @Test
    void breakdownsByUnitTopicKindOrganizerEthnicityAndAgeMatchAnIndependentGrouping() {
        Map<String, String> expressions = Map.of(
                "unit", "case when u.level = 'commune' then u.parent_code else u.code end",
                "kind", "f.kind",
                "organizer", "f.organizer_id::text",
                "ethnicMinority", "eth.is_minority::text",
                "ageBand", "ab.code");
        String joins = " left join admin_unit u on u.code = f.unit_code left join ethnicity eth on eth.code = f.ethnicity_code"
                + " left join age_band ab on extract(year from f.start_date)::int - f.birth_year"
                + " between ab.min_age and coalesce(ab.max_age, 1000)";
        expressions.forEach((by, expression) -> {
            JsonNode report = report(world.reporter, "period=2026&by=" + by + "&indicators=persons_trained,attendances");
            String key = by.equals("unit") ? "unitCode" : by.equals("organizer") ? "organizerId" : by;
            for (Map<String, Object> e : rows(FACTS + "select " + expression + " as v, count(*) filter (where present) as a,"
                    + " count(distinct participant_id) filter (where completed) as p from f" + joins + " group by 1",
                    period())) {
                Object v = e.get("v");
                if (unrecordedAndZero(e, v)) {
                    continue;
                }
                assertThat(value(report, "attendances", key, v)).as(by + "=" + v).isEqualByComparingTo(e.get("a").toString());
                assertThat(value(report, "persons_trained", key, v)).as(by + "=" + v).isEqualByComparingTo(e.get("p").toString());
            }
        });
        JsonNode byTopic = report(world.reporter, "period=2026&by=topic&indicators=persons_trained,courses_held");
        for (Map<String, Object> e : rows(FACTS + "select t.code, count(distinct participant_id) filter (where completed) as p,"
                + " count(distinct course_id) filter (where present) as c from f cross join lateral unnest(f.topics) t(code)"
                + " group by 1", period())) {
            assertThat(value(byTopic, "persons_trained", "topic", e.get("code"))).isEqualByComparingTo(e.get("p").toString());
            assertThat(value(byTopic, "courses_held", "topic", e.get("code"))).isEqualByComparingTo(e.get("c").toString());
        }
        assertThat(value(byTopic, "courses_held", "topic", "gender_statistics")).as("C2 has two topics").isEqualByComparingTo("1");
        assertThat(value(byTopic, "courses_held", "topic", "gbv_prevention")).isEqualByComparingTo("1");
    }

    @Test
    void zeroRowsArePresentForEveryValueOfTheCataloguesAndUnits() {
        JsonNode byKind = report(world.reporter, "period=2026&by=kind&indicators=courses_held");
        assertThat(rowsOf(byKind, "courses_held")).extracting(r -> r.get("kind").asText())
                .containsExactly("training", "refresher", "workshop", "conference", "seminar", "policy_dialogue",
                        "study_visit", "contest");
        assertThat(value(byKind, "courses_held", "kind", "training")).isEqualByComparingTo("2");
        assertThat(value(byKind, "courses_held", "kind", "seminar")).as("nobody came").isEqualByComparingTo("0");
        assertThat(value(byKind, "courses_held", "kind", "contest")).isEqualByComparingTo("0");

        JsonNode byUnit = report(world.reporter, "period=2026&by=unit&indicators=persons_trained,courses_held");
        assertThat(rowsOf(byUnit, "courses_held")).extracting(r -> r.get("unitCode").asText())
                .containsExactly(world.province, world.districtA, world.districtB);
        assertThat(rowsOf(byUnit, "persons_trained")).extracting(r -> r.get("unitCode").isNull() ? null : r.get("unitCode").asText())
                .containsExactly(world.province, world.districtA, world.districtB, null);

        JsonNode byAge = report(world.reporter, "period=2026&by=ageBand,ethnicMinority&indicators=coverage");
        assertThat(rowsOf(byAge, "coverage")).as("every band × minority or not; everyone registered has both recorded")
                .hasSize(5 * 2);
        JsonNode organizers = report(world.reporter, "period=2026&by=organizer&indicators=courses_held");
        assertThat(value(organizers, "courses_held", "organizerId", o1)).isEqualByComparingTo("2");
        assertThat(value(organizers, "courses_held", "organizerId", o2)).isEqualByComparingTo("1");
    }
}
