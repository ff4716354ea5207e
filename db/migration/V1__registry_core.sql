-- Registry core: reference data, users, courses, sessions, participants, enrollments, audit.
-- Every tenant-owned table carries province_code: the province (tenant) the row belongs to.

create extension if not exists unaccent;
create extension if not exists pg_trgm;

-- unaccent() is only STABLE (its dictionary could change); pinning the dictionary makes it
-- safe to use in generated columns and indexes. Vietnamese: đ -> d, every tone mark removed.
create function f_unaccent(text) returns text
    language sql immutable parallel safe strict
    as $$ select public.unaccent('public.unaccent'::regdictionary, $1) $$;

-- Administrative units (national reference data, not tenant-owned). Units have a validity
-- period and a successor (the 2025 reorganisation merged provinces and communes and abolished
-- districts); records keep the unit they had at the time.
create table admin_unit (
    code           text primary key,
    name           text not null,
    level          text not null check (level in ('province', 'district', 'commune')),
    parent_code    text references admin_unit (code) deferrable initially deferred,
    valid_from     date,
    valid_to       date,
    successor_code text references admin_unit (code) deferrable initially deferred,
    name_key       text generated always as (f_unaccent(lower(name))) stored,
    check (valid_to is null or valid_from is null or valid_to >= valid_from)
);
create index admin_unit_parent on admin_unit (parent_code);

-- Catalogues, served read-only.
create table course_kind (
    code       text primary key,
    name_vi    text not null,
    name_en    text not null,
    sort_order int  not null default 0
);
create table topic (
    code       text primary key,
    name_vi    text not null,
    name_en    text not null,
    sort_order int  not null default 0
);
create table target_group (
    code       text primary key,
    name_vi    text not null,
    name_en    text not null,
    sort_order int  not null default 0
);
-- The 54 ethnic groups. Two official lists number some groups differently, so each code
-- records the list it comes from.
create table ethnicity (
    code        text primary key,
    code_list   text    not null,
    name_vi     text    not null,
    name_en     text    not null,
    is_minority boolean not null,
    sort_order  int     not null default 0
);

create table organization (
    id            uuid primary key default gen_random_uuid(),
    province_code text not null references admin_unit (code),
    name          text not null,
    short_name    text,
    unit_code     text references admin_unit (code),
    created_at    timestamptz not null default now(),
    unique (province_code, name)
);

create table app_user (
    id            uuid primary key default gen_random_uuid(),
    province_code text    not null references admin_unit (code),
    unit_code     text references admin_unit (code),
    username      text    not null unique,
    password_hash text    not null,
    role          text    not null check (role in ('admin', 'organizer', 'trainer', 'reporter')),
    full_name     text,
    active        boolean not null default true,
    created_at    timestamptz not null default now()
);

-- Bearer tokens are random; only their SHA-256 is stored. A login opens a session_id shared by
-- its access and refresh tokens so that logout revokes both.
create table auth_token (
    token_hash bytea primary key,
    session_id uuid        not null,
    user_id    uuid        not null references app_user (id),
    kind       text        not null check (kind in ('access', 'refresh')),
    expires_at timestamptz not null,
    revoked_at timestamptz,
    created_at timestamptz not null default now()
);
create index auth_token_session on auth_token (session_id);

-- Server-held secrets created on first start (e.g. the key of the national-ID HMAC).
create table server_secret (
    name       text primary key,
    value      bytea       not null,
    created_at timestamptz not null default now()
);

create sequence course_code_seq;

