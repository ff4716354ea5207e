-- Certificates: numbers per province and year, certificates with what they print frozen at issue,
-- and organisers' decisions to withhold one.

-- The last number given out per province and year. Only ever incremented (in the transaction that
-- issues), so a number is never given to two certificates, revoked ones included.
create table certificate_counter (
    province_code text not null references admin_unit (code),
    year          int  not null check (year between 2000 and 2999),
    last          int  not null check (last >= 0),
    primary key (province_code, year)
);

-- One certificate. The printed fields are copied at issue, so a later change of a name or a
-- course does not change a certificate already handed out; credential is the signed compact JWS.
create table certificate (
    number            text primary key,                       -- <province>-<year>-<6 digits>, e.g. 06-2026-000123
    province_code     text        not null references admin_unit (code),
    course_id         uuid        not null references course (id),
    participant_id    uuid        not null references participant (id),
    status            text        not null default 'valid' check (status in ('valid', 'revoked')),
    issued_at         timestamptz not null default now(),
    issued_by         uuid        not null references app_user (id),
    manual_reason     text,                                   -- set when issued by hand, outside the bulk rule
    revoked_at        timestamptz,
    revoked_by        uuid references app_user (id),
    revocation_reason text,
    holder_name       text        not null,
    birth_year        int,
    unit_name         text,
    course_title      text        not null,
    start_date        date        not null,
    end_date          date        not null,
    hours             numeric(6, 1),
    organizer_name    text,
    place             text        not null,
    issue_date        date        not null,
    signer_name       text,
    signer_title      text        not null,
    credential        text        not null,
    check ((status = 'revoked') = (revoked_at is not null))
);
-- at most one live certificate per person and course; a revoked one may be followed by a new one
create unique index certificate_live on certificate (course_id, participant_id) where status = 'valid';
create index certificate_participant on certificate (participant_id);
create index certificate_revoked on certificate (province_code, revoked_at) where status = 'revoked';

-- An organiser's decision that a person gets no certificate for a course (bulk issuing skips them).
create table certificate_withheld (
    course_id      uuid        not null references course (id),
    participant_id uuid        not null references participant (id),
    province_code  text        not null references admin_unit (code),
    reason         text        not null,
    withheld_by    uuid        not null references app_user (id),
    withheld_at    timestamptz not null default now(),
    primary key (course_id, participant_id)
);
