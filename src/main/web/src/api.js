// The registry's HTTP API as the pages use it: bearer tokens kept where the page says (the
// scanner: IndexedDB; the report page: sessionStorage) and refreshed before they expire (or once
// after a 401), problem+json errors as ApiError, and no network as NetworkError, so callers can
// tell "try later" from "refused".
import { language, t } from './i18n.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export class NetworkError extends Error {}

let onLoggedOut = () => {};
let onAnswer = () => {};
let timeouts = false;
let refreshing = null;
let place = null;

/** Where the tokens and the logged-in user are kept: {get, put, remove}, each answering a promise. */
export function keepTokensIn(where) {
  place = where;
}

/** The tokens and user of the login, or undefined/null when logged out. */
export async function currentLogin() {
  return place.get();
}

export function whenLoggedOut(callback) {
  onLoggedOut = callback;
}

/**
 * Whether requests are given up when no answer comes in time (see timeoutMs): the scanner, whose
 * queue must not wait on a request hanging on a weak signal. The report page waits as long as a
 * report takes.
 */
export function giveUpOnHangingRequests(on) {
  timeouts = on;
}

/** Called with every answer from the server and the phone's clock (ms) when it was asked and answered. */
export function whenAnswered(callback) {
  onAnswer = callback;
}

async function send(method, path, body, token, headers = {}, cache = 'default', patienceMs = 0) {
  const init = { method, cache, headers: { Accept: 'application/json', 'Accept-Language': language(), ...headers } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(withSentAt(body));
  }
  if (token) {
    init.headers.Authorization = 'Bearer ' + token;
  }
  // A request on a weak signal can hang with neither an answer nor an error for many minutes;
  // given up after a while it is "no network", and what it carried stays queued for the next try
  // (an upload that reached the server meanwhile is answered the same when resent).
  const abort = new AbortController();
  init.signal = abort.signal;
  const giveUp = bytes => (timeouts ? setTimeout(() => abort.abort(), patienceMs + timeoutMs(bytes)) : null);
  const waiting = giveUp(init.body?.length ?? 0);
  const sentMs = Date.now();
  let res;
  try {
    res = await fetch(path, init);
  } catch (e) {
    throw new NetworkError(e.message);
  } finally {
    clearTimeout(waiting);
  }
  // the body gets its own time, by its size (a roster of hundreds of kB on 2G takes a while); not
  // cleared once read, since it is there to end a body that stops coming (see answer)
  giveUp(Number(res.headers.get('Content-Length')) || 0);
  onAnswer(res, sentMs, Date.now());
  return res;
}

/**
 * A body's sentAt (an upload's: the phone's clock when sending, by which the server measures how
 * far the phone's clock is off and corrects every scan of it) as of now, when the request goes: a
 * body made up before the tokens were refreshed, or sent again after a 401, would otherwise carry
 * a time as old as the refresh took, and its scans be judged that much later than the phone did.
 */
function withSentAt(body) {
  return body !== null && typeof body === 'object' && typeof body.sentAt === 'string'
    ? { ...body, sentAt: new Date().toISOString() } : body;
}

/** How long to wait for bytes to go or come: 20 s, and 1 s more for every 5 kB (a slow 2G link). */
export function timeoutMs(bytes) {
  return 20_000 + Math.ceil(bytes / 5_000) * 1_000;
}

/**
 * A refresh is given a minute more: given up, its answer may be lost after the server spent the
 * refresh token, and that token sent again ends the whole login (the server's reuse detection).
 */
const REFRESH_PATIENCE_MS = 60_000;

/** Runs fn alone among the page's tabs where the browser can (Web Locks), else as it comes. */
function aloneAmongTabs(name, fn) {
  return globalThis.navigator?.locks ? globalThis.navigator.locks.request(name, fn) : fn();
}

async function answer(res) {
  if (res.status === 204 || res.status === 304) {
    return null;
  }
  const type = res.headers.get('Content-Type') || '';
  let data = null;
  try {
    data = type.includes('json') ? await res.json() : null;
  } catch (e) {
    if (e.name === 'AbortError' || e instanceof TypeError) {
      throw new NetworkError(e.message); // the body stopped coming (see send)
    }
    throw e;
  }
  if (!res.ok) {
    throw new ApiError(res.status, data);
  }
  return data;
}

async function saveTokens(tokens) {
  const auth = {
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    expiresAt: Date.now() + tokens.expiresIn * 1000,
    user: tokens.user,
  };
  await place.put(auth);
  return auth;
}

