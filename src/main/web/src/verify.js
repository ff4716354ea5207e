// Judges a scan on the phone with no network, by the server's rules in the server's order
// (openapi.yaml, tag Attendance, "Outcomes"), from the roster and the public keys downloaded
// beforehand, so the trainer sees at once the verdict the server will give.
import { ed25519 } from '@noble/curves/ed25519.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SCANNABLE_COURSE = new Set(['open', 'running', 'completed']);
const MAX_TOKEN = 2048;

function base64url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) {
    throw new Error('not base64url');
  }
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  return Uint8Array.from(atob(padded), c => c.charCodeAt(0));
}

function json(bytes) {
  const value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error('not a JSON object');
  }
  return value;
}

/**
 * The card a QR text stands for, if it is a genuine card of the province: a compact JWS with
 * alg EdDSA and a kid naming a live key of that province, payload {typ: "card", iss, sub, ver},
 * and a good Ed25519 signature. Null for anything else.
 */
export function verifyCard(token, jwks, provinceCode) {
  if (typeof token !== 'string' || token.length > MAX_TOKEN) {
    return null;
  }
  const parts = token.trim().split('.');
  if (parts.length !== 3) {
    return null;
  }
  try {
    const header = json(base64url(parts[0]));
    const claims = json(base64url(parts[1]));
    const signature = base64url(parts[2]);
    if (header.alg !== 'EdDSA' || typeof header.kid !== 'string' || 'crit' in header) {
      return null;
    }
    if (claims.typ !== 'card' || typeof claims.iss !== 'string' || typeof claims.sub !== 'string'
        || typeof claims.ver !== 'number' || !UUID.test(claims.sub) || claims.iss !== provinceCode) {
      return null;
    }
    const key = (jwks?.keys ?? []).find(k => k.kid === header.kid && k.province === claims.iss
        && k.kty === 'OKP' && k.crv === 'Ed25519');
    if (!key || signature.length !== 64) {
      return null;
    }
    const signingInput = new TextEncoder().encode(parts[0] + '.' + parts[1]);
    // strict RFC 8032 checks, as the server's Bouncy Castle verifier makes them
    if (!ed25519.verify(signature, signingInput, base64url(key.x), { zip215: false })) {
      return null;
    }
    return { participantId: claims.sub.toLowerCase(), version: Math.trunc(claims.ver) };
  } catch {
    return null;
  }
}

/**
 * How far the phone's clock is ahead of the server's (ms, negative when behind), from the Date
 * header of an answer asked at sentMs and received at receivedMs by the phone's clock; null when
 * the answer has no usable Date. The header has whole seconds: the server's time is taken as the
 * middle of that second, the phone's as the middle of the exchange.
 */
export function phoneAhead(headers, sentMs, receivedMs) {
  const server = Date.parse(headers?.get?.('Date') ?? '');
  if (Number.isNaN(server)) {
    return null;
  }
  return Math.round((sentMs + receivedMs) / 2 - (server + 500));
}

/**
 * The time a scan is judged by: the phone's clock corrected by how far it is off, as the server
 * judges the upload (it measures the same from the batch's sentAt; CheckInService.judgedAt).
 */
export function judgedAt(scannedAt, phoneAheadMs = 0) {
  return new Date(new Date(scannedAt).getTime() - (phoneAheadMs ?? 0)).toISOString();
}

const VIETNAM_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The date (YYYY-MM-DD) in Vietnam at that instant (ms), whatever the phone's own time zone. */
export function vietnamDate(ms) {
  return VIETNAM_DATE.format(new Date(ms));
}

/** Whether a scan judged at that time (see judgedAt) counts for the roster's session. */
export function sessionAccepts(roster, scannedAt) {
  const at = new Date(scannedAt).getTime();
  const tolerance = roster.clockToleranceSeconds * 1000;
  return SCANNABLE_COURSE.has(roster.session.courseStatus)
      && at >= new Date(roster.session.opensAt).getTime() - tolerance
      && at <= new Date(roster.session.closesAt).getTime() + tolerance;
}

/** The record a card's participant id counts for today, following merges. */
function resolve(roster, id) {
  let person = id;
  for (let depth = 0; depth < 5; depth++) {
    const alias = roster.aliases.find(a => a.cardParticipantId === person);
    if (!alias) {
      break;
    }
    person = alias.participantId;
  }
  return person;
}

/**
 * The digest by which the province's list of revoked cards (GET /api/v1/cards/revoked) names a
 * verified card of that province, as openapi.yaml (RevokedCardDigests) defines it for any client:
 * base64url, unpadded, of the first 16 bytes of SHA-256 over the UTF-8 text
 * "card:<iss>:<sub>:<ver>" (sub in lower case, ver in decimal). The list holds only such digests:
 * the phone can tell that a card held up is revoked, not whose cards are.
 */
