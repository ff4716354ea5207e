// The scanner's screens: log in, pick today's session (its offline kit is downloaded then),
// scan cards or check people in by name, register walk-ins. Every scan is judged on the phone
// at once, queued in IndexedDB and uploaded in batches whenever the network allows; the
// server's answer then replaces the phone's.
import * as store from './store.js';
import * as api from './api.js';
import { ApiError, NetworkError } from './api.js';
import { t, addStrings, setLanguage, language, translatePage } from './i18n.js';
import { SCANNER } from './strings.js';
import { $, element, focusScreen } from './dom.js';
import { unitsBelow } from './units.js';
import { loginForm } from './login.js';
import { checkedIn, judge, judgedAt, outcomeOf, personOf, phoneAhead, searchRoster, sessionAccepts, vietnamDate } from './verify.js';
import { answeredScan, answeredWalkIn, refusedByServer, refusedWalkIn, splitRefused } from './batch.js';
import { scanOwner, sendableBy } from './owner.js';
import { Camera } from './camera.js';

const BATCH = 500;
const ROSTER_REFRESH_MS = 60_000;
const ICONS = {
  accepted: '✓', already_checked_in: '↺', not_enrolled: '?', session_not_open: '⏱',
  invalid_card: '✗', revoked_card: '✗', unknown_session: '✗', walk_in_pending: '…', failed: '✗', not_saved: '✗',
};

const state = {
  screen: null,
  kit: null, // {sessionId, roster, etag, savedAt} of the open session
  keys: null,
  // the digests of the province's revoked cards ({etag, provinceCode, revokedCardDigests}): a revoked
  // card of someone not on a roster is refused offline as the server refuses it (verify.js
  // revocationDigest; the list names no one)
  revoked: null,
  units: null, // the province's units (see unitsBelow)
  deviceId: null,
  shown: null, // clientScanId of the scan in the result panel
  uploading: false,
  camera: null,
  // how far this phone's clock is ahead of the server's (ms), as last measured; the server corrects
  // uploaded scans by the same (a batch's sentAt), so the phone judges by the corrected time too
  phoneAheadMs: 0,
  // the trainer whose sessions are shown, kept should their login end while they scan (a refused
  // refresh): their scans stay theirs, not sent later under whoever logs in next
  userId: null,
};

function show(screen) {
  // at start-up nothing had the focus: none is taken
  const moved = state.screen !== null && state.screen !== screen;
  state.screen = screen;
  for (const name of ['login', 'sessions', 'scan']) {
    $(`${name}-screen`).hidden = name !== screen;
  }
  if (moved) {
    focusScreen($(`${screen}-screen`));
  }
  if (screen !== 'scan') {
    state.camera?.stop();
  }
  renderPending();
}

function online() {
  return navigator.onLine;
}

/** Now by the server's clock, as far as the phone knows it (its own clock corrected, see phoneAhead). */
function serverNow() {
  return Date.now() - state.phoneAheadMs;
}

