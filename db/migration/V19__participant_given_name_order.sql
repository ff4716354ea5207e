-- The participant list compares the given name on its own first, then the list name (V18), both in
-- Vietnamese alphabetical order, as the printed lists do: "Hoa", "Hoà" and "Hóa" are different
-- given names, and ordering by the list name alone mixed them by family name (the collation weighs
-- every letter before any tone). This index serves that order as V18's served the list name's.
drop index participant_list_order;
create index participant_given_name_order on participant (province_code,
    (split_part(list_name, ' ', 1) collate "vi-x-icu"), (list_name collate "vi-x-icu"), id);
