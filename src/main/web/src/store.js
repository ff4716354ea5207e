// What the phone keeps across restarts and without network, in IndexedDB: settings and tokens
// (kv), the offline kit of each session (rosters), and every scan with its local and server
// outcome (scans; state pending until the server has answered).
import { openDB } from 'idb';
import { rosterExpired, scanExpired } from './prune.js';

const db = openDB('scanner', 1, {
  upgrade(database) {
    database.createObjectStore('kv');
    database.createObjectStore('rosters', { keyPath: 'sessionId' });
    const scans = database.createObjectStore('scans', { keyPath: 'clientScanId' });
    scans.createIndex('session', 'sessionId');
    scans.createIndex('state', 'state');
  },
});

export async function get(key) {
  return (await db).get('kv', key);
}

export async function put(key, value) {
  return (await db).put('kv', value, key);
}

export async function remove(key) {
  return (await db).delete('kv', key);
}

export async function roster(sessionId) {
  return (await db).get('rosters', sessionId);
}

export async function putRoster(entry) {
  return (await db).put('rosters', entry);
}

/** Forgets every saved roster (the names and units of the people of the sessions listed). */
export async function clearRosters() {
  return (await db).clear('rosters');
}

export async function putScan(scan) {
  return (await db).put('scans', scan);
}

/**
 * Stores a new scan, answering once it is on the phone's disk (strict durability): Chrome's default
 * answers while the write may still be in the system's buffers, and a battery dying in the next
 * seconds would lose a scan the trainer was shown as recorded. (Answers to it need no such care:
 * one lost goes up again and gets the same answer.)
 */
export async function addScan(scan) {
  const tx = (await db).transaction('scans', 'readwrite', { durability: 'strict' });
  await Promise.all([tx.store.put(scan), tx.done]);
}

export async function scan(clientScanId) {
  return (await db).get('scans', clientScanId);
}

export async function scansOf(sessionId) {
  return (await db).getAllFromIndex('scans', 'session', sessionId);
}

export async function pendingScans() {
  const pending = await (await db).getAllFromIndex('scans', 'state', 'pending');
  return pending.sort((a, b) => a.scannedAt.localeCompare(b.scannedAt));
}

/**
 * Deletes what the phone may forget (see prune.js): scans the server answered long ago, and the
 * rosters of sessions over for days none of whose scans waits to be sent. Only scans in state
 * done are even looked at, and each is judged as it is when deleted (one transaction), so a scan
 * not answered by the server is never deleted. phoneNowMs is the phone's clock (the scans' times
 * are by it), serverNowMs the server's time as the phone knows it (the sessions' windows are by
 * it). Answers how many scans and rosters were deleted.
 */
export async function prune(phoneNowMs, serverNowMs) {
  const tx = (await db).transaction(['scans', 'rosters'], 'readwrite');
  const scans = tx.objectStore('scans');
  const forgotten = { scans: 0, rosters: 0 };
  for (let cursor = await scans.index('state').openCursor('done'); cursor; cursor = await cursor.continue()) {
    if (scanExpired(cursor.value, phoneNowMs)) {
      await cursor.delete();
      forgotten.scans++;
    }
  }
  const waiting = new Set((await scans.index('state').getAll('pending')).map(s => s.sessionId));
  for (let cursor = await tx.objectStore('rosters').openCursor(); cursor; cursor = await cursor.continue()) {
    if (rosterExpired(cursor.value, serverNowMs, waiting)) {
      await cursor.delete();
      forgotten.rosters++;
    }
  }
  await tx.done;
  return forgotten;
}

/** A stable id of this phone (browser profile), sent with every scan. */
export async function deviceId() {
  let id = await get('deviceId');
  if (!id) {
    id = 'web-' + crypto.randomUUID();
    await put('deviceId', id);
  }
  return id;
}
