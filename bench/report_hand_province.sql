-- Hand-written SQL of bench/report_bench.py: the numbers of a province report broken down by sex, target
-- group and level, written the way an analyst would (no report engine). psql variables: prov, from, to, year.
with c as (
    select * from course
    where province_code = :'prov' and start_date between :'from' and :'to' and status not in ('draft', 'cancelled')),
sess as (select cs.id, cs.course_id from c join course_session cs on cs.course_id = c.id),
nsess as (select course_id, count(*) as n from sess group by 1),
merged as (select id, merged_into from participant where province_code = :'prov' and merged_into is not null),
-- one mark per (course, person, session): present wins over excused; merged records count as the record kept
marks as (
    select s.course_id, coalesce(m.merged_into, x.participant_id) as person, s.id as session_id, bool_or(x.present) as present
    from sess s
    cross join lateral (select participant_id, true as present from check_in
                        where session_id = s.id and outcome = 'accepted' and undone_at is null
                        union all
                        select participant_id, false from excused_absence where session_id = s.id) x
    left join merged m on m.id = x.participant_id
    group by 1, 2, 3),
per as (
    select course_id, person, count(*) filter (where present) as attended, count(*) filter (where not present) as excused
    from marks group by 1, 2),
trainee as (
    select e.course_id, coalesce(m.merged_into, e.participant_id) as person, min(e.target_group) as tg,
           min(e.unit_code) as unit_code
    from c join enrollment e on e.course_id = c.id left join merged m on m.id = e.participant_id
    where e.role = 'trainee' and e.status = 'enrolled'
    group by 1, 2),
f as (
    select t.course_id, t.person, t.tg, t.unit_code, coalesce(per.attended, 0) > 0 as present,
           coalesce(per.attended, 0) > 0 and per.attended >= c.min_attendance_share * (ns.n - per.excused) as completed
    from trainee t join c on c.id = t.course_id join nsess ns on ns.course_id = c.id
    left join per on per.course_id = t.course_id and per.person = t.person),
-- facts with the person's sex, and the level and target groups they had for the course
pf as (
    select f.*, p.sex, u.level, g.g
    from f join participant p on p.id = f.person and p.province_code = :'prov'
    left join admin_unit u on u.code = f.unit_code
    cross join lateral (select distinct g from unnest(case when f.tg is not null then array[f.tg]
                                   when cardinality(p.target_groups) > 0 then p.target_groups
                                   else array[null::text] end) g) g(g)),
held as (
    select c.id, c.target_groups, c.level, c.plan_activity_id,
           (c.start_date <= make_date(extract(year from c.end_date)::int, 12, 15) and c.end_date >= make_date(extract(year from c.end_date)::int, 11, 15))
           or (c.start_date <= make_date(extract(year from c.start_date)::int, 12, 15) and c.end_date >= make_date(extract(year from c.start_date)::int, 11, 15)) as action_month,
           count(f.course_id) filter (where f.present) as present
    from c left join f on f.course_id = c.id group by 1, 2, 3, 4, 5),
trained as (select distinct person from f where completed),
registered as (
    select p.id, p.sex, u.level, g.g, t.person is not null as trained
    from participant p left join admin_unit u on u.code = p.unit_code left join trained t on t.person = p.id
    cross join lateral (select distinct g from unnest(p.target_groups) g) g(g)
    where p.province_code = :'prov' and p.merged_into is null)
select 'attendances' as indicator, sex, g as tg, level, count(*) as v1, null::bigint as v2 from pf where present group by 2, 3, 4
union all
select 'persons_trained', sex, g, level, count(distinct person), null from pf where completed group by 2, 3, 4
union all
select 'women_share', null, g, level, count(distinct person) filter (where sex = 'female'), count(distinct person)
from pf where completed group by 3, 4
union all
select i.code, sex, g, level, count(distinct person), null
from pf join (values ('women_council_delegates_trained', 'women_council_delegates'),
                     ('women_cadres_pipeline_trained', 'women_cadres_pipeline'),
                     ('commune_collaborators_trained', 'commune_collaborators'),
                     ('committee_members_trained', 'committee_advancement_women')) i(code, grp) on i.grp = pf.g
-- the groups of women count women only (V23)
where completed and (sex = 'female' or i.grp not in ('women_council_delegates', 'women_cadres_pipeline')) group by 1, 2, 3, 4
union all
select 'courses_held', null, g, level, count(*), null from held cross join lateral unnest(target_groups) g(g) where present > 0 group by 3, 4
union all
select 'action_month_courses', null, g, level, count(*), null from held cross join lateral unnest(target_groups) g(g)
where present > 0 and action_month group by 3, 4
union all
select 'coverage', sex, g, level, count(*) filter (where trained), count(*) from registered group by 2, 3, 4
union all
select 'women_cadres_pipeline_coverage', sex, g, level, count(*) filter (where trained), count(*) from registered
where g = 'women_cadres_pipeline' and sex = 'female' group by 2, 3, 4
union all
select 'plan_courses', null, a.target_group, a.level, sum(coalesce(h.courses, 0)), sum(a.planned_courses)
from plan_activity a join annual_plan pl on pl.id = a.plan_id
left join (select plan_activity_id, count(*) filter (where present > 0) as courses, sum(present) as people
           from held group by 1) h on h.plan_activity_id = a.id
where pl.province_code = :'prov' and pl.year = :year group by 3, 4
union all
select 'plan_participants', null, a.target_group, a.level, sum(coalesce(h.people, 0)), sum(a.planned_participants)
from plan_activity a join annual_plan pl on pl.id = a.plan_id
left join (select plan_activity_id, count(*) filter (where present > 0) as courses, sum(present) as people
           from held group by 1) h on h.plan_activity_id = a.id
where pl.province_code = :'prov' and pl.year = :year group by 3, 4;
