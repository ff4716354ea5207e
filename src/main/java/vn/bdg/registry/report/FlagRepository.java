package vn.bdg.registry.report;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import vn.bdg.registry.auth.Caller;
import vn.bdg.registry.sql.Ids;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static vn.bdg.registry.db.Tables.COURSE;
import static vn.bdg.registry.db.Tables.COURSE_SESSION;

/**
 * The SQL of the flags a compiler checks before trusting a period's numbers: over the same courses
 * as the indicator values (held, starting in the period; people resolved through merges to the kept
 * record; accepted scans not undone), one statement gives every flag of the report's unit.
 */
final class FlagRepository {
    /** Fewer people than this in common is no sign of a copied list (a small group may well repeat). */
    static final int IDENTICAL_LIST_MIN_PEOPLE = 5;

    /** A flag as the statement finds it: the courses and sessions by id. */
    record Found(Flag.Kind kind, List<UUID> courseIds, List<UUID> sessionIds, UUID participantId, int count,
                 Integer limit) {
    }

    private final DSLContext dsl;

    FlagRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * Every flag of the spec's period and units. A flag is the unit's when one of its courses is
     * held in the unit's subtree (the other course of a pair may be elsewhere in the province).
     */
    List<Found> flags(IndicatorRepository.Spec spec) {
        IndicatorRepository.Sql sql = new IndicatorRepository.Sql();
        IndicatorRepository.periodCourses(sql, spec);
        sql.add("""
                ,
                present as (
                    select s.course_id, ci.session_id, coalesce(r.root, ci.participant_id) as person
                    from s join check_in ci on ci.session_id = s.id
                    left join root_of r on r.id = ci.participant_id
                    where ci.outcome = 'accepted' and ci.undone_at is null
                    group by 1, 2, 3),
                visible as (select c.id from c join units u on u.code = c.unit_code),
                trainees as (
                    select e.course_id, coalesce(r.root, e.participant_id) as person
                    from c join enrollment e on e.course_id = c.id
                    left join root_of r on r.id = e.participant_id
                    where e.role = 'trainee'
                    group by 1, 2),
                per_session as (
                    select p.course_id, p.session_id, count(*) as n, count(t.person) as trainees
                    from present p left join trainees t on t.course_id = p.course_id and t.person = p.person
                    where p.course_id in (select id from visible)
                    group by 1, 2),
                enrolled as (
                    select e.course_id, count(distinct coalesce(r.root, e.participant_id)) as n
                    from c join enrollment e on e.course_id = c.id
                    left join root_of r on r.id = e.participant_id
                    where e.status = 'enrolled'
                    group by 1),
                timed as (
                    select p.person, p.course_id, p.session_id, cs.session_date, cs.start_time, cs.end_time
                    from present p join (select cs.* from c join course_session cs on cs.course_id = c.id) cs
                         on cs.id = p.session_id),
                lists as (
                    select course_id, array_agg(distinct person order by person) as people
                    from present group by 1)
                select 'attendance_above_capacity' as kind, array[ps.course_id] as courses,
                       array[ps.session_id] as sessions, null::uuid as person, ps.trainees::int as n,
                       co.capacity as lim
                from per_session ps join course co on co.id = ps.course_id
                where ps.course_id in (select id from visible) and ps.trainees > co.capacity
                union all
                select 'attendance_above_enrolled', array[ps.course_id], array[ps.session_id], null, ps.n::int,
                       coalesce(e.n, 0)::int
                from per_session ps left join enrolled e on e.course_id = ps.course_id
                where ps.course_id in (select id from visible) and ps.n > coalesce(e.n, 0)
                union all
                select 'two_places_at_once', array[a.course_id, b.course_id], array[a.session_id, b.session_id],
                       a.person, 2, null
                from timed a join timed b on b.person = a.person and b.session_date = a.session_date
                     and a.course_id < b.course_id and a.start_time < b.end_time and b.start_time < a.end_time
                where a.course_id in (select id from visible) or b.course_id in (select id from visible)
                union all
                select 'identical_lists', array_agg(l.course_id order by l.course_id), array[]::uuid[], null,
                       min(cardinality(l.people)), null
                from lists l join c on c.id = l.course_id
                where cardinality(l.people) >=\s""").bind(IDENTICAL_LIST_MIN_PEOPLE).add("""

                group by l.people
                having count(distinct c.unit_code) > 1 and bool_or(l.course_id in (select id from visible))
                union all
                select 'trainees_without_unit', array[x.course_id], array[]::uuid[], null, count(*)::int, null
                from (select e.course_id, coalesce(r.root, e.participant_id) as person
                      from c join enrollment e on e.course_id = c.id
                      left join root_of r on r.id = e.participant_id
                      where e.role = 'trainee' and e.status = 'enrolled' and c.id in (select id from visible)
                      group by 1, 2
                      having bool_and(e.unit_code is null)) x
                group by x.course_id
                union all
                select 'not_women_in_women_groups', array[x.course_id], array[]::uuid[], null, count(*)::int, null
                from (select e.course_id, coalesce(r.root, e.participant_id) as person
                      from c join enrollment e on e.course_id = c.id
                      left join root_of r on r.id = e.participant_id
                      join participant p on p.id = coalesce(r.root, e.participant_id)
                      where e.role = 'trainee' and e.status = 'enrolled' and c.id in (select id from visible)
                        and p.sex is distinct from 'female'
                        and (case when e.target_group is null then p.target_groups else array[e.target_group] end)
                            && array(select code from target_group where women_only)
                      group by 1, 2) x
                group by x.course_id
                union all
                select 'plan_of_another_year', array[c.id], array[]::uuid[], null, 1, pl.year
                from c join plan_activity a on a.id = c.plan_activity_id join annual_plan pl on pl.id = a.plan_id
                where c.id in (select id from visible) and pl.year not between\s""").bind(spec.firstPlanYear())
                .add(" and ").bind(spec.lastPlanYear()).add("""

                union all
                select 'plan_activity_mismatch', array[c.id], array[]::uuid[], null, 1, null
                from c join plan_activity a on a.id = c.plan_activity_id
                where c.id in (select id from visible)
                  and ((a.topic is not null and cardinality(c.topics) > 0 and a.topic <> all(c.topics))
                    or (a.target_group is not null and cardinality(c.target_groups) > 0
                        and a.target_group <> all(c.target_groups))
                    or (a.level is not null and a.level <> c.level))""");
        List<Found> found = new ArrayList<>();
        for (Record r : dsl.resultQuery(sql.text(), sql.parts()).fetch()) {
            found.add(new Found(Flag.Kind.valueOf(r.get("kind", String.class)),
                    Arrays.asList(r.get("courses", UUID[].class)), Arrays.asList(r.get("sessions", UUID[].class)),
                    r.get("person", UUID.class), r.get("n", Integer.class), r.get("lim", Integer.class)));
        }
        return found;
    }

