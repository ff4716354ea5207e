// The phone's verdicts on made-up rosters and cards signed here with Ed25519 keys of our own;
// the end-to-end tests (ScannerIT) check the same rules against the real server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ed25519 } from '@noble/curves/ed25519.js';
import { createHash } from 'node:crypto';
import { checkedIn, judge, judgedAt, phoneAhead, revocationDigest, searchKey, searchRoster, verifyCard, vietnamDate } from '../src/verify.js';

const b64 = bytes => Buffer.from(bytes).toString('base64url');
const text = value => b64(new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value)));

function keyPair(kid, province, seed) {
  const secret = new Uint8Array(32).fill(seed);
  return { secret, jwk: { kty: 'OKP', crv: 'Ed25519', x: b64(ed25519.getPublicKey(secret)), kid, province, use: 'sig', alg: 'EdDSA' } };
}

function sign(key, claims, header = { alg: 'EdDSA', kid: key.jwk.kid }) {
  const input = text(header) + '.' + text(claims);
  return input + '.' + b64(ed25519.sign(new TextEncoder().encode(input), key.secret));
}

const ANA = '0b8f4b2e-4a53-4f0e-9a39-6c1d0a0f0001';
const BINH = '0b8f4b2e-4a53-4f0e-9a39-6c1d0a0f0002';
const MERGED = '0b8f4b2e-4a53-4f0e-9a39-6c1d0a0f0003';
const STRANGER = '0b8f4b2e-4a53-4f0e-9a39-6c1d0a0f0004';
const key = keyPair('06-20251115-a1b2c3', '06', 1);
const keys = { keys: [key.jwk] };
const card = (sub, ver = 1, iss = '06') => sign(key, { typ: 'card', iss, sub, ver });
const now = Date.now();
const roster = {
  provinceCode: '06',
  clockToleranceSeconds: 900,
  session: {
    courseStatus: 'running',
    opensAt: new Date(now - 3_600_000).toISOString(),
    closesAt: new Date(now + 3_600_000).toISOString(),
  },
  participants: [{ id: ANA, fullName: 'Nguyễn Thị Ánh', unitCode: '06111' }, { id: BINH, fullName: 'Đỗ Văn Bình', unitCode: null }],
  revokedCards: [{ participantId: BINH, version: 1 }],
  aliases: [{ cardParticipantId: MERGED, participantId: ANA }],
  checkedIn: [],
};
const at = (offsetMs = 0) => new Date(now + offsetMs).toISOString();
const verdict = async (scan, attended = new Map()) => (await judge({ scannedAt: at(), ...scan }, { roster, keys, attended })).outcome;
// the province's list names a revoked card by a digest of its claims (openapi.yaml, RevokedCardDigests),
// computed here apart from the phone's code, with Node's own SHA-256
const digest = (sub, ver, iss = '06') => createHash('sha256').update(`card:${iss}:${sub}:${ver}`).digest().subarray(0, 16).toString('base64url');

test('a genuine card of an enrolled person is accepted, and a second scan is already checked in', async () => {
  assert.equal(await verdict({ qr: card(ANA) }), 'accepted');
  assert.equal(await verdict({ qr: card(ANA) }, new Map([[ANA, { scannedAt: at() }]])), 'already_checked_in');
});

test('forged, altered, truncated, foreign and unknown-key cards are invalid', async () => {
  const forger = keyPair(key.jwk.kid, '06', 2);
  assert.equal(await verdict({ qr: sign(forger, { typ: 'card', iss: '06', sub: ANA, ver: 1 }) }), 'invalid_card');
  const [h, , s] = card(ANA).split('.');
  assert.equal(await verdict({ qr: `${h}.${text({ typ: 'card', iss: '06', sub: BINH, ver: 2 })}.${s}` }), 'invalid_card');
  assert.equal(await verdict({ qr: card(ANA).slice(0, -4) }), 'invalid_card');
  assert.equal(await verdict({ qr: card(ANA, 1, '07') }), 'invalid_card');
  assert.equal(await verdict({ qr: sign(keyPair('06-other', '06', 3), { typ: 'card', iss: '06', sub: ANA, ver: 1 }) }), 'invalid_card');
  assert.equal(await verdict({ qr: sign(key, { typ: 'certificate', iss: '06', sub: ANA, ver: 1 }) }), 'invalid_card');
  assert.equal(await verdict({ qr: 'https://example.org/not-a-card' }), 'invalid_card');
  assert.equal(verifyCard(card(ANA), keys, '06').participantId, ANA);
});

test('a revoked card version is refused, the reissued one is accepted', async () => {
  assert.equal(await verdict({ qr: card(BINH, 1) }), 'revoked_card');
  assert.equal(await verdict({ qr: card(BINH, 2) }), 'accepted');
});

