// What the phone forgets: answered scans once old, rosters of sessions long over; never a scan
// the server has not answered. ScannerIT checks the same on the phone's IndexedDB.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ROSTER_RETENTION_DAYS, SCAN_RETENTION_DAYS, rosterExpired, scanExpired } from '../src/prune.js';

const DAY = 86_400_000;
const now = Date.parse('2026-12-06T03:00:00Z');
const ago = days => new Date(now - days * DAY).toISOString();
const scan = (state, days, extra = {}) => ({ clientScanId: 'x', sessionId: 's', state, scannedAt: ago(days), ...extra });

test('an answered scan is forgotten once older than the retention, counted from the answer', () => {
  assert.equal(SCAN_RETENTION_DAYS, 30);
  assert.equal(scanExpired(scan('done', 31, { answeredAt: ago(31) }), now), true);
  assert.equal(scanExpired(scan('done', 29, { answeredAt: ago(29) }), now), false);
  // made long ago, uploaded yesterday: the trainer still sees it in the history for a month
  assert.equal(scanExpired(scan('done', 90, { answeredAt: ago(1) }), now), false);
  // answered before scans kept when: by the time it was made
  assert.equal(scanExpired(scan('done', 31), now), true);
  assert.equal(scanExpired(scan('done', 31, { answeredAt: ago(31) }), now, 60), false);
});

test('a scan the server has not answered is never forgotten, however old', () => {
  for (const days of [31, 365, 10 * 365]) {
    // queued, or sent with no answer yet (the same: it goes up again)
    assert.equal(scanExpired(scan('pending', days), now), false, `pending, ${days} days`);
    assert.equal(scanExpired(scan('pending', days, { answeredAt: ago(days) }), now), false);
    // refused as a request: the server stored nothing, the trainer settles it on paper
    assert.equal(scanExpired(scan('failed', days, { error: 'items[0].qr: is too long' }), now), false);
    // a state not known to this version, or none
    assert.equal(scanExpired(scan(undefined, days), now), false);
    assert.equal(scanExpired(scan('sending', days), now), false);
  }
  assert.equal(scanExpired(scan('pending', 10 * 365), now, 0), false);
  assert.equal(scanExpired(undefined, now), false);
});

test('an answered scan with no readable time, or one from the phone\'s future, is kept', () => {
  assert.equal(scanExpired({ state: 'done' }, now), false);
  assert.equal(scanExpired({ state: 'done', scannedAt: 'yesterday' }, now), false);
  assert.equal(scanExpired(scan('done', -400, { answeredAt: ago(-400) }), now), false);
});

test('a roster is forgotten a few days after its session closed, unless a scan of it waits to be sent', () => {
  assert.equal(ROSTER_RETENTION_DAYS, 3);
  const kit = (sessionId, closedDaysAgo) => ({ sessionId, savedAt: ago(closedDaysAgo + 1),
    roster: { session: { closesAt: ago(closedDaysAgo) } } });
  assert.equal(rosterExpired(kit('a', 4), now), true);
  assert.equal(rosterExpired(kit('a', 2), now), false);
  // today's and tomorrow's sessions
  assert.equal(rosterExpired(kit('a', 0), now), false);
  assert.equal(rosterExpired(kit('a', -1), now), false);
  // the trainer can still open the session and see what waits
  assert.equal(rosterExpired(kit('a', 400), now, new Set(['a'])), false);
  assert.equal(rosterExpired(kit('a', 400), now, new Set(['b'])), true);
  assert.equal(rosterExpired({ sessionId: 'a', roster: { session: {} } }, now), false);
  assert.equal(rosterExpired({ sessionId: 'a' }, now), false);
});
