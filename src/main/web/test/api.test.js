// How long the pages wait for the server before taking it as no network.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, call, getIfChanged, giveUpOnHangingRequests, keepTokensIn, login, loginProblem, logout, timeoutMs } from '../src/api.js';

test('a request is given up after 20 s, longer for a big upload or answer on a slow link', () => {
  assert.equal(timeoutMs(0), 20_000);
  assert.equal(timeoutMs(250_000), 70_000);
});

test('tokens another tab refreshed meanwhile are used, not refreshed again with a spent refresh token', async () => {
  let stored = { accessToken: 'a0', refreshToken: 'r0', expiresAt: Date.now() + 3_600_000, user: {} };
  keepTokensIn({ get: async () => stored, put: async a => { stored = a; }, remove: async () => { stored = null; } });
  giveUpOnHangingRequests(false); // no timers left running after the test
  const asked = [];
  globalThis.fetch = async (path, init) => {
    asked.push(`${path} ${init.headers.Authorization ?? ''}`);
    if (path === '/api/v1/x' && init.headers.Authorization === 'Bearer a0') {
      // meanwhile another tab refreshed: a0 and r0 are spent, a1 and r1 stored
      stored = { accessToken: 'a1', refreshToken: 'r1', expiresAt: Date.now() + 3_600_000, user: {} };
      return new Response(null, { status: 401 });
    }
    return new Response(JSON.stringify({ ok: true }), { status: 200, headers: { 'Content-Type': 'application/json' } });
  };
  assert.deepEqual(await call('GET', '/api/v1/x'), { ok: true });
  assert.deepEqual(asked, ['/api/v1/x Bearer a0', '/api/v1/x Bearer a1'], 'no refresh sent');
});

test('a deactivated account is told so at login, a wrong password only that the login failed', () => {
  const deactivated = new ApiError(403, { code: 'account_deactivated', detail: 'Tài khoản này đã bị quản trị viên vô hiệu hoá.' });
  assert.equal(loginProblem(deactivated), 'Tài khoản này đã bị quản trị viên vô hiệu hoá.');
  const wrong = new ApiError(401, { code: 'invalid_credentials', detail: 'words of the server' });
  assert.notEqual(loginProblem(wrong), wrong.problem.detail);
});

test('a kept download is asked for with its tag, and a 304 leaves the copy as it is', async () => {
  const stored = { accessToken: 'a0', refreshToken: 'r0', expiresAt: Date.now() + 3_600_000, user: {} };
  keepTokensIn({ get: async () => stored, put: async () => {}, remove: async () => {} });
  giveUpOnHangingRequests(false);
  const sent = [];
  globalThis.fetch = async (path, init) => {
    sent.push(init.headers['If-None-Match'] ?? null);
    return init.headers['If-None-Match'] === '"v1"' ? new Response(null, { status: 304 })
      : new Response(JSON.stringify({ people: 3 }),
          { status: 200, headers: { 'Content-Type': 'application/json', ETag: '"v1"' } });
  };
  assert.deepEqual(await getIfChanged('/api/v1/sessions/s/roster', null), { body: { people: 3 }, etag: '"v1"' });
  assert.equal(await getIfChanged('/api/v1/sessions/s/roster', '"v1"'), null);
  assert.deepEqual(await getIfChanged('/api/v1/sessions/s/roster', '"v0"'), { body: { people: 3 }, etag: '"v1"' });
  assert.deepEqual(sent, [null, '"v1"', '"v0"']);
});

test('a call made as one user is not sent with another user\'s tokens, refreshed in another window or not', async () => {
  let reads = 0;
  const a = { accessToken: 'a0', refreshToken: 'ra', expiresAt: Date.now() + 30_000, user: { id: 'trainer-a' } };
  const b = { accessToken: 'b0', refreshToken: 'rb', expiresAt: Date.now() + 3_600_000, user: { id: 'trainer-b' } };
  // the call reads A's tokens, due within the minute; by the time the refresh reads them, B has logged in
  keepTokensIn({ get: async () => (reads++ === 0 ? a : b), put: async () => {}, remove: async () => {} });
  giveUpOnHangingRequests(false);
  const sent = [];
  globalThis.fetch = async (path, init) => {
    sent.push(`${path} ${init.headers.Authorization ?? ''}`);
    return new Response(JSON.stringify({ items: [] }), { status: 200, headers: { 'Content-Type': 'application/json' } });
  };
  await assert.rejects(call('POST', '/api/v1/check-ins/batch', { body: { items: [] }, asUser: 'trainer-a' }),
      e => e instanceof ApiError && e.status === 401);
  assert.deepEqual(sent, [], 'nothing sent under the other trainer\'s login');
  reads = 1; // B logged in from the start
  await assert.rejects(call('POST', '/api/v1/check-ins/batch', { body: { items: [] }, asUser: 'trainer-a' }));
  assert.deepEqual(sent, []);
  assert.deepEqual(await call('GET', '/api/v1/me/sessions', { asUser: 'trainer-b' }), { items: [] });
});

