-- When a scan happened by the server's clock, as far as its upload showed: the phone's scanned_at
-- less how far the phone's clock was off (the batch's sentAt against the time it was received).
-- A scan is judged against the session window by this time, and an attendance is on time or late
-- by it; scanned_at stays as the phone sent it, as evidence. Null for scans stored before this
-- column, which were judged by scanned_at.
alter table check_in add column judged_at timestamptz;