create table course (
    id                   uuid primary key default gen_random_uuid(),
    province_code        text          not null references admin_unit (code),
    code                 text          not null,
    title                text          not null,
    kind                 text          not null references course_kind (code),
    topics               text[]        not null default '{}',
    target_groups        text[]        not null default '{}',
    level                text          not null check (level in ('province', 'district', 'commune')),
    organizer_id         uuid references organization (id),
    co_organizer_ids     uuid[]        not null default '{}',
    unit_code            text          not null references admin_unit (code),
    venue                text,
    start_date           date          not null,
    end_date             date          not null,
    planned_hours        numeric(6, 1) check (planned_hours >= 0),
    capacity             int check (capacity > 0),
    funding_source       text,
    funding_amount       numeric(15, 0) check (funding_amount >= 0),
    min_attendance_share numeric(4, 3) not null default 0.8 check (min_attendance_share > 0 and min_attendance_share <= 1),
    plan_number          text,
    plan_date            date,
    status               text          not null default 'draft'
        check (status in ('draft', 'open', 'running', 'completed', 'cancelled')),
    created_by           uuid references app_user (id),
    created_at           timestamptz   not null default now(),
    updated_at           timestamptz   not null default now(),
    unique (province_code, code),
    check (end_date >= start_date)
);
create index course_scope on course (province_code, unit_code, start_date);

create table course_session (
    id            uuid primary key default gen_random_uuid(),
    province_code text        not null references admin_unit (code),
    course_id     uuid        not null references course (id),
    session_date  date        not null,
    start_time    time        not null,
    end_time      time        not null,
    venue         text,
    created_at    timestamptz not null default now(),
    check (end_time > start_time)
);
create index course_session_course on course_session (course_id, session_date);

create table participant (
    id                uuid primary key default gen_random_uuid(),
    province_code     text        not null references admin_unit (code),
    full_name         text        not null,
    -- accent-free, lower-case key for search ("Nguyễn Thị Hoà" -> "nguyen thi hoa")
    name_key          text generated always as (f_unaccent(lower(full_name))) stored,
    sex               text        not null check (sex in ('female', 'male')),
    birth_year        int check (birth_year between 1900 and 2100),
    birth_date        date,
    phone             text,                                    -- E.164: +84xxxxxxxxx
    national_id_hmac  bytea,                                   -- HMAC-SHA256, matchable, not reversible
    national_id_last3 text,                                    -- for the masked display only
    national_id_kind  text check (national_id_kind in ('cccd', 'cmnd')),
    ethnicity_code    text references ethnicity (code),
    unit_code         text references admin_unit (code),
    organization      text,
    position          text,
    target_groups     text[]      not null default '{}',
    duplicate_of      uuid references participant (id),
    merged_into       uuid references participant (id),
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now()
);
create index participant_name_trgm on participant using gin (name_key gin_trgm_ops);
create index participant_province_name on participant (province_code, name_key, id);
create index participant_phone on participant (province_code, phone);
create index participant_national_id on participant (province_code, national_id_hmac);

create table enrollment (
    id                uuid primary key default gen_random_uuid(),
    province_code     text        not null references admin_unit (code),
    course_id         uuid        not null references course (id),
    participant_id    uuid        not null references participant (id),
    role              text        not null default 'trainee' check (role in ('trainee', 'trainer', 'observer')),
    target_group      text references target_group (code),
    status            text        not null default 'enrolled' check (status in ('enrolled', 'withdrawn')),
    enrolled_at       timestamptz not null default now(),
    withdrawn_at      timestamptz,
    withdrawal_reason text,
    unique (course_id, participant_id)
);
create index enrollment_participant on enrollment (participant_id);

-- Trainer user accounts assigned to a course: what lets a trainer see and scan it.
create table course_trainer (
    course_id     uuid        not null references course (id),
    user_id       uuid        not null references app_user (id),
    province_code text        not null references admin_unit (code),
    assigned_at   timestamptz not null default now(),
    primary key (course_id, user_id)
);

create table participant_merge (
    id               uuid primary key default gen_random_uuid(),
    province_code    text        not null references admin_unit (code),
    kept_id          uuid        not null references participant (id),
    merged_id        uuid        not null references participant (id),
    moved_enrollments int        not null,
    merged_by        uuid references app_user (id),
    merged_at        timestamptz not null default now()
);

-- Every write: who, when, what, before and after.
create table audit_log (
    id            bigint generated always as identity primary key,
    province_code text        not null,
    user_id       uuid,
    at            timestamptz not null default now(),
    action        text        not null,
    entity        text        not null,
    entity_id     text,
    before        jsonb,
    after         jsonb
);
create index audit_log_entity on audit_log (entity, entity_id);
