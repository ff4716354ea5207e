-- The participant list (GET /participants without q) in the order of a Vietnamese list, as the
-- printed lists are (VietnameseText.inListOrder): by the given name (the last word), then by the
-- rest of the name, in Vietnamese alphabetical order (ICU's Vietnamese collation: Đ after D, Ă and
-- Â after A). It was by the accent-free search key: family name first, with Đ among the D's.
-- "Nguyễn Thị Hoa" is kept as "Hoa Nguyễn Thị"; a one-word name as it is.
alter table participant add column list_name text
    generated always as (regexp_replace(full_name, '^(.*\S)\s+(\S+)$', '\2 \1')) stored;
create index participant_list_order on participant (province_code, (list_name collate "vi-x-icu"), id);
