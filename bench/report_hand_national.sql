-- Hand-written SQL of bench/report_bench.py: the numbers of every province's report without breakdowns (the
-- national year report), in one statement grouped by province. psql variables: from, to, year.
with c as (
    select * from course where start_date between :'from' and :'to' and status not in ('draft', 'cancelled')),
sess as (select cs.id, cs.course_id from c join course_session cs on cs.course_id = c.id),
merged as (select id, merged_into from participant where merged_into is not null),
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
nsess as (select course_id, count(*) as n from sess group by 1),
f as (
    select t.course_id, t.person, t.tg, t.unit_code, coalesce(per.attended, 0) > 0 as present,
           coalesce(per.attended, 0) > 0 and per.attended >= c.min_attendance_share * (ns.n - per.excused) as completed
    from trainee t join c on c.id = t.course_id join nsess ns on ns.course_id = c.id
    left join per on per.course_id = t.course_id and per.person = t.person),
pf as (
    select f.*, p.province_code, p.sex, u.level,
           case when f.tg is not null then array[f.tg] else p.target_groups end as groups
    from f join participant p on p.id = f.person left join admin_unit u on u.code = f.unit_code),
held as (
    select c.id, c.province_code, c.plan_activity_id,
           (c.start_date <= make_date(extract(year from c.end_date)::int, 12, 15) and c.end_date >= make_date(extract(year from c.end_date)::int, 11, 15))
           or (c.start_date <= make_date(extract(year from c.start_date)::int, 12, 15) and c.end_date >= make_date(extract(year from c.start_date)::int, 11, 15)) as action_month,
           count(f.course_id) filter (where f.present) as present
    from c left join f on f.course_id = c.id group by c.id, c.province_code, c.plan_activity_id, 4),
trained as (select distinct person from f where completed),
registered as (
    select p.province_code, p.sex, p.target_groups, u.level, t.person is not null as trained
    from participant p left join admin_unit u on u.code = p.unit_code left join trained t on t.person = p.id
    where p.merged_into is null and cardinality(p.target_groups) > 0),
planned as (
    select pl.province_code, sum(a.planned_courses) as courses, sum(a.planned_participants) as people,
           sum(h.courses) as held_courses, sum(h.people) as held_people
    from plan_activity a join annual_plan pl on pl.id = a.plan_id
    left join (select plan_activity_id, count(*) filter (where present > 0) as courses, sum(present) as people
               from held group by 1) h on h.plan_activity_id = a.id
    where pl.year = :year group by 1)
select 'attendances' as indicator, province_code, null as level, count(*) filter (where present) as v1, null::bigint as v2 from pf group by 2
union all
select 'persons_trained', province_code, null, count(distinct person) filter (where completed), null from pf group by 2
union all
select 'women_share', province_code, null, count(distinct person) filter (where completed and sex = 'female'),
       count(distinct person) filter (where completed) from pf group by 2
union all
select i.code, province_code, level, count(distinct person), null
from pf join (values ('women_council_delegates_trained', 'women_council_delegates'),
                     ('women_cadres_pipeline_trained', 'women_cadres_pipeline'),
                     ('commune_collaborators_trained', 'commune_collaborators'),
                     ('committee_members_trained', 'committee_advancement_women')) i(code, grp) on i.grp = any(pf.groups)
-- the groups of women count women only (V23)
where completed and (sex = 'female' or i.grp not in ('women_council_delegates', 'women_cadres_pipeline')) group by 1, 2, 3
union all
select 'courses_held', province_code, null, count(*) filter (where present > 0), null from held group by 2
union all
select 'action_month_courses', province_code, null, count(*) filter (where present > 0 and action_month), null from held group by 2
union all
select 'coverage', province_code, null, count(*) filter (where trained), count(*) from registered group by 2
union all
select 'women_cadres_pipeline_coverage', province_code, level, count(*) filter (where trained), count(*) from registered
where 'women_cadres_pipeline' = any(target_groups) and sex = 'female' group by 2, 3
union all
select 'plan_courses', province_code, null, coalesce(held_courses, 0), courses from planned
union all
select 'plan_participants', province_code, null, coalesce(held_people, 0), people from planned;
