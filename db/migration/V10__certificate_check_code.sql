-- A random check code per certificate, printed beside its sequential number and carried in its QR
-- link: the number alone shows the holder's initials, the number with the code their full name.
-- Ten characters of Crockford's base32 (no I, L, O, U), 50 random bits; new certificates get
-- theirs from the application when they are issued (CheckCode.java).
alter table certificate add column check_code text;

-- Certificates issued before: a code each from gen_random_uuid() (a strong random source). Its
-- bytes 6 and 8 hold the UUID's version and variant bits, so the ten characters are taken from
-- the low five bits of bytes that are random throughout. The random UUID is drawn per row in the
-- CTE and read by a correlated subquery: an uncorrelated one would run once and give every
-- certificate the same code.
with drawn as (
    select number, uuid_send(gen_random_uuid()) as random_bytes from certificate
)
update certificate c
set check_code = (
    select string_agg(substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', get_byte(d.random_bytes, i) % 32 + 1, 1), ''
                      order by i)
    from unnest(array[0, 1, 2, 3, 4, 5, 9, 10, 11, 12]) as i)
from drawn d
where d.number = c.number;

alter table certificate alter column check_code set not null;
alter table certificate add constraint certificate_check_code_form
    check (check_code ~ '^[0-9A-HJKMNP-TV-Z]{10}$');