export async function revocationDigest(provinceCode, card) {
  const text = `card:${provinceCode}:${card.participantId}:${card.version}`;
  const sha256 = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return btoa(String.fromCharCode(...sha256.subarray(0, 16)))
      .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Whether the card's version was revoked. The server refuses a revoked card of anyone before it
 * asks whether the holder is enrolled: the roster lists the revocations of its people (and of the
 * records merged into them), the province's list of digests everyone else's.
 */
async function revoked(card, roster, provinceDigests) {
  if (roster.revokedCards.some(r => r.participantId === card.participantId && r.version === card.version)) {
    return true;
  }
  return (provinceDigests ?? []).length > 0
      && provinceDigests.includes(await revocationDigest(roster.provinceCode, card));
}

/**
 * The outcome of one scan: {outcome, participantId, first} (a promise: a card's digest is
 * computed with WebCrypto). attended maps the participant ids already checked in at the session
 * (by the roster or by this phone) to their first check-in; revokedCardDigests is the province's
 * list of revoked cards saved with the kit (see revocationDigest); phoneAheadMs is how far the
 * phone's clock was last measured to be off (see phoneAhead).
 */
export async function judge(scan, { roster, keys, revokedCardDigests = [], attended, phoneAheadMs = 0 }) {
  let cardHolder = scan.participantId ?? null;
  if (scan.qr != null) {
    const card = verifyCard(scan.qr, keys, roster.provinceCode);
    if (!card) {
      return { outcome: 'invalid_card', participantId: null };
    }
    if (await revoked(card, roster, revokedCardDigests)) {
      return { outcome: 'revoked_card', participantId: resolve(roster, card.participantId) };
    }
    cardHolder = card.participantId;
  }
  const person = resolve(roster, cardHolder);
  if (!sessionAccepts(roster, judgedAt(scan.scannedAt, phoneAheadMs))) {
    return { outcome: 'session_not_open', participantId: person };
  }
  if (!roster.participants.some(p => p.id === person)) {
    return { outcome: 'not_enrolled', participantId: person };
  }
  const first = attended.get(person);
  if (first) {
    return { outcome: 'already_checked_in', participantId: person, first };
  }
  return { outcome: 'accepted', participantId: person };
}

/** What a scan stored on the phone came to: the server's outcome once answered, else the phone's. */
export function outcomeOf(scan) {
  if (scan.state === 'failed') {
    return 'failed';
  }
  if (scan.state === 'unsaved') {
    return 'not_saved';
  }
  return scan.server?.outcome ?? scan.local.outcome;
}

/** The participant record a stored scan counts for, as far as known. */
export function personOf(scan) {
  return scan.server?.participant?.id ?? scan.server?.checkIn?.participantId ?? scan.local?.participantId ?? null;
}

/**
 * Who is checked in at a kit's session (participant id -> first check-in): the roster's list,
 * then this phone's own scans in order. A scan the server answered before the roster was asked
 * for is already in the roster's list, or was undone since and no longer counts: the roster is
 * the newer word on it (answeredAt and savedAt are both by the phone's clock).
 */
export function checkedIn(kit, scans) {
  const first = new Map(kit.roster.checkedIn.map(c => [c.participantId, { scannedAt: c.scannedAt }]));
  for (const s of [...scans].sort((a, b) => a.scannedAt.localeCompare(b.scannedAt))) {
    const person = personOf(s);
    const rosterKnows = s.state === 'done' && s.answeredAt && kit.savedAt && s.answeredAt <= kit.savedAt;
    if (person && !first.has(person) && !rosterKnows) {
      if (outcomeOf(s) === 'accepted') {
        first.set(person, { scannedAt: s.scannedAt });
      } else if (s.server?.firstCheckIn) {
        first.set(person, { scannedAt: s.server.firstCheckIn.scannedAt, byName: s.server.firstCheckIn.scannedByName });
      }
    }
  }
  return first;
}

/** A name folded for searching: no diacritics, đ as d, lower case, single spaces. */
export function searchKey(text) {
  return (text ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd')
      .toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Roster people whose name contains every word of the query, best (prefix of a word) first. */
export function searchRoster(people, query, limit = 20) {
  const words = searchKey(query).split(' ').filter(Boolean);
  if (words.length === 0) {
    return [];
  }
  return people
      .map(p => ({ p, key: ' ' + searchKey(p.fullName) }))
      .filter(({ key }) => words.every(w => key.includes(w)))
      .map(({ p, key }) => ({ p, score: words.filter(w => key.includes(' ' + w)).length }))
      .sort((a, b) => b.score - a.score || a.p.fullName.localeCompare(b.p.fullName, 'vi'))
      .slice(0, limit)
      .map(({ p }) => p);
}
