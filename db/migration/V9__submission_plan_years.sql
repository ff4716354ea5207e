-- The plan years a submitted report set planned against held: a quarter or date range belongs to
-- the plan years its days fall in under the province's cut-off, which may change later; the
-- diff of a submission recomputes with these, not with today's cut-off. Null for submissions
-- made before this column (their diff derives the plan years as it did).
alter table report_submission
    add column first_plan_year int,
    add column last_plan_year  int,
    add check ((first_plan_year is null) = (last_plan_year is null) and first_plan_year <= last_plan_year);
