// Whose a queued scan is when the login ended before it was made: the refused refresh goes
// through api.js with a fake server and token store; the rules are those app.js applies (owner.js).
// That app.js remembers the trainer on every way to the scanning screen is for the browser
// (ScannerIT: app.js runs only in a page, with its DOM, IndexedDB and service worker).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, call, currentLogin, giveUpOnHangingRequests, keepTokensIn, login, whenLoggedOut } from '../src/api.js';
import { scanOwner, sendableBy } from '../src/owner.js';

const json = body => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });

test('a scan made after a refused refresh ended the login stays the trainer\'s, not sent under the next login', async () => {
  let stored = { accessToken: 'a0', refreshToken: 'r0', expiresAt: Date.now() + 30_000, user: { id: 'trainer-a' } };
  keepTokensIn({ get: async () => stored, put: async a => { stored = a; }, remove: async () => { stored = null; } });
  giveUpOnHangingRequests(false); // no timers left running after the test
  let loggedOut = 0;
  whenLoggedOut(() => { loggedOut++; });
  const asked = [];
  globalThis.fetch = async path => {
    asked.push(path);
    if (path === '/api/v1/auth/refresh') {
      // the account was deactivated, or the refresh token had expired
      return new Response(null, { status: 401 });
    }
    if (path === '/api/v1/auth/login') {
      return json({ accessToken: 'b0', refreshToken: 'rb', expiresIn: 3600, user: { id: 'trainer-b' } });
    }
    return json({ items: [] });
  };

  // the trainer's sessions are shown while they are logged in
  const shown = scanOwner(await currentLogin(), null);
  assert.equal(shown, 'trainer-a');
  // the access token is due within the minute: the refresh is refused, and the login ends
  await assert.rejects(call('GET', '/api/v1/me/sessions'), e => e instanceof ApiError && e.status === 401);
  assert.deepEqual(asked, ['/api/v1/auth/refresh'], 'nothing sent with the old token');
  assert.equal(await currentLogin(), null);
  assert.equal(loggedOut, 1);

  // a scan made now, still on the scanning screen, is the trainer's
  const scan = { clientScanId: 'c1', state: 'pending', userId: scanOwner(await currentLogin(), shown) };
  assert.equal(scan.userId, 'trainer-a');
  // without the trainer remembered, it would name nobody, and go with whoever logs in next
  assert.equal(scanOwner(await currentLogin(), null), null);
  assert.equal(sendableBy([{ ...scan, userId: null }], 'trainer-b').length, 1);

  // a colleague logs in on the phone: the scan is not theirs to send
  await login('colleague', 'a long password');
  assert.equal((await currentLogin()).user.id, 'trainer-b');
  assert.equal(scanOwner(await currentLogin(), shown), 'trainer-a',
      'a window still showing the first trainer\'s session scans as theirs, whoever logged in elsewhere');
  const shownToColleague = scanOwner(await currentLogin(), null); // their sessions shown, as app.js remembers
  assert.equal(scanOwner(await currentLogin(), shownToColleague), 'trainer-b', 'their own scans are theirs');
  assert.deepEqual(sendableBy([scan], (await currentLogin()).user.id), []);
  // the trainer logs in again: it goes up, as theirs; with nobody logged in, nothing goes up
  assert.deepEqual(sendableBy([scan], 'trainer-a'), [scan]);
  assert.deepEqual(sendableBy([scan], null), []);
});
