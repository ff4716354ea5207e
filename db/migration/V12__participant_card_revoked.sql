-- The revoked cards of a province, which a phone downloads with its offline kit (GET
-- /api/v1/cards/revoked) to refuse a revoked card of anyone, on its session's roster or not.
-- Few cards are revoked: a small partial index instead of reading every card of the country.
create index participant_card_revoked on participant_card (province_code) where revoked_at is not null;
