-- Target groups made of women only: what the report flag not_women_in_women_groups checks trainees
-- against. Taken before from the target groups of the catalogue's counts of women (V23), which a
-- province may extend with a count of the women of a mixed group ("women commune collaborators
-- trained"): every man of that group would then have been flagged.
alter table target_group add column women_only boolean not null default false;
update target_group set women_only = true
where code in ('women_leaders', 'women_cadres_pipeline', 'women_council_delegates');
