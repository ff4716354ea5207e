// What the phone keeps of a batch the server answered or refused: a refusal costs only the items it names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../src/api.js';
import { answeredScan, answeredWalkIn, refusedByServer, refusedWalkIn, splitRefused } from '../src/batch.js';
import { scanExpired } from '../src/prune.js';
import { outcomeOf } from '../src/verify.js';

const scans = ['a', 'b', 'c', 'd'].map(clientScanId => ({ clientScanId }));

test('only the items the errors name fail; the others are sent again', () => {
  const problem = { status: 400, errors: [
    { field: 'items[1].scannedAt', message: 'is not a time' },
    { field: 'items[3].clientScanId', message: 'is required' },
    { field: 'items[1].method', message: 'must be one of: qr, manual, walk_in' },
  ] };
  const { failed, resend } = splitRefused(scans, problem, 'refused');
  assert.deepEqual(failed.map(f => f.item.clientScanId), ['b', 'd']);
  assert.equal(failed[0].reason, 'items[1].scannedAt: is not a time; items[1].method: must be one of: qr, manual, walk_in');
  assert.deepEqual(resend.map(s => s.clientScanId), ['a', 'c']);
});

test('a problem that names no item of the batch fails the whole batch', () => {
  for (const problem of [undefined, { status: 413 }, { errors: [{ field: 'items', message: 'too many' }] },
    { errors: [{ field: 'items[9].qr', message: 'is too long' }] }]) {
    const { failed, resend } = splitRefused(scans, problem, 'refused');
    assert.deepEqual(failed.map(f => f.reason), ['refused', 'refused', 'refused', 'refused']);
    assert.deepEqual(resend, []);
  }
});

test('a walk-in refused because the session was not open comes to that outcome, as the phone said offline', () => {
  // judged offline outside the window: the phone showed session_not_open and queued it
  const walkIn = { clientScanId: 'w', kind: 'walk_in', state: 'pending', server: null,
    participant: { fullName: 'Hà Thị Mai', sex: 'female' }, local: { outcome: 'session_not_open', participantId: null } };
  const notOpen = new ApiError(409, { status: 409, code: 'session_not_open', detail: 'Buổi học không mở điểm danh vào thời điểm đó' });
  const answered = refusedWalkIn(walkIn, notOpen, '2026-12-06T03:00:00.000Z');
  assert.equal(answered.state, 'done');
  assert.equal(outcomeOf(answered), outcomeOf(walkIn));
  assert.equal(outcomeOf(answered), 'session_not_open');
  assert.equal(answered.answeredAt, '2026-12-06T03:00:00.000Z');
  // refusals the phone cannot know of offline fail it, with the server's words
  for (const code of ['capacity_reached', 'course_closed']) {
    const refused = refusedWalkIn(walkIn, new ApiError(409, { status: 409, code, detail: `refused: ${code}` }), 'now');
    assert.equal(outcomeOf(refused), 'failed');
    assert.equal(refused.error, `refused: ${code}`);
  }
  assert.equal(outcomeOf(refusedWalkIn(walkIn, new ApiError(400, { status: 400, code: 'invalid' }), 'now')), 'failed');
});

test('an answered scan no longer holds the card, and one the server did not store (unknown_session) is kept as failed', () => {
  const queued = { clientScanId: 'c1', kind: 'scan', sessionId: 's', state: 'pending', userId: 'trainer-a',
    qr: 'eyJhbGciOiJFZERTQSJ9.card.sig', method: 'qr', scannedAt: '2026-12-06T01:00:00Z', local: { outcome: 'accepted' } };
  const done = answeredScan(queued, { clientScanId: 'c1', outcome: 'accepted', checkIn: { id: 'k' } },
      '2026-12-06T02:00:00Z', 'reassign');
  assert.equal(done.state, 'done');
  assert.equal('qr' in done, false, 'the card\'s text opens its holder\'s public page');
  assert.equal(done.server.outcome, 'accepted');

  const notStored = answeredScan(queued, { clientScanId: 'c1', outcome: 'unknown_session', checkIn: null },
      '2026-12-06T02:00:00Z', 'You are no longer assigned to this session.');
  assert.equal(notStored.state, 'failed');
  assert.equal(notStored.error, 'You are no longer assigned to this session.');
  assert.equal(outcomeOf(notStored), 'failed');
  assert.equal(scanExpired(notStored, Date.parse('2027-06-01T00:00:00Z')), false, 'the only record of it stays');
});

test('a registered walk-in keeps the name and unit it shows, not the phone, birth year and consent typed in', () => {
  const queued = { clientScanId: 'w1', kind: 'walk_in', state: 'pending', courseId: 'c', sessionId: 's',
    participant: { fullName: 'Lý Thị Phượng', sex: 'female', birthYear: 1988, phone: '0912345678', unitCode: '01834',
      consent: { method: 'verbal', coversSensitiveData: false } } };
  const done = answeredWalkIn(queued, { outcome: 'accepted', participant: { id: 'p' } }, '2026-12-06T02:00:00Z');
  assert.deepEqual(done.participant, { fullName: 'Lý Thị Phượng', unitCode: '01834' });
  assert.equal(done.state, 'done');
  assert.equal(done.server.participant.id, 'p');
});

test('a walk-in the server refused as session_not_open keeps, answered, only the name and unit it shows', () => {
  const queued = { clientScanId: 'w2', kind: 'walk_in', state: 'pending', courseId: 'c', sessionId: 's',
    participant: { fullName: 'Lý Thị Phượng', sex: 'female', birthYear: 1988, phone: '0912345678', unitCode: '01834',
      consent: { method: 'verbal', coversSensitiveData: true } }, local: { outcome: 'session_not_open' } };
  const notOpen = new ApiError(409, { status: 409, code: 'session_not_open', detail: 'not open' });
  const done = refusedWalkIn(queued, notOpen, '2026-12-06T02:00:00Z');
  assert.equal(done.state, 'done');
  assert.deepEqual(done.participant, { fullName: 'Lý Thị Phượng', unitCode: '01834' },
      'answered, it is kept 30 days on a shared phone: not the phone number, birth year and consent');
  // a failed one keeps what was typed in, for the trainer to settle on the paper sheet
  const failed = refusedWalkIn(queued, new ApiError(409, { status: 409, code: 'capacity_reached', detail: 'full' }), 'now');
  assert.equal(failed.participant.phone, '0912345678');
});

test('only the server\'s own refusal fails queued scans; a proxy\'s or Wi-Fi login page\'s 4xx leaves them queued', () => {
  const problem = { status: 400, code: 'invalid', detail: 'bad' };
  assert.equal(refusedByServer(new ApiError(400, problem)), true);
  assert.equal(refusedByServer(new ApiError(404, { ...problem, status: 404, code: 'not_found' })), true);
  assert.equal(refusedByServer(new ApiError(403, null)), false, 'an HTML page from something in between');
  assert.equal(refusedByServer(new ApiError(408, problem)), false);
  assert.equal(refusedByServer(new ApiError(429, problem)), false);
  assert.equal(refusedByServer(new ApiError(401, problem)), false);
  assert.equal(refusedByServer(new ApiError(503, problem)), false);
  assert.equal(refusedByServer(new Error('offline')), false);
});
