-- The trainee's administrative unit for a course, kept with the enrollment: DOMAIN.md, "every record
-- keeps the unit it had at the time". Reports count a trainee in this unit (its level, its district),
-- so someone who moves from a commune to the district after a course still counts in the commune for
-- that course, and last year's report does not change when the registry is brought up to date.
-- Set from the participant's unit when enrolled; it follows the participant's unit while the course
-- has not ended, and afterwards only when the change is a correction (PATCH /participants/{id}
-- with unitChange=corrected). Existing enrollments take the participant's unit as it is now: the
-- best that is known of it (null where the participant has none).
alter table enrollment add column unit_code text references admin_unit (code);

update enrollment e set unit_code = p.unit_code
from participant p
where p.id = e.participant_id and p.unit_code is not null;

-- Reports read a course's trainees through this index alone (V6): with their unit now.
drop index enrollment_trainees;
create index enrollment_trainees on enrollment (course_id) include (participant_id, target_group, unit_code)
    where role = 'trainee' and status = 'enrolled';
