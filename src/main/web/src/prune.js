// What the phone may forget, so that IndexedDB does not grow for as long as the phone is used:
// scans the server has answered, once old, and the rosters of sessions long over. A scan the
// server has not answered is never forgotten, however old: losing an unsent scan is the worst
// thing the scanner can do.

const DAY_MS = 86_400_000;

/** How long a scan the server has answered stays on the phone (its history), counted from the answer. */
export const SCAN_RETENTION_DAYS = 30;

/** How long a session's roster stays on the phone after the session's check-in window closed. */
export const ROSTER_RETENTION_DAYS = 3;

function time(iso) {
  return typeof iso === 'string' ? Date.parse(iso) : NaN;
}

/**
 * Whether a stored scan may be deleted at nowMs (the phone's clock, as the scan's times are): only
 * a scan the server has answered (state done: stored there, or refused for good with an outcome)
 * more than the retention ago. Pending scans (not sent, or sent with no answer) and failed ones
 * (refused as a request: never stored by the server, left for the trainer to settle on paper)
 * are kept. A scan with no readable time is kept.
 */
export function scanExpired(scan, nowMs, retentionDays = SCAN_RETENTION_DAYS) {
  if (scan?.state !== 'done') {
    return false;
  }
  // answeredAt: when the server's answer came (older scans have none: their scannedAt)
  const since = time(scan.answeredAt ?? scan.scannedAt);
  return !Number.isNaN(since) && nowMs - since > retentionDays * DAY_MS;
}

/**
 * Whether a saved roster (an offline kit, {sessionId, roster, ...}) may be deleted at nowMs (the
 * server's time as far as the phone knows it: the window is the server's): its session's check-in
 * window closed more than the retention ago and none of its scans waits to be sent (waiting: the
 * session ids of pending scans), so the trainer can still open the session and see them. A roster
 * with no readable window is kept.
 */
export function rosterExpired(kit, nowMs, waiting = new Set(), retentionDays = ROSTER_RETENTION_DAYS) {
  const closes = time(kit?.roster?.session?.closesAt);
  return !Number.isNaN(closes) && nowMs - closes > retentionDays * DAY_MS && !waiting.has(kit.sessionId);
}
