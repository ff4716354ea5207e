-- Participants: merging a record re-points the duplicate flags that named it; find them by index.
create index participant_duplicate_of on participant (duplicate_of) where duplicate_of is not null;