function time(iso) {
  return new Intl.DateTimeFormat(language(), { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Ho_Chi_Minh' })
      .format(new Date(iso));
}

/** 2026-12-07 as 07/12, as dates are written in Vietnam. */
function dayMonth(isoDate) {
  return `${isoDate.slice(8, 10)}/${isoDate.slice(5, 7)}`;
}

function unitName(code) {
  return code ? (state.units?.names?.[code] ?? code) : '';
}

// ---- status bar ----

function renderNetwork() {
  const chip = $('network');
  chip.textContent = t(online() ? 'online' : 'offline');
  chip.className = 'chip ' + (online() ? 'ok' : 'off');
}

/** The queued scans the logged-in user may send: their own (see owner.js). */
async function sendable(me) {
  return me ? sendableBy(await store.pendingScans(), me) : [];
}

async function loggedInUserId() {
  return (await api.currentLogin())?.user?.id;
}

async function renderPending() {
  const queued = await store.pendingScans();
  const me = await loggedInUserId();
  const n = me ? sendableBy(queued, me).length : 0;
  // another trainer's scans go up only at their next login here: said, so that the phone is not
  // handed on, or reset, as if nothing were waiting (the login screen shows it too)
  const others = queued.length - n;
  const othersChip = $('others-pending');
  othersChip.textContent = t('othersPending', { n: others });
  othersChip.dataset.count = String(others);
  othersChip.hidden = others === 0;
  const chip = $('pending');
  chip.textContent = state.uploading ? t('sending') : t('pending', { n });
  chip.className = 'chip' + (n > 0 ? ' waiting' : '');
  chip.dataset.count = String(n);
  $('send-now').hidden = n === 0 || !online() || state.uploading;
}

// ---- sessions and their offline kit ----

/** Who is scanning: the login's user, or the one whose sessions are shown if the login has ended. */
async function scanningUserId() {
  return scanOwner(await api.currentLogin(), state.userId);
}

/**
 * Remembers whose sessions are shown, on every way to them (the list, a session, the app started
 * again on the session it was on): a login that ends afterwards, unseen by this window, leaves
 * the scans made here that trainer's. Kept as it was when no login is known any more.
 */
async function rememberUser() {
  state.userId = (await api.currentLogin())?.user?.id ?? state.userId;
}

async function showSessions() {
  await rememberUser();
  show('sessions');
  await renderSessions();
  if (!online()) {
    return;
  }
  $('sessions-message').textContent = '';
  try {
    // today's and tomorrow's (Vietnam's days): a trainer going to a commune with no signal
    // saves the kit the evening before
    const days = [0, 1].map(n => vietnamDate(serverNow() + n * 86_400_000));
    const lists = await Promise.all(days.map(day => api.call('GET', `/api/v1/me/sessions?date=${day}`)));
    const sessions = lists.flatMap(list => list.items);
    // whose list it is: a colleague logging in on the phone after this login ended unseen (a
    // refused refresh, no logout) is not offered these sessions when their own list cannot come
    await store.put('sessions', { userId: await loggedInUserId(), items: sessions });
    await renderSessions();
    await downloadKit(sessions);
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) {
      $('sessions-message').textContent = e instanceof NetworkError ? t('networkError') : e.message;
    }
  }
}

/** The sessions last listed for the user logged in (a list saved before lists named their user: as it is). */
async function savedSessions() {
  const saved = await store.get('sessions');
  if (Array.isArray(saved)) {
    return saved;
  }
  return saved && saved.userId === (await loggedInUserId() ?? state.userId) ? saved.items : [];
}

async function renderSessions() {
  const sessions = await savedSessions();
  const list = $('sessions');
  list.replaceChildren();
  if (sessions.length === 0) {
    list.append(element('li', { className: 'empty', textContent: t('sessionsNone') }));
    return;
  }
  const today = vietnamDate(serverNow());
  for (const s of sessions) {
    const kit = await store.roster(s.id);
    const saved = kit ? t('sessionSaved', { n: kit.roster.participants.length }) : t('sessionNotSaved');
    const day = s.date && s.date !== today ? `${t('sessionsDate')} ${dayMonth(s.date)} · ` : '';
    const button = element('button', { type: 'button', className: 'session', disabled: !kit },
        element('strong', { textContent: s.courseTitle }),
        element('span', { textContent: `${day}${s.startTime}–${s.endTime}${s.venue ? ' · ' + s.venue : ''}` }),
        element('span', { className: kit ? 'saved' : 'unsaved', textContent: saved }));
    button.dataset.session = s.id;
    button.addEventListener('click', () => openSession(s.id));
    list.append(element('li', {}, button));
  }
}

/** Keys, unit names and the rosters of the listed sessions: all the phone needs with no network. */
async function downloadKit(sessions) {
  const auth = await api.currentLogin();
  const province = auth.user.provinceCode;
  // the key set may be kept 5 minutes by browsers (max-age): a kit must have the keys of now, or
  // cards signed with a key rotated in meanwhile would be invalid offline (and retired ones valid)
  state.keys = await api.call('GET', `/api/v1/keys?province=${encodeURIComponent(province)}`, { cache: 'no-cache' });
  await store.put('keys', state.keys);
  await downloadRevoked(province);
  if (state.units?.root !== province) {
    state.units = await unitsBelow(province);
    await store.put('units', state.units);
  }
  for (const s of sessions) {
    await downloadRoster(s.id);
  }
  await renderSessions();
}

/** The digests of the province's revoked cards (a 304 when the phone has them already). */
async function downloadRevoked(province) {
  const saved = state.revoked?.provinceCode === province ? state.revoked : null;
  const changed = await api.getIfChanged('/api/v1/cards/revoked', saved?.etag);
  if (!changed) {
    return;
  }
  state.revoked = { etag: changed.etag, provinceCode: changed.body.provinceCode,
    revokedCardDigests: changed.body.revokedCardDigests };
  await store.put('revokedCardDigests', state.revoked);
}

async function downloadRoster(sessionId) {
  const kit = await store.roster(sessionId);
  // when it was asked for: it knows every scan answered before (see verify.js checkedIn)
  const savedAt = new Date().toISOString();
  const changed = await api.getIfChanged(`/api/v1/sessions/${sessionId}/roster`, kit?.etag);
  const fresh = changed ? { sessionId, roster: changed.body, etag: changed.etag, savedAt } : { ...kit, savedAt };
  await store.putRoster(fresh);
  if (state.kit?.sessionId === sessionId) {
    state.kit = fresh;
  }
  return fresh;
}

// ---- the scanning screen ----

async function openSession(sessionId) {
  await rememberUser();
  state.kit = await store.roster(sessionId);
  state.keys ??= await store.get('keys');
  if (!state.kit) {
    return showSessions();
  }
  await store.put('currentSession', sessionId);
  renderSessionHead(); // before the screen shows: its title is what the focus says
  show('scan');
  state.shown = null;
  renderResult(null);
  fillUnits();
  await renderHistory();
  await startCamera();
  if (online()) {
    refreshRoster();
  }
}

function renderSessionHead() {
  const s = state.kit.roster.session;
  $('session-title').textContent = s.courseTitle;
  $('session-info').textContent = `${s.startTime}–${s.endTime}${s.venue ? ' · ' + s.venue : ''} · `
      + t('sessionWindow', { from: time(s.opensAt), to: time(s.closesAt) });
  // a roster saved on another day says so: the trainer should know it may be out of date
  const saved = state.kit.savedAt;
  const savedOn = vietnamDate(Date.parse(saved));
  const day = savedOn === vietnamDate(serverNow()) ? '' : ' ' + dayMonth(savedOn);
  $('roster-updated').textContent = t('rosterUpdated', { time: time(saved) + day });
}

async function refreshRoster() {
  try {
    await downloadRoster(state.kit.sessionId);
    renderSessionHead();
  } catch (e) {
    // keep working from the saved roster
  }
}

async function startCamera() {
  state.camera ??= new Camera($('video'), text => record({ qr: text, method: 'qr' }));
  try {
    await state.camera.start();
    $('camera-message').textContent = t('cameraHint');
  } catch (e) {
    $('camera-message').textContent = t('cameraDenied');
  }
  renderCameraToggle();
}

function renderCameraToggle() {
  $('camera-toggle').textContent = t(state.camera?.running ? 'cameraStop' : 'cameraStart');
}

async function toggleCamera() {
  if (state.camera?.running) {
    state.camera.stop();
    renderCameraToggle();
  } else {
    await startCamera();
  }
}

function rosterPerson(id) {
  return state.kit.roster.participants.find(p => p.id === id);
}

/** Who is checked in at the open session (see verify.js checkedIn). */
function attended(scans) {
  return checkedIn(state.kit, scans);
}

/** Judges a scan on the phone, shows it, queues it, and tries to upload at once. */
async function record({ qr = null, participantId = null, method }) {
  const kit = state.kit;
  const scan = {
    clientScanId: crypto.randomUUID(),
    kind: 'scan',
    sessionId: kit.sessionId,
    courseId: kit.roster.session.courseId,
    qr,
    participantId,
    method,
    scannedAt: new Date().toISOString(),
    deviceId: state.deviceId,
    userId: await scanningUserId(),
    state: 'pending',
    server: null,
  };
  scan.local = await judge(scan, { roster: kit.roster, keys: state.keys, phoneAheadMs: state.phoneAheadMs,
    revokedCardDigests: state.revoked?.revokedCardDigests, attended: attended(await store.scansOf(kit.sessionId)) });
  if (!(await kept(scan))) {
    return;
  }
  await shown(scan);
  navigator.vibrate?.(scan.local.outcome === 'accepted' ? 80 : [60, 60, 60]);
  upload();
}

async function recordWalkIn(participant) {
  const kit = state.kit;
  const scannedAt = new Date().toISOString();
  const scan = {
    clientScanId: crypto.randomUUID(),
    kind: 'walk_in',
    sessionId: kit.sessionId,
    courseId: kit.roster.session.courseId,
    method: 'walk_in',
    participant,
    scannedAt,
    deviceId: state.deviceId,
    userId: await scanningUserId(),
    state: 'pending',
    server: null,
    local: {
      outcome: sessionAccepts(kit.roster, judgedAt(scannedAt, state.phoneAheadMs)) ? 'walk_in_pending' : 'session_not_open',
      participantId: null,
    },
  };
  if (!(await kept(scan))) {
    return;
  }
  await shown(scan);
  upload();
}

/**
 * Stores a new scan on the phone; if the phone cannot keep it (storage full, or refused), the
 * trainer is told at once that it was not recorded, instead of the scan being lost unseen.
 */
async function kept(scan) {
  try {
    await store.addScan(scan);
    return true;
  } catch (e) {
    state.shown = null;
    renderResult({ ...scan, state: 'unsaved' });
    navigator.vibrate?.([200, 100, 200]);
    return false;
  }
}

async function shown(scan) {
  state.shown = scan.clientScanId;
  renderResult(scan);
  await renderHistory();
  await renderPending();
}

function describe(scan) {
  const outcome = outcomeOf(scan);
  const id = personOf(scan);
  const known = scan.server?.participant ?? rosterPerson(id) ?? scan.participant ?? null;
  let name = known?.fullName;
  if (!name) {
    name = outcome === 'not_enrolled' ? t('notInRoster') : t('unknownPerson');
  }
  return { outcome, name, unit: unitName(known?.unitCode) };
}

function explanation(scan, outcome) {
  if (outcome === 'already_checked_in') {
    const first = scan.server?.firstCheckIn ?? scan.local.first;
    const by = first?.scannedByName ?? first?.byName;
    return t('explain.already_checked_in', {
      time: first ? time(first.scannedAt) : '',
      by: by ? t('explain.already_checked_in.by', { name: by }) : '',
    });
  }
  if (outcome === 'session_not_open') {
    const s = state.kit.roster.session;
    return t('explain.session_not_open', { from: time(s.opensAt), to: time(s.closesAt) });
  }
  if (outcome === 'failed') {
    return scan.error ?? '';
  }
  return t('explain.' + outcome);
}

function renderResult(scan) {
  const panel = $('result');
  const actions = $('result-actions');
  actions.replaceChildren();
  if (!scan) {
    panel.className = 'result idle';
    $('result-outcome').textContent = t('readyTitle');
    $('result-name').textContent = '';
    $('result-unit').textContent = '';
    $('result-explain').textContent = t('readyText');
    $('result-note').textContent = '';
    return;
  }
  const { outcome, name, unit } = describe(scan);
  panel.className = `result outcome-${outcome}`;
  panel.dataset.outcome = outcome;
  panel.dataset.state = scan.state;
  $('result-outcome').textContent = `${ICONS[outcome] ?? ''} ${t('outcome.' + outcome)}`;
  $('result-name').textContent = name;
  $('result-unit').textContent = unit;
  $('result-explain').textContent = explanation(scan, outcome);
  $('result-note').textContent = scan.state === 'pending' ? t('localNote') : scan.state === 'done' ? t('serverNote') : '';
  if (outcome === 'not_enrolled') {
    actions.append(actionButton('walkInAction', openWalkIn));
  } else if (outcome === 'invalid_card' || outcome === 'revoked_card') {
    actions.append(actionButton('searchAction', openSearch));
  }
}

function actionButton(key, handler) {
  const button = element('button', { type: 'button', textContent: t(key) });
  button.addEventListener('click', handler);
  return button;
}

async function renderHistory() {
  if (!state.kit) {
    return;
  }
  const scans = (await store.scansOf(state.kit.sessionId)).sort((a, b) => b.scannedAt.localeCompare(a.scannedAt));
  const list = $('history');
  list.replaceChildren();
  if (scans.length === 0) {
    list.append(element('li', { className: 'empty', textContent: t('historyNone') }));
  }
  // the latest 30, and every scan the server refused however many came after it: nothing else on
  // the phone names it, and the trainer must put that person on the paper sheet
  for (const scan of scans.filter((s, i) => i < 30 || s.state === 'failed')) {
    const { outcome, name } = describe(scan);
    const where = scan.state === 'pending' ? t('stateLocal')
        : scan.state === 'failed' ? t('stateFailed', { reason: scan.error ?? '' }) : t('stateServer');
    const item = element('li', { className: `scan outcome-${outcome}` },
        element('strong', { textContent: name }),
        element('span', { textContent: `${t('outcome.' + outcome)} · ${time(scan.scannedAt)}` }),
        element('span', { className: 'where', textContent: where }));
    item.dataset.outcome = outcome;
    item.dataset.state = scan.state;
    list.append(item);
  }
}

// ---- upload ----

function batchItem(scan) {
  return {
    sessionId: scan.sessionId, clientScanId: scan.clientScanId, qr: scan.qr, participantId: scan.participantId,
    method: scan.method, scannedAt: scan.scannedAt, deviceId: scan.deviceId,
  };
}

/** Sends what is queued: scans in batches, then walk-ins one by one. Stops quietly without network. */
async function upload() {
  const owner = await loggedInUserId();
  if (state.uploading || !owner) {
    return;
  }
  // every request goes as the owner of these scans, or not at all (another trainer logged in meanwhile)
  const pending = await sendable(owner);
  if (pending.length === 0) {
    return;
  }
  state.uploading = true;
  await renderPending();
  let sent = 0;
  try {
    const scans = pending.filter(s => s.kind === 'scan');
    for (let i = 0; i < scans.length; i += BATCH) {
      const chunk = scans.slice(i, i + BATCH);
      // a refusal that names some items fails those only; the rest of the chunk goes up again
      let unsent = chunk;
      while (unsent.length > 0) {
        try {
          const reply = await api.call('POST', '/api/v1/check-ins/batch',
              { body: { sentAt: new Date().toISOString(), items: unsent.map(batchItem) }, asUser: owner });
          const answeredAt = new Date().toISOString();
          await Promise.all(unsent.map((s, j) => store.putScan(
              answeredScan(s, reply.items[j], answeredAt, t('explain.unknown_session')))));
          unsent = [];
        } catch (e) {
          if (!refusedByServer(e)) {
            throw e;
          }
          const { failed, resend } = splitRefused(unsent, e.problem, e.message);
          await Promise.all(failed.map(f => store.putScan({ ...f.item, state: 'failed', error: f.reason })));
          unsent = resend;
        }
      }
      sent += chunk.length;
    }
    for (const w of pending.filter(s => s.kind === 'walk_in')) {
      try {
        const reply = await api.call('POST', `/api/v1/courses/${w.courseId}/walk-ins`, {
          body: { sessionId: w.sessionId, clientScanId: w.clientScanId, scannedAt: w.scannedAt, deviceId: w.deviceId,
            participant: w.participant, sentAt: new Date().toISOString() },
          asUser: owner,
        });
        await store.putScan(answeredWalkIn(w, reply.checkIn, new Date().toISOString()));
      } catch (e) {
        if (!refusedByServer(e)) {
          throw e;
        }
        await store.putScan(refusedWalkIn(w, e, new Date().toISOString()));
      }
      sent++;
    }
  } catch (e) {
    // no network or server trouble: everything not answered stays queued for the next try
  } finally {
    state.uploading = false;
    if (sent > 0) {
      await prune();
    }
    if (sent > 0 && state.screen === 'scan') {
      await refreshRoster();
      const current = state.shown && await store.scan(state.shown);
      if (current) {
        renderResult(current);
      }
      await renderHistory();
    }
    await renderPending();
  }
}

/**
 * Forgets what the phone no longer needs (see prune.js): old answered scans and the rosters of
 * sessions over for days. Never a scan the server has not answered. A failure is left for the
 * next start or upload.
 */
async function prune() {
  try {
    await store.prune(Date.now(), serverNow());
  } catch (e) {
    // the data stays as it was
  }
}

// ---- name search and walk-ins ----

function openSearch() {
  $('walkin-panel').hidden = true;
  $('search-panel').hidden = false;
  $('search').focus();
  renderSearch();
}

async function renderSearch() {
  const list = $('search-results');
  list.replaceChildren();
  // nobody found is said in a status, announced as the trainer types
  $('search-status').textContent = '';
  const query = $('search').value;
  if (!query.trim()) {
    return;
  }
  const people = searchRoster(state.kit.roster.participants, query);
  if (people.length === 0) {
    $('search-status').textContent = t('searchNone');
    return;
  }
  const present = attended(await store.scansOf(state.kit.sessionId));
  for (const p of people) {
    const button = element('button', { type: 'button', className: 'primary', textContent: t('checkInButton') });
    button.setAttribute('aria-label', `${t('checkInButton')}: ${p.fullName}`);
    button.addEventListener('click', async () => {
      $('search-panel').hidden = true;
      $('search').value = '';
      list.replaceChildren();
      await record({ participantId: p.id, method: 'manual' });
      $('result').focus();
    });
    list.append(element('li', { className: 'person' },
        element('span', {},
            element('strong', { textContent: p.fullName }),
            element('span', { textContent: unitName(p.unitCode) }),
            present.has(p.id) ? element('span', { className: 'tag', textContent: t('alreadyTag') }) : null),
        button));
  }
}

function fillUnits() {
  const select = $('w-unit');
  select.replaceChildren(element('option', { value: '', textContent: t('unitNone') }));
  for (const d of state.units?.children ?? []) {
    const group = element('optgroup', { label: d.name });
    group.append(element('option', { value: d.code, textContent: d.name }),
        ...d.children.map(c => element('option', { value: c.code, textContent: c.name })));
    select.append(group);
  }
}

function openWalkIn() {
  $('search-panel').hidden = true;
  $('walkin-panel').hidden = false;
  $('w-name').focus();
}

async function onWalkIn(event) {
  event.preventDefault();
  const form = event.target;
  const data = new FormData(form);
  const fullName = String(data.get('fullName') ?? '').trim();
  const sex = data.get('sex');
  const year = String(data.get('birthYear') ?? '').trim();
  const errors = {
    'w-name': fullName ? '' : t('required'),
    'w-sex': sex ? '' : t('required'),
    'w-year': !year || (/^\d{4}$/.test(year) && +year >= 1900 && +year <= new Date().getFullYear()) ? '' : t('badYear'),
  };
  for (const [id, message] of Object.entries(errors)) {
    $(`${id}-error`).textContent = message;
    if (id !== 'w-sex') {
      $(id).setAttribute('aria-invalid', String(Boolean(message)));
    }
  }
  const firstError = Object.entries(errors).find(([, message]) => message);
  if (firstError) {
    (firstError[0] === 'w-sex' ? form.querySelector('input[name=sex]') : $(firstError[0])).focus();
    return;
  }
  const participant = { fullName, sex };
  if (year) {
    participant.birthYear = Number(year);
  }
  const phone = String(data.get('phone') ?? '').trim();
  if (phone) {
    participant.phone = phone;
  }
  if (data.get('unitCode')) {
    participant.unitCode = data.get('unitCode');
  }
  if (data.get('consent')) {
    // the day, not the minute: a phone clock running ahead must not date it in the server's future
    participant.consent = { givenAt: vietnamDate(serverNow()), method: 'verbal',
      coversSensitiveData: Boolean(data.get('sensitiveConsent')) };
  }
  form.reset();
  $('w-sensitive').disabled = true;
  $('walkin-panel').hidden = true;
  await recordWalkIn(participant);
  $('result').focus();
}

// ---- start ----

async function switchLanguage() {
  const next = language() === 'vi' ? 'en' : 'vi';
  await store.put('lang', next);
  applyLanguage(next);
  renderNetwork();
  await renderPending();
  if (state.screen === 'sessions') {
    await renderSessions();
  }
  if (state.screen === 'scan') {
    renderSessionHead();
    renderCameraToggle();
    fillUnits();
    renderResult(state.shown ? await store.scan(state.shown) : null);
    await renderHistory();
  }
}

function applyLanguage(lang) {
  setLanguage(lang);
  translatePage();
  $('language').lang = lang === 'vi' ? 'en' : 'vi';
}

function wire() {
  loginForm('loginHint', async () => {
    // a login starts on its own list: the session the app was on may be that of a login that
    // ended unseen (a refused refresh), whose trainer may not be the one logging in now
    await store.remove('currentSession');
    await showSessions();
    upload();
  });
  $('language').addEventListener('click', switchLanguage);
  $('send-now').addEventListener('click', upload);
  $('sessions-reload').addEventListener('click', showSessions);
  $('logout').addEventListener('click', async () => {
    // the trainer's queue goes up first; what cannot go yet waits for their next login on this
    // phone (nobody else may send it), which they are told before they choose to log out
    await upload();
    const left = (await sendable(await loggedInUserId())).length;
    if (left > 0 && !confirm(t('logoutPending', { n: left }))) {
      return;
    }
    // the queue stays and goes up when its trainer logs in again; the next user picks their own session
    await api.logout();
    state.userId = null; // the next login is someone's own
    await store.remove('currentSession');
    await store.remove('sessions');
    // the people of the trainer's sessions are not left to whoever holds the phone next; no session
    // can be opened again before a login, which saves its kit anew (the queue needs no roster to go up)
    await store.clearRosters();
    show('login');
  });
  $('change-session').addEventListener('click', async () => {
    await store.remove('currentSession');
    await showSessions();
  });
  $('camera-toggle').addEventListener('click', toggleCamera);
  $('open-search').addEventListener('click', openSearch);
  $('open-walkin').addEventListener('click', openWalkIn);
  $('search').addEventListener('input', renderSearch);
  $('walkin-form').addEventListener('submit', onWalkIn);
  // consent to sensitive data is part of a consent, never given alone
  $('w-consent').addEventListener('change', e => {
    $('w-sensitive').disabled = !e.target.checked;
    $('w-sensitive').checked &&= e.target.checked;
  });
  // the focus goes back to the button that opens the panel, not to the top of the page with the panel
  document.querySelectorAll('[data-close]').forEach(b => b.addEventListener('click', () => {
    $(b.dataset.close).hidden = true;
    document.querySelector(`.actions [aria-controls="${b.dataset.close}"]`).focus();
  }));
  window.addEventListener('online', () => {
    renderNetwork();
    upload();
  });
  window.addEventListener('offline', () => {
    renderNetwork();
    renderPending();
  });
  setInterval(() => {
    upload();
    if (state.screen === 'scan' && online() && Date.now() - new Date(state.kit.savedAt).getTime() > ROSTER_REFRESH_MS) {
      refreshRoster();
    }
  }, 15_000);
  api.whenLoggedOut(() => show('login'));
}

async function main() {
  addStrings(SCANNER);
  api.keepTokensIn({ get: () => store.get('auth'), put: auth => store.put('auth', auth), remove: () => store.remove('auth') });
  api.giveUpOnHangingRequests(true);
  state.phoneAheadMs = (await store.get('phoneAheadMs')) ?? 0;
  api.whenAnswered((res, sentMs, receivedMs) => {
    // an answer the browser may have kept (max-age) carries the Date of when it was first sent
    const ahead = /max-age=[1-9]/.test(res.headers.get('Cache-Control') ?? '') ? null
        : phoneAhead(res.headers, sentMs, receivedMs);
    if (ahead !== null) {
      state.phoneAheadMs = ahead;
      store.put('phoneAheadMs', ahead).catch(() => {});
    }
  });
  applyLanguage((await store.get('lang')) ?? 'vi');
  // queued scans live in IndexedDB: ask that the browser not evict it when space runs low
  navigator.storage?.persist?.().catch(() => {});
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/scan/sw.js', { scope: '/scan/' }).catch(() => {});
  }
  // on start-up: the phone may not have uploaded anything for weeks
  await prune();
  state.deviceId = await store.deviceId();
  state.keys = await store.get('keys');
  state.revoked = await store.get('revokedCardDigests');
  state.units = await store.get('units');
  wire();
  renderNetwork();
  await renderPending();
  if (!(await api.currentLogin())) {
    show('login');
    return;
  }
  const current = await store.get('currentSession');
  if (current && await store.roster(current)) {
    await openSession(current);
  } else {
    await showSessions();
  }
  upload();
}

main();
