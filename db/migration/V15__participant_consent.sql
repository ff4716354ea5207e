-- A participant's consent (Law on Personal Data Protection 91/2025/QH15): when it was given, how
-- (the signed registration form, said aloud at registration and recorded by the staff member, or
-- online), who recorded it, and whether it covers sensitive data (ethnicity, which the registry
-- stores only with it). Records created before this migration have no consent on record (all four
-- null: unknown, not refused); nothing is invented for them. Their stored ethnicity stays until
-- a consent is recorded: one that does not cover sensitive data clears it (see ParticipantService).
alter table participant
    add column consent_at          timestamptz,
    add column consent_method      text check (consent_method in ('paper_form', 'verbal', 'online')),
    add column consent_recorded_by uuid references app_user (id),
    add column sensitive_consent   boolean,
    add constraint participant_consent_whole check (
        (consent_at is null) = (consent_method is null) and (consent_at is null) = (sensitive_consent is null)),
    -- a consent on record that leaves out sensitive data leaves no ethnicity stored
    add constraint participant_ethnicity_consent check (ethnicity_code is null or sensitive_consent is not false);
