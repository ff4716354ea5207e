// How long the pages wait for the server before taking it as no network.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { timeoutMs } from '../src/api.js';

test('a request is given up after 20 s, longer for a big upload on a slow link', () => {
  assert.equal(timeoutMs(undefined), 20_000);
  assert.equal(timeoutMs('x'.repeat(250_000)), 70_000);
});
