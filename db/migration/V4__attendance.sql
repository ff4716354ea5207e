-- QR attendance: signing keys, participant cards, check-ins (accepted and refused), sign-in sheets.

-- Ed25519 keys that sign QR cards (and later certificates), one set per province. A rotated key
-- no longer signs but still verifies; a retired key verifies nothing any more.
create table signing_key (
    kid           text primary key,
    province_code text        not null references admin_unit (code),
    public_key    bytea       not null check (length(public_key) = 32),
    private_key   bytea       not null check (length(private_key) = 32),
    created_at    timestamptz not null default now(),
    rotated_at    timestamptz,
    retired_at    timestamptz
);
-- at most one signing (not rotated, not retired) key per province
create unique index signing_key_active on signing_key (province_code) where rotated_at is null and retired_at is null;

-- A participant's QR card. The token is derived (signed) from participant, version and key; a
-- lost card is revoked and reissued with the next version.
create table participant_card (
    participant_id    uuid        not null references participant (id),
    version           int         not null check (version >= 1),
    province_code     text        not null references admin_unit (code),
    issued_at         timestamptz not null default now(),
    revoked_at        timestamptz,
    revocation_reason text,
    primary key (participant_id, version)
);

-- Every scan, accepted or refused, as evidence. The outcome is decided once; the phone's
-- client_scan_id makes resending harmless.
create table check_in (
    id                 uuid primary key default gen_random_uuid(),
    province_code      text        not null references admin_unit (code),
    client_scan_id     uuid        not null unique,
    session_id         uuid        not null references course_session (id),
    participant_id     uuid references participant (id),
    outcome            text        not null check (outcome in ('accepted', 'already_checked_in', 'not_enrolled',
                                                               'session_not_open', 'invalid_card', 'revoked_card')),
    method             text        not null check (method in ('qr', 'manual', 'walk_in')),
    card_version       int,
    scanned_at         timestamptz not null,  -- the phone's clock
    received_at        timestamptz not null default now(),
    clock_suspect      boolean     not null default false,
    device_id          text,
    scanned_by         uuid        not null references app_user (id),
    first_check_in_id  uuid references check_in (id),
    undone_at          timestamptz,
    undone_by          uuid references app_user (id)
);
-- exactly one attendance per person per session, whatever the order, repetition or concurrency
create unique index check_in_attendance on check_in (session_id, participant_id)
    where outcome = 'accepted' and undone_at is null;
create index check_in_participant on check_in (participant_id);

-- Excused absences, entered by organisers.
create table excused_absence (
    session_id     uuid        not null references course_session (id),
    participant_id uuid        not null references participant (id),
    province_code  text        not null references admin_unit (code),
    reason         text        not null,
    entered_by     uuid        not null references app_user (id),
    entered_at     timestamptz not null default now(),
    primary key (session_id, participant_id)
);

-- Photo or scan of a signed paper sign-in sheet, kept as evidence with its hash.
create table sign_in_sheet (
    id            uuid primary key default gen_random_uuid(),
    province_code text        not null references admin_unit (code),
    session_id    uuid        not null references course_session (id),
    content_type  text        not null,
    content       bytea       not null,
    sha256        bytea       not null,
    uploaded_by   uuid        not null references app_user (id),
    uploaded_at   timestamptz not null default now()
);
