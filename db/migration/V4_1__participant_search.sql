-- Name search as a nearest-neighbour scan within a province: GiST over (province_code, name_key),
-- ordered by pg_trgm's word-similarity distance. btree_gist lets the province equality share the index.
create extension if not exists btree_gist;
create index participant_name_knn on participant using gist (province_code, name_key gist_trgm_ops);
