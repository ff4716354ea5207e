-- The audit log is read by province, newest first, a page at a time, and narrowed to a period
-- (GET /api/v1/audit-log?from=&to=): without these every page scanned the entries of all provinces.
create index audit_log_province on audit_log (province_code, id);
create index audit_log_province_at on audit_log (province_code, at);
