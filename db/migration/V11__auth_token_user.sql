-- A user's tokens, for ending every login of an account (deactivated, role, unit or password
-- changed) and for removing the user's expired tokens at each login, which nothing did before.
create index auth_token_user on auth_token (user_id, expires_at);