test('a merged record counts for the kept one; someone not on the roster is not enrolled', async () => {
  assert.deepEqual(await judge({ qr: card(MERGED), scannedAt: at() }, { roster, keys, attended: new Map() }),
      { outcome: 'accepted', participantId: ANA });
  assert.equal(await verdict({ qr: card(STRANGER) }), 'not_enrolled');
  assert.equal(await verdict({ participantId: BINH }), 'accepted');
});

test('a revoked card of someone not on the roster is revoked, as the server says, not "not enrolled" with a walk-in', async () => {
  // the roster lists its own people's revocations; the province's list, saved with the kit, everyone's
  // as digests: the phone finds a card held up in it, but the list does not say whose cards are in it
  const revokedCardDigests = [digest(STRANGER, 1)];
  const judged = async (scan, options = {}) => (await judge({ scannedAt: at(), ...scan },
      { roster, keys, attended: new Map(), revokedCardDigests, ...options })).outcome;
  assert.equal(await judged({ qr: card(STRANGER, 1) }), 'revoked_card');
  assert.equal(await judged({ qr: card(STRANGER, 2) }), 'not_enrolled');
  // refused before the window is asked about, as the server refuses it
  assert.equal(await judged({ qr: card(STRANGER, 1), scannedAt: at(-5 * 3_600_000) }), 'revoked_card');
  // a kit saved before the phone had the list still knows its roster's revocations
  assert.equal(await judged({ qr: card(BINH, 1) }, { revokedCardDigests: undefined }), 'revoked_card');
  // the digest names the card's province, person and version: no other card matches it
  assert.equal(await judged({ qr: card(STRANGER, 1) }, { revokedCardDigests: [digest(STRANGER, 1, '07')] }), 'not_enrolled');
  assert.equal(await judged({ qr: card(STRANGER, 1) }, { revokedCardDigests: [digest(ANA, 1), digest(STRANGER, 11)] }),
      'not_enrolled');
  // a list of participant ids, as the route once answered, names no card
  assert.equal(await judged({ qr: card(STRANGER, 1) }, { revokedCardDigests: [STRANGER, `${STRANGER}/1`] }), 'not_enrolled');
});

test('a card\'s digest is the one the contract defines, from the verified card (sub in lower case)', async () => {
  // openapi.yaml, RevokedCardDigests: its worked example
  assert.equal(await revocationDigest('06', { participantId: '0b6f1c2a-3d4e-4f50-8a9b-0c1d2e3f4a5b', version: 2 }),
      '_6HwivX6D67Gu5-VRFMvRw');
  const upper = verifyCard(card(STRANGER.toUpperCase(), 3), keys, '06');
  assert.equal(await revocationDigest('06', upper), digest(STRANGER, 3));
  assert.match(await revocationDigest('06', upper), /^[A-Za-z0-9_-]{22}$/);
});

test('the outcomes come in the server\'s order: invalid, revoked, not open, not enrolled, already checked in', async () => {
  // CheckInService.decide: each check wins over every later one when a scan fails several
  const revokedCardDigests = [digest(STRANGER, 1)];
  const attendedAll = new Map([ANA, BINH, STRANGER].map(id => [id, { scannedAt: at(-60_000) }]));
  const late = at(5 * 3_600_000);
  const judged = async scan => (await judge({ scannedAt: at(), ...scan },
      { roster, keys, revokedCardDigests, attended: attendedAll })).outcome;
  const forged = sign(keyPair(key.jwk.kid, '06', 2), { typ: 'card', iss: '06', sub: STRANGER, ver: 1 });
  // a forged card of a revoked, absent stranger, out of the window
  assert.equal(await judged({ qr: forged, scannedAt: late }), 'invalid_card');
  // revoked: of the roster or not, in the window or not, checked in or not
  assert.equal(await judged({ qr: card(STRANGER, 1), scannedAt: late }), 'revoked_card');
  assert.equal(await judged({ qr: card(BINH, 1), scannedAt: late }), 'revoked_card');
  // out of the window: enrolled or not, checked in or not, by card or by name
  assert.equal(await judged({ qr: card(STRANGER, 2), scannedAt: late }), 'session_not_open');
  assert.equal(await judged({ qr: card(ANA), scannedAt: late }), 'session_not_open');
  assert.equal(await judged({ participantId: ANA, scannedAt: late }), 'session_not_open');
  // not enrolled, even if checked in (an attendance of someone withdrawn since)
  assert.equal(await judged({ qr: card(STRANGER, 2) }), 'not_enrolled');
  // a card revoked is not asked about for a check-in by name, as on the server
  assert.equal(await judged({ participantId: BINH }), 'already_checked_in');
  assert.equal(await judged({ qr: card(MERGED) }), 'already_checked_in');
});

