-- Indicator reports: the indicator catalogue (data, not code), annual plans and their activities,
-- the half-year cut-off per province, frozen submissions, DHIS2 codes, and the indexes the report
-- aggregations read through.

-- ---------------------------------------------------------------------------------------------
-- Age bands for the ageBand breakdown: age = year of the course start (or of the period end, for
-- coverage) minus the birth year.
create table age_band (
    code       text primary key,
    label_vi   text not null,
    label_en   text not null,
    min_age    int  not null check (min_age >= 0),
    max_age    int check (max_age >= min_age),   -- null: no upper bound
    sort_order int  not null
);
insert into age_band (code, label_vi, label_en, min_age, max_age, sort_order) values
    ('under_30', 'Dưới 30 tuổi',     'Under 30',    0,  29,   10),
    ('30_39',    'Từ 30 đến 39 tuổi', '30 to 39',   30,  39,   20),
    ('40_49',    'Từ 40 đến 49 tuổi', '40 to 49',   40,  49,   30),
    ('50_59',    'Từ 50 đến 59 tuổi', '50 to 59',   50,  59,   40),
    ('60_plus',  'Từ 60 tuổi trở lên', '60 and over', 60, null, 50);

-- ---------------------------------------------------------------------------------------------
-- The indicator catalogue. Each row says what it counts (subject), what "trained" means for it
-- (counts), optional filters and the breakdowns it is always reported by. A new indicator of an
-- existing subject is a new row; the report engine reads the filters from here.
--   subject course:      courses in the period with at least one trainee counted (counts);
--           person_time: trainee × course pairs counted (lượt người: one person in two courses = 2);
--           person:      unique persons counted (after duplicate merges);
--           coverage:    persons registered with the target group(s) who were counted at least
--                        once in the period, over all persons registered with them;
--           plan:        courses (measure courses) or person-times (measure participants) held
--                        under the activities of the year's plans, against the planned numbers.
--   unit share (person, person_time): the filtered persons among the same persons without the sex
--                        filter (e.g. the share of women); coverage is always a share.
create table indicator (
    code                 text primary key check (code ~ '^[a-z][a-z0-9_]{1,62}$'),
    label_vi             text    not null,
    label_en             text    not null,
    definition_vi        text    not null,
    definition_en        text    not null,
    unit                 text    not null check (unit in ('count', 'share')),
    counts               text    not null check (counts in ('enrolled', 'attended', 'completed')),
    subject              text    not null check (subject in ('course', 'person_time', 'person', 'coverage', 'plan')),
    measure              text check (measure in ('courses', 'participants')),
    filter_target_groups text[],
    filter_kinds         text[],
    filter_topics        text[],
    filter_sex           text check (filter_sex in ('female', 'male')),
    action_month         boolean not null default false,
    always_by            text[]  not null default '{}'
        check (always_by <@ array['sex', 'targetGroup', 'level', 'unit', 'topic', 'kind', 'organizer',
                                  'ethnicMinority', 'ageBand']),
    dhis2_data_element   text,
    sort_order           int     not null,
    check ((subject = 'plan') = (measure is not null)),
    check (subject <> 'coverage' or unit = 'share'),
    -- a share of persons is the part the sex filter picks out
    check (unit <> 'share' or subject = 'coverage' or (subject in ('person', 'person_time') and filter_sex is not null)),
    check (subject <> 'course' or filter_sex is null),
    check (subject <> 'plan' or (unit = 'count' and filter_kinds is null and filter_sex is null and not action_month))
);

