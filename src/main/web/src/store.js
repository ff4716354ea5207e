// What the phone keeps across restarts and without network, in IndexedDB: settings and tokens
// (kv), the offline kit of each session (rosters), and every scan with its local and server
// outcome (scans; state pending until the server has answered).
import { openDB } from 'idb';

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

export async function putScan(scan) {
  return (await db).put('scans', scan);
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

/** A stable id of this phone (browser profile), sent with every scan. */
export async function deviceId() {
  let id = await get('deviceId');
  if (!id) {
    id = 'web-' + crypto.randomUUID();
    await put('deviceId', id);
  }
  return id;
}