test('scans are judged against the window with the clock tolerance, and the course must be scannable', async () => {
  assert.equal(await verdict({ qr: card(ANA), scannedAt: at(3_600_000 + 899_000) }), 'accepted');
  assert.equal(await verdict({ qr: card(ANA), scannedAt: at(3_600_000 + 901_000) }), 'session_not_open');
  assert.equal(await verdict({ qr: card(ANA), scannedAt: at(-3_600_000 - 901_000) }), 'session_not_open');
  const draft = { ...roster, session: { ...roster.session, courseStatus: 'draft' } };
  assert.equal((await judge({ qr: card(ANA), scannedAt: at() }, { roster: draft, keys, attended: new Map() })).outcome,
      'session_not_open');
});

test('names are found without diacritics, word prefixes first', async () => {
  assert.equal(searchKey('  Đỗ Văn   BÌNH '), 'do van binh');
  assert.deepEqual(searchRoster(roster.participants, 'anh').map(p => p.id), [ANA]);
  assert.deepEqual(searchRoster(roster.participants, 'nguyen thi').map(p => p.id), [ANA]);
  assert.deepEqual(searchRoster(roster.participants, ' '), []);
});

test('a phone clock that is off is judged as the server judges its upload: by the corrected time', async () => {
  // the phone's clock is two hours behind: its raw time is before the window, the real time inside
  const behind = -2 * 3_600_000;
  const scan = { qr: card(ANA), scannedAt: at(behind) };
  assert.equal((await judge(scan, { roster, keys, attended: new Map() })).outcome, 'session_not_open');
  assert.equal((await judge(scan, { roster, keys, attended: new Map(), phoneAheadMs: behind })).outcome, 'accepted');
  // and ahead: a scan the raw clock places in the window was in fact made long before it opened
  const ahead = 3 * 3_600_000;
  const early = { qr: card(ANA), scannedAt: at(1_800_000) };
  assert.equal((await judge(early, { roster, keys, attended: new Map() })).outcome, 'accepted');
  assert.equal((await judge(early, { roster, keys, attended: new Map(), phoneAheadMs: ahead })).outcome, 'session_not_open');
  assert.equal(judgedAt(at(behind), behind), at(0));
});

test('how far the phone clock is off is measured from the Date header of a server answer', async () => {
  const server = Date.parse('2026-12-06T02:00:00Z');
  const headers = new Headers({ Date: new Date(server).toUTCString() });
  // asked at phone time T, answered 200 ms later; the header has whole seconds (up to 1 s truncated)
  const ahead = phoneAhead(headers, server + 1_800_000, server + 1_800_200);
  assert.ok(Math.abs(ahead - 1_800_000) <= 1_000, `measured ${ahead}`);
  assert.equal(phoneAhead(new Headers(), 0, 10), null);
  assert.equal(phoneAhead(new Headers({ Date: 'yesterday' }), 0, 10), null);
});

test('the day is the day in Vietnam, whatever the time zone of the phone', async () => {
  assert.equal(vietnamDate(Date.parse('2026-12-06T16:59:59Z')), '2026-12-06');
  assert.equal(vietnamDate(Date.parse('2026-12-06T17:00:00Z')), '2026-12-07');
  assert.equal(vietnamDate(Date.parse('2026-12-31T23:00:00-05:00')), '2027-01-01');
});

test('who is checked in: the roster, then this phone\'s scans the roster does not know of yet', async () => {
  const kit = { roster: { ...roster, checkedIn: [{ participantId: BINH, scannedAt: at(-60_000) }] }, savedAt: at(-1_000) };
  const scan = (person, extra) => ({ participantId: person, scannedAt: at(-30_000), local: { outcome: 'accepted', participantId: person }, ...extra });
  // queued on the phone, not sent yet
  assert.deepEqual([...checkedIn(kit, [scan(ANA, { state: 'pending' })]).keys()].sort(), [ANA, BINH].sort());
  // sent and accepted before the roster was saved: the roster knows, and no longer lists it
  // (an organiser undid that attendance), so it does not count
  const answeredBefore = scan(ANA, { state: 'done', answeredAt: at(-20_000), server: { outcome: 'accepted', participant: { id: ANA } } });
  assert.deepEqual([...checkedIn(kit, [answeredBefore]).keys()], [BINH]);
  // answered after the roster was saved: it counts
  const answeredAfter = { ...answeredBefore, answeredAt: at(0) };
  assert.deepEqual([...checkedIn(kit, [answeredAfter]).keys()].sort(), [ANA, BINH].sort());
  // refused scans and scans the phone could not keep never count
  assert.deepEqual([...checkedIn(kit, [scan(ANA, { state: 'failed' })]).keys()], [BINH]);
});
