-- A check-in's province is its session's, and the database now says so: one composite key to the
-- session replaces the keys to the session and to the province. Besides tying the tenant of every
-- stored scan to its session's, this takes a lock off the busiest row of a province: the key to
-- admin_unit locked the province's row (FOR KEY SHARE) for every scan, and scans of the province
-- inserted at the same time had to share that lock through a new MultiXact each time.
create unique index course_session_id_province on course_session (id, province_code);

alter table check_in
    drop constraint check_in_province_code_fkey,
    drop constraint check_in_session_id_fkey,
    add constraint check_in_session_fkey foreign key (session_id, province_code)
        references course_session (id, province_code);
