// A batch refused for some of its items costs only those items; the others go up again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../src/api.js';
import { refusedWalkIn, splitRefused } from '../src/batch.js';
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