insert into indicator (code, label_vi, label_en, definition_vi, definition_en, unit, counts, subject, measure,
                       filter_target_groups, action_month, filter_sex, always_by, dhis2_data_element, sort_order) values
    ('courses_held',
     'Số lớp tập huấn, hội nghị, hội thảo đã tổ chức', 'Courses, workshops and conferences held',
     'Số khóa/lớp (mọi loại hình) bắt đầu trong kỳ, không bị hủy, có ít nhất một học viên dự ít nhất một buổi.',
     'Courses of any kind starting in the period, not cancelled, with at least one trainee present at one session or more.',
     'count', 'attended', 'course', null, null, false, null, '{}', 'BDG_COURSES_HELD', 10),
    ('action_month_courses',
     'Số lớp tổ chức trong Tháng hành động vì bình đẳng giới', 'Courses held in the Action Month for Gender Equality',
     'Số khóa/lớp đã tổ chức (như chỉ tiêu số lớp) có thời gian trùng với Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới (15/11–15/12).',
     'Courses held (as in courses held) whose dates overlap the Action Month for Gender Equality and GBV Prevention (15 November – 15 December).',
     'count', 'attended', 'course', null, null, true, null, '{}', 'BDG_ACTION_MONTH_COURSES', 20),
    ('attendances',
     'Số lượt người tham dự', 'Attendances (person-times)',
     'Số lượt người: mỗi học viên được tính một lần cho mỗi khóa/lớp bắt đầu trong kỳ mà người đó dự ít nhất một buổi; một người dự hai lớp được tính hai lượt.',
     'Person-times: each trainee counts once for every course starting in the period at which they were present at one session or more; one person in two courses counts twice.',
     'count', 'attended', 'person_time', null, null, false, null, '{}', 'BDG_ATTENDANCES', 30),
    ('persons_trained',
     'Số người được tập huấn (không trùng lặp)', 'Unique persons trained',
     'Số người khác nhau (hồ sơ trùng đã gộp được tính là một người) đã hoàn thành ít nhất một khóa/lớp bắt đầu trong kỳ: số buổi có mặt đạt tỷ lệ tối thiểu của khóa trên số buổi không kể buổi vắng có phép.',
     'Distinct persons (merged duplicate records count as one) who completed at least one course starting in the period: sessions attended reach the course''s minimum share of its sessions, excused absences left out.',
     'count', 'completed', 'person', null, null, false, null, '{}', 'BDG_PERSONS_TRAINED', 40),
    ('women_share',
     'Tỷ lệ nữ trong số người được tập huấn', 'Share of women among persons trained',
     'Số nữ được tập huấn chia cho tổng số người được tập huấn (người không trùng lặp, đã hoàn thành khóa/lớp bắt đầu trong kỳ).',
     'Women trained divided by all persons trained (distinct persons who completed a course starting in the period).',
     'share', 'completed', 'person', null, null, false, 'female', '{}', 'BDG_WOMEN_SHARE', 50),
    ('coverage',
     'Tỷ lệ bao phủ đối tượng được tập huấn', 'Coverage of target groups',
     'Trong số người đã đăng ký thuộc nhóm đối tượng (trong đơn vị), tỷ lệ người đã hoàn thành ít nhất một khóa/lớp bắt đầu trong kỳ.',
     'Of the persons registered with the target group (in the unit), the share who completed at least one course starting in the period.',
     'share', 'completed', 'coverage', null, null, false, null, '{}', 'BDG_COVERAGE', 60),
    ('plan_courses',
     'Số lớp theo kế hoạch và đã thực hiện', 'Courses planned and held',
     'Số lớp đã tổ chức (có học viên dự) gắn với các hoạt động của kế hoạch năm, so với số lớp kế hoạch đề ra.',
     'Courses held (with trainees present) that are linked to activities of the year''s plan, against the number of courses the plan sets.',
     'count', 'attended', 'plan', 'courses', null, false, null, '{}', 'BDG_PLAN_COURSES', 70),
    ('plan_participants',
     'Số lượt người theo kế hoạch và đã thực hiện', 'Participants planned and reached',
     'Số lượt người dự các lớp gắn với hoạt động của kế hoạch năm, so với số người kế hoạch đề ra.',
     'Person-times present at courses linked to activities of the year''s plan, against the number of participants the plan sets.',
     'count', 'attended', 'plan', 'participants', null, false, null, '{}', 'BDG_PLAN_PARTICIPANTS', 80),
    ('women_council_delegates_trained',
     'Số nữ đại biểu Hội đồng nhân dân được tập huấn', 'Women People''s Council delegates trained',
     'Số người khác nhau thuộc nhóm nữ đại biểu HĐND (theo đăng ký khi dự lớp) đã hoàn thành ít nhất một khóa/lớp bắt đầu trong kỳ, theo cấp của đơn vị hành chính của người đó.',
     'Distinct persons in the group of women People''s Council delegates (as enrolled) who completed at least one course starting in the period, by the level of their administrative unit.',
     'count', 'completed', 'person', null, '{women_council_delegates}', false, null, '{level}', 'BDG_WOMEN_DELEGATES_TRAINED', 90),
    ('women_cadres_pipeline_trained',
     'Số cán bộ nữ trong diện quy hoạch được tập huấn', 'Women cadres in the planning pipeline trained',
     'Số người khác nhau thuộc nhóm cán bộ nữ trong diện quy hoạch (theo đăng ký khi dự lớp) đã hoàn thành ít nhất một khóa/lớp bắt đầu trong kỳ, theo cấp.',
     'Distinct persons in the group of women cadres in the planning pipeline (as enrolled) who completed at least one course starting in the period, by level.',
     'count', 'completed', 'person', null, '{women_cadres_pipeline}', false, null, '{level}', 'BDG_WOMEN_CADRES_TRAINED', 100),
    ('commune_collaborators_trained',
     'Số cộng tác viên cấp xã được tập huấn', 'Commune collaborators trained',
     'Số người khác nhau thuộc nhóm cộng tác viên cấp xã (theo đăng ký khi dự lớp) đã hoàn thành ít nhất một khóa/lớp bắt đầu trong kỳ, theo cấp.',
     'Distinct persons in the group of commune collaborators (as enrolled) who completed at least one course starting in the period, by level.',
     'count', 'completed', 'person', null, '{commune_collaborators}', false, null, '{level}', 'BDG_COLLABORATORS_TRAINED', 110),
    ('committee_members_trained',
     'Số thành viên Ban Vì sự tiến bộ của phụ nữ được tập huấn', 'Committee for the Advancement of Women members trained',
     'Số người khác nhau thuộc nhóm thành viên Ban Vì sự tiến bộ của phụ nữ các cấp (theo đăng ký khi dự lớp) đã hoàn thành ít nhất một khóa/lớp bắt đầu trong kỳ, theo cấp.',
     'Distinct persons in the group of members of the Committees for the Advancement of Women (as enrolled) who completed at least one course starting in the period, by level.',
     'count', 'completed', 'person', null, '{committee_advancement_women}', false, null, '{level}', 'BDG_COMMITTEE_MEMBERS_TRAINED', 120),
    ('women_cadres_pipeline_coverage',
     'Tỷ lệ cán bộ nữ trong diện quy hoạch được tập huấn', 'Share of women cadres in the planning pipeline trained',
     'Trong số người đã đăng ký thuộc nhóm cán bộ nữ trong diện quy hoạch (trong đơn vị), tỷ lệ người đã hoàn thành ít nhất một khóa/lớp bắt đầu trong kỳ (mục tiêu của Quyết định 2282/QĐ-TTg: 75% năm 2025, 90% năm 2030).',
     'Of the persons registered as women cadres in the planning pipeline (in the unit), the share who completed at least one course starting in the period (Decision 2282/QĐ-TTg targets 75% by 2025 and 90% by 2030).',
     'share', 'completed', 'coverage', null, '{women_cadres_pipeline}', false, null, '{level}', 'BDG_WOMEN_CADRES_COVERAGE', 130);

