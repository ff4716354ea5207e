// A batch refused for some of its items costs only those items; the others go up again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitRefused } from '../src/batch.js';

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