export async function login(username, password) {
  return saveTokens(await answer(await send('POST', '/api/v1/auth/login', { username, password })));
}

/** What to tell a person whose login failed. */
export function loginProblem(e) {
  if (e instanceof NetworkError) {
    return t('needNetwork');
  }
  // too many attempts (when to try again), or a deactivated account (whom to ask): the server says
  if (e instanceof ApiError && (e.status === 429 || e.status === 403)) {
    return e.problem?.detail ?? t('loginFailed');
  }
  // the server busy or down, or something in between answering for it: the password may be right
  if (e instanceof ApiError && (e.status >= 500 || e.problem == null)) {
    return t('serverUnavailable');
  }
  // not the server's answer: the tokens it gave could not be kept (the phone's storage full)
  if (!(e instanceof ApiError)) {
    return t('loginNotKept');
  }
  return t('loginFailed');
}

export async function logout() {
  const auth = await place.get();
  await place.remove();
  if (auth) {
    endLogin(auth).catch(() => {});
  }
}

/**
 * Ends the login on the server (in the background: the phone has forgotten it already). The
 * server ends a login only for a live access token; one that has expired (a phone left idle
 * longer than its lifetime) would end nothing and leave the refresh token live for days, so it
 * is first exchanged with the refresh token for a live one (a refused refresh: the login has
 * ended already).
 */
async function endLogin(auth) {
  let token = auth.accessToken;
  if (auth.expiresAt - Date.now() < 60_000) {
    const res = await send('POST', '/api/v1/auth/refresh', { refreshToken: auth.refreshToken }, undefined, {},
        'default', REFRESH_PATIENCE_MS);
    if (!res.ok) {
      return;
    }
    token = (await answer(res)).accessToken;
  }
  await send('POST', '/api/v1/auth/logout', undefined, token);
}

/**
 * New tokens from the refresh token; a refused refresh logs out (the scanner's queued scans stay).
 * Tokens another tab (or an earlier call) has refreshed meanwhile are taken as they are: a refresh
 * token is spent once used, and sending it again would end the whole login.
 */
async function refresh(auth) {
  refreshing ??= aloneAmongTabs('registry-token-refresh', async () => {
    try {
      const stored = await place.get();
      if (!stored) {
        onLoggedOut();
        throw new ApiError(401, null);
      }
      if (stored.refreshToken !== auth.refreshToken) {
        return stored;
      }
      const res = await send('POST', '/api/v1/auth/refresh', { refreshToken: auth.refreshToken }, undefined, {},
          'default', REFRESH_PATIENCE_MS);
      if (res.status === 401) {
        await place.remove();
        onLoggedOut();
        throw new ApiError(401, null);
      }
      return saveTokens(await answer(res));
    } finally {
      refreshing = null;
    }
  });
  return refreshing;
}

/**
 * An authenticated call; answers the JSON body, or the Response itself with {raw: true}. cache is
 * the fetch cache mode ('no-cache': never an answer the browser kept without asking the server).
 * asUser: sent only with that user's tokens, else a 401 and nothing sent (queued scans go up as
 * the trainer who made them, not as whoever logged in on the phone meanwhile).
 */
export async function call(method, path, { body, headers, raw = false, cache, asUser } = {}) {
  const as = auth => {
    if (asUser && auth.user?.id !== asUser) {
      throw new ApiError(401, null);
    }
    return auth;
  };
  let auth = await place.get();
  if (!auth) {
    onLoggedOut();
    throw new ApiError(401, null);
  }
  if (auth.expiresAt - Date.now() < 60_000) {
    auth = await refresh(auth);
  }
  let res = await send(method, path, body, as(auth).accessToken, headers, cache);
  if (res.status === 401) {
    auth = await refresh(auth);
    res = await send(method, path, body, as(auth).accessToken, headers, cache);
  }
  if (raw) {
    return res;
  }
  return answer(res);
}

export async function readJson(res) {
  return answer(res);
}

/**
 * A download the phone keeps offline, asked for only if changed: null when the copy tagged etag
 * is still current (a 304, no body), else {body, etag}.
 */
export async function getIfChanged(path, etag) {
  const res = await call('GET', path, { raw: true, headers: etag ? { 'If-None-Match': etag } : {} });
  if (res.status === 304) {
    return null;
  }
  return { body: await answer(res), etag: res.headers.get('ETag') };
}

/** Every item of a paginated list (following nextCursor). */
export async function allItems(path) {
  const items = [];
  let cursor = null;
  do {
    const page = await call('GET', path + (cursor ? `${path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}` : ''));
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}