-- ---------------------------------------------------------------------------------------------
-- A province's annual plan (Kế hoạch ... năm YYYY) and its activities with the planned numbers.
create table annual_plan (
    id            uuid primary key default gen_random_uuid(),
    province_code text        not null references admin_unit (code),
    number        text        not null,           -- e.g. 45/KH-UBND
    issued_on     date        not null,
    year          int         not null check (year between 2000 and 2100),
    title         text        not null,
    created_by    uuid references app_user (id),
    created_at    timestamptz not null default now(),
    unique (province_code, number)
);
create index annual_plan_year on annual_plan (province_code, year);

create table plan_activity (
    id                   uuid primary key default gen_random_uuid(),
    plan_id              uuid           not null references annual_plan (id),
    province_code        text           not null references admin_unit (code),
    position             int            not null,
    description          text,
    topic                text references topic (code),
    target_group         text references target_group (code),
    level                text check (level in ('province', 'district', 'commune')),
    planned_courses      int            not null check (planned_courses >= 0),
    planned_participants int            not null check (planned_participants >= 0),
    budget               numeric(15, 0) check (budget >= 0),   -- VND
    unique (plan_id, position)
);

alter table course add column plan_activity_id uuid references plan_activity (id);
create index course_plan_activity on course (plan_activity_id) where plan_activity_id is not null;

