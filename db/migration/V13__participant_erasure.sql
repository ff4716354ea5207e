-- Erasure of a participant's personal data at their request (Law 91/2025/QH15): the record stays,
-- for the exactness of the reports, with only non-identifying statistical data (sex, birth year,
-- unit, target groups) and its enrollments, check-ins and excuses; everything that names or
-- reaches the person is removed (see ErasureService.java).

-- When and by whom a record was erased. An erased record holds no personal data, and the database
-- says so: its name is the fixed placeholder (so its generated name_key is the placeholder's key,
-- which no search for a person's name finds), and phone, national ID (its HMAC, last digits and
-- kind), birth date, ethnicity (sensitive data), organisation and position are empty.
alter table participant
    add column erased_at timestamptz,
    add column erased_by uuid references app_user (id),
    add constraint participant_erased_by check ((erased_at is null) = (erased_by is null)),
    add constraint participant_erased_clear check (erased_at is null or (
        full_name = 'Đã xoá dữ liệu cá nhân'
        and phone is null and birth_date is null
        and national_id_hmac is null and national_id_last3 is null and national_id_kind is null
        and ethnicity_code is null and organization is null and position is null));

-- A certificate whose holder's data was erased: revoked, and what it printed about the holder
-- (name, birth year, organisation) replaced or cleared. The public check says so instead of a name.
alter table certificate
    add column holder_erased_at timestamptz,
    add constraint certificate_holder_erased check (holder_erased_at is null or (
        status = 'revoked' and holder_name = 'Đã xoá dữ liệu cá nhân' and birth_year is null and unit_name is null));

-- The audit entries about one participant that are not filed under the participant (enrollments,
-- excuses, undone scans, withheld certificates: their before/after name the participant), found
-- by an erasure without reading the whole log. The same expression is in AuditLog.scrub.
create index audit_log_participant on audit_log ((coalesce(before ->> 'participantId', after ->> 'participantId',
                                                            before ->> 'participant_id', after ->> 'participant_id')))
    where coalesce(before ->> 'participantId', after ->> 'participantId',
                   before ->> 'participant_id', after ->> 'participant_id') is not null;
