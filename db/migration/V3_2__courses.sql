-- Courses, sessions, enrollments and trainer assignments: search key and the indexes their
-- queries need.

-- Accent-free, lower-case key of the title ("Tập huấn bình đẳng giới" -> "tap huan binh dang gioi"),
-- searched with a substring match, hence the trigram index.
alter table course add column title_key text generated always as (f_unaccent(lower(title))) stored;
create index course_title_trgm on course using gin (title_key gin_trgm_ops);
-- The list's keyset order within a province.
create index course_province_start on course (province_code, start_date desc, id);
-- topic= filter (array contains).
create index course_topics on course using gin (topics);

-- Counting a course's enrolled trainees (capacity) and listing its roster in order.
create index enrollment_course_status on enrollment (course_id, status, role);
create index enrollment_course_order on enrollment (course_id, enrolled_at, id);

-- "Courses assigned to this user" (a trainer's view).
create index course_trainer_user on course_trainer (user_id);