-- ---------------------------------------------------------------------------------------------
-- Per-province report settings. half_year_start is the first day (MM-DD) of the first half-year:
-- '01-01' gives calendar halves; '12-15' gives 15/12 of the previous year – 14/06 and
-- 15/06 – 14/12, and a year of 15/12 – 14/12.
create table report_setting (
    province_code   text primary key references admin_unit (code),
    half_year_start text        not null check (half_year_start ~ '^(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])$'),
    updated_by      uuid references app_user (id),
    updated_at      timestamptz not null default now()
);

-- ---------------------------------------------------------------------------------------------
-- Submitted reports, frozen: the whole report as submitted (values and definitions) and the
-- SHA-256 of its canonical JSON. Never updated or deleted; the trigger makes sure of it.
create table report_submission (
    id             uuid primary key default gen_random_uuid(),
    province_code  text        not null references admin_unit (code),
    unit_code      text        not null references admin_unit (code),
    period         text,                     -- e.g. 2026-H1; null for a date range
    date_from      date        not null,
    date_to        date        not null,
    breakdowns     text[]      not null,
    indicators     text[]      not null,
    map_successors boolean     not null,
    language       text        not null,
    content        jsonb       not null,
    content_sha256 text        not null check (content_sha256 ~ '^[0-9a-f]{64}$'),
    submitted_by   uuid        not null references app_user (id),
    submitted_at   timestamptz not null default now()
);
create index report_submission_list on report_submission (province_code, submitted_at desc, id);

create function report_submission_frozen() returns trigger language plpgsql as $$
begin
    raise exception 'a submitted report is never changed';
end $$;
create trigger report_submission_frozen before update or delete on report_submission
    for each row execute function report_submission_frozen();

-- ---------------------------------------------------------------------------------------------
-- DHIS2 category option combo codes per disaggregation: the row's breakdown values as
-- 'key=value' pairs sorted by key and joined with ';' ('' is the total). indicator_code null
-- applies to every indicator; a row for one indicator wins. The unit breakdown is the orgUnit.
create table dhis2_category_option_combo (
    indicator_code text references indicator (code),
    disaggregation text not null,
    code           text not null,
    unique nulls not distinct (indicator_code, disaggregation)
);
insert into dhis2_category_option_combo (indicator_code, disaggregation, code) values
    (null, '',                            'default'),
    (null, 'sex=female',                  'BDG_FEMALE'),
    (null, 'sex=male',                    'BDG_MALE'),
    (null, 'level=province',              'BDG_LEVEL_PROVINCE'),
    (null, 'level=district',              'BDG_LEVEL_DISTRICT'),
    (null, 'level=commune',               'BDG_LEVEL_COMMUNE'),
    (null, 'level=province;sex=female',   'BDG_LEVEL_PROVINCE_FEMALE'),
    (null, 'level=province;sex=male',     'BDG_LEVEL_PROVINCE_MALE'),
    (null, 'level=district;sex=female',   'BDG_LEVEL_DISTRICT_FEMALE'),
    (null, 'level=district;sex=male',     'BDG_LEVEL_DISTRICT_MALE'),
    (null, 'level=commune;sex=female',    'BDG_LEVEL_COMMUNE_FEMALE'),
    (null, 'level=commune;sex=male',      'BDG_LEVEL_COMMUNE_MALE'),
    (null, 'ethnicMinority=true',         'BDG_ETHNIC_MINORITY'),
    (null, 'ethnicMinority=false',        'BDG_ETHNIC_MAJORITY');

-- ---------------------------------------------------------------------------------------------
-- What the aggregations read through: a province's courses by start date, a course's trainees
-- (index-only), the few merged records (to resolve them to the surviving one) and their excuses.
create index course_period on course (province_code, start_date);
create index enrollment_trainees on enrollment (course_id) include (participant_id, target_group)
    where role = 'trainee' and status = 'enrolled';
create index participant_merged on participant (province_code, id) include (merged_into)
    where merged_into is not null;
create index excused_absence_participant on excused_absence (participant_id);
