-- The accent-free search keys (name_key, title_key) are f_unaccent(lower(...)). lower() follows the
-- database's LC_CTYPE: with the C locale (initdb, or the embedded PostgreSQL, run without LANG; some
-- managed servers) it lower-cases ASCII letters only, so "Đông" was keyed "Dong", "ÁNH" "Anh", and a
-- search typed in lower case ("dong", "anh") missed them. unaccent maps every Vietnamese letter to an
-- ASCII one, so lower-casing its result makes the keys the same under any locale. Where lower() did
-- handle every letter (C.UTF-8, en_US.UTF-8, ...) nothing changes and no row is rewritten.
create or replace function f_unaccent(text) returns text
    language sql immutable parallel safe strict
    as $$ select lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;

-- stored keys computed with the old function: recomputed by rewriting just the rows whose key differs
update admin_unit set name = name where name_key is distinct from f_unaccent(lower(name));
update course set title = title where title_key is distinct from f_unaccent(lower(title));
update participant set full_name = full_name where name_key is distinct from f_unaccent(lower(full_name));