    /**
     * The courses flags name that the caller may see, by id: those of their scope and those the
     * report counts (an old unit mapped to its successor in their scope); another unit's course is
     * not said.
     */
    Map<UUID, Flag.FlagCourse> courses(Caller caller, IndicatorRepository.Units counted, Collection<UUID> ids) {
        Condition visible = caller.scope(COURSE.PROVINCE_CODE, COURSE.UNIT_CODE)
                .or(COURSE.PROVINCE_CODE.eq(caller.provinceCode()).and(COURSE.UNIT_CODE.eq(DSL.any(counted.codes()))));
        return dsl.select(COURSE.ID, COURSE.CODE, COURSE.TITLE, COURSE.UNIT_CODE, COURSE.START_DATE).from(COURSE)
                .where(visible.and(Ids.in(COURSE.ID, ids)))
                .fetchMap(COURSE.ID, r -> new Flag.FlagCourse(r.value1(), r.value2(), r.value3(), r.value4(),
                        r.value5()));
    }

    /** The sessions flags name, by id. */
    Map<UUID, Flag.FlagSession> sessions(String province, Collection<UUID> ids) {
        return dsl.select(COURSE_SESSION.ID, COURSE_SESSION.COURSE_ID, COURSE_SESSION.SESSION_DATE,
                        COURSE_SESSION.START_TIME, COURSE_SESSION.END_TIME).from(COURSE_SESSION)
                .where(COURSE_SESSION.PROVINCE_CODE.eq(province).and(Ids.in(COURSE_SESSION.ID, ids)))
                .fetchMap(COURSE_SESSION.ID, r -> new Flag.FlagSession(r.value1(), r.value2(), r.value3(),
                        r.value4(), r.value5()));
    }
}
