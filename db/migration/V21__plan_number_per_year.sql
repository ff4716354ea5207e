-- A plan's document number (58/KH-UBND) is unique in its province and calendar year of issue, not
-- for ever: document numbers start again from 1 every year, so the province's plan of 2025 may
-- carry the number its plan of 2024 had.
alter table annual_plan drop constraint annual_plan_province_code_number_key;
create unique index annual_plan_number_per_year on annual_plan (province_code, number, (extract(year from issued_on)));
