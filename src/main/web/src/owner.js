// Whose a queued scan is: it goes up under the trainer who made it. The server records who
// scanned, and answers unknown_session for a session the sender may not scan, so a scan sent
// under a colleague's login on a shared phone would be lost.

/**
 * The user a new scan belongs to: the login's or, when the login has ended meanwhile (a refused
 * refresh, a logout in another window of the app), the trainer whose sessions the app was showing
 * (shownUserId); null when neither is known.
 */
export function scanOwner(login, shownUserId) {
  return login?.user?.id ?? shownUserId ?? null;
}

/**
 * The queued scans the user logged in (userId) may send: their own. Those of another login wait
 * for it; scans queued before scans named their user go with whoever is logged in. Nobody logged
 * in sends nothing.
 */
export function sendableBy(pending, userId) {
  return userId ? pending.filter(s => !s.userId || s.userId === userId) : [];
}