test('a batch sent after its tokens were refreshed carries the phone\'s clock when it went, not when it was made up', async () => {
  // the access token is due: the upload refreshes it first, over a slow link (here 1.5 s)
  let stored = { accessToken: 'a0', refreshToken: 'r0', expiresAt: Date.now() + 10_000, user: { id: 'trainer' } };
  keepTokensIn({ get: async () => stored, put: async a => { stored = a; }, remove: async () => { stored = null; } });
  giveUpOnHangingRequests(false);
  const sent = [];
  globalThis.fetch = async (path, init) => {
    if (path === '/api/v1/auth/refresh') {
      await new Promise(resolve => setTimeout(resolve, 1500));
      return new Response(JSON.stringify({ accessToken: 'a1', refreshToken: 'r1', expiresIn: 900, user: { id: 'trainer' } }),
          { status: 200, headers: { 'Content-Type': 'application/json' } });
    }
    sent.push({ at: Date.now(), body: JSON.parse(init.body) });
    return new Response(JSON.stringify({ items: [] }), { status: 200, headers: { 'Content-Type': 'application/json' } });
  };
  await call('POST', '/api/v1/check-ins/batch', { body: { sentAt: new Date().toISOString(), items: [] }, asUser: 'trainer' });
  assert.equal(sent.length, 1);
  // the server takes sentAt minus its own clock for how far the phone is off, and judges every
  // scan of the batch by it: 1.5 s stale, it judges them 1.5 s later than the phone did
  const stale = sent[0].at - Date.parse(sent[0].body.sentAt);
  assert.ok(stale < 200, `sentAt ${stale} ms older than the request`);
});

test('a login that failed for another reason than the name or password does not say they are wrong', async () => {
  const wrongPassword = loginProblem(new ApiError(401, { code: 'invalid_credentials' }));
  // the server busy or down (its 503, or a proxy's 502 with no problem body)
  assert.notEqual(loginProblem(new ApiError(503, { code: 'busy', detail: 'busy' })), wrongPassword);
  assert.notEqual(loginProblem(new ApiError(502, null)), wrongPassword);
  // the phone's storage full: the tokens the server gave cannot be kept
  keepTokensIn({ get: async () => null, put: async () => { throw new DOMException('full', 'QuotaExceededError'); },
    remove: async () => {} });
  giveUpOnHangingRequests(false);
  globalThis.fetch = async () => new Response(JSON.stringify({ accessToken: 'a', refreshToken: 'r', expiresIn: 900, user: {} }),
      { status: 200, headers: { 'Content-Type': 'application/json' } });
  const error = await login('trainer', 'right password').then(() => null, e => e);
  assert.ok(error, 'the login cannot be kept');
  assert.notEqual(loginProblem(error), wrongPassword);
});

test('logging out after the access token expired still ends the login on the server, its refresh token too', async () => {
  // the phone sat idle past the access token's lifetime (the refresh token lives for days)
  let stored = { accessToken: 'a0', refreshToken: 'r0', expiresAt: Date.now() - 60_000, user: { id: 'trainer' } };
  keepTokensIn({ get: async () => stored, put: async a => { stored = a; }, remove: async () => { stored = null; } });
  giveUpOnHangingRequests(false);
  const live = new Set(['r0']); // what the server would still honour
  const sent = [];
  globalThis.fetch = async (path, init) => {
    sent.push(`${path} ${init.headers.Authorization ?? ''}`);
    if (path === '/api/v1/auth/refresh') {
      const { refreshToken } = JSON.parse(init.body);
      if (!live.delete(refreshToken)) {
        return new Response(null, { status: 401 });
      }
      live.add('r1');
      return new Response(JSON.stringify({ accessToken: 'a1', refreshToken: 'r1', expiresIn: 3600, user: { id: 'trainer' } }),
          { status: 200, headers: { 'Content-Type': 'application/json' } });
    }
    if (path === '/api/v1/auth/logout') {
      if (init.headers.Authorization !== 'Bearer a1') {
        return new Response(null, { status: 401 }); // an expired access token ends nothing
      }
      live.clear();
      return new Response(null, { status: 204 });
    }
    return new Response(null, { status: 404 });
  };
  await logout();
  assert.equal(stored, null, 'forgotten on the phone at once');
  await new Promise(resolve => setTimeout(resolve, 50)); // the server is told in the background
  assert.deepEqual([...live], [], `no token of the login left live on the server (sent: ${sent.join(', ')})`);
});
