// Whose a queued scan is: it goes up under the trainer who made it. The server records who
// scanned, and answers unknown_session for a session the sender may not scan, so a scan sent
// under a colleague's login on a shared phone would be lost.

/**
 * The user a new scan belongs to: the trainer whose sessions the app is showing (shownUserId,
 * remembered on every way to them), also when the login has ended or changed hands meanwhile
 * unseen by this window (a refused refresh; a logout and another trainer's login in another
 * window); the login's when none is remembered; null when neither is known.
 */
export function scanOwner(login, shownUserId) {
  return shownUserId ?? login?.user?.id ?? null;
}

/**
 * The queued scans the user logged in (userId) may send: their own. Those of another login wait
 * for it; scans queued before scans named their user go with whoever is logged in. Nobody logged
 * in sends nothing.
 */
export function sendableBy(pending, userId) {
  return userId ? pending.filter(s => !s.userId || s.userId === userId) : [];
}
