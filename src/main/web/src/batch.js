// What an upload's answer or refusal makes of the queued scans it carried.
import { ApiError } from './api.js';

const ITEM_FIELD = /^items\[(\d+)\]/;

/**
 * Whether an upload's error is the server refusing it for good (its scans then fail): a 4xx with
 * the server's problem body, but not 401 (the login: sent again after the next), 408 or 429 (try
 * later). A 4xx with no problem body came from something in between (a proxy, a hotel's or
 * commune office's Wi-Fi login page), not from the server: the scans stay queued.
 */
export function refusedByServer(e) {
  return e instanceof ApiError && e.problem != null && e.status >= 400 && e.status < 500
      && ![401, 408, 429].includes(e.status);
}

/**
 * Splits a refused batch by the items its problem's errors name (`items[3].qr`): those are failed,
 * each with its messages; the others were not at fault and go up again. A problem that names no
 * item of the batch (or only items it does not have) fails them all, as before.
 */
export function splitRefused(items, problem, fallbackReason) {
  const reasons = new Map();
  for (const error of problem?.errors ?? []) {
    const match = ITEM_FIELD.exec(error.field ?? '');
    const index = match ? Number(match[1]) : -1;
    if (index >= 0 && index < items.length) {
      reasons.set(index, [...(reasons.get(index) ?? []), `${error.field}: ${error.message}`]);
    }
  }
  if (reasons.size === 0) {
    return { failed: items.map(item => ({ item, reason: fallbackReason })), resend: [] };
  }
  return {
    failed: [...reasons].map(([index, messages]) => ({ item: items[index], reason: messages.join('; ') })),
    resend: items.filter((_, index) => !reasons.has(index)),
  };
}

/**
 * A queued walk-in after the server refused it (error: the ApiError of a 4xx), as stored on the
 * phone. Refused because the session's check-in was not open (409 session_not_open, which the
 * server checks before registering anyone, as the phone checks it offline): the server's answer
 * is that outcome, the one the phone showed offline, kept as an answered walk-in is (the name and
 * unit, not the phone number, birth year and consent typed in). Any other refusal (capacity_reached,
 * course_closed, bad input: not known offline) fails the walk-in with its message.
 */
export function refusedWalkIn(walkIn, error, answeredAt) {
  if (error?.status === 409 && error.problem?.code === 'session_not_open') {
    // answered: kept as long as any answered scan, so without the details the server did not take
    const { fullName, unitCode } = walkIn.participant ?? {};
    return { ...walkIn, participant: { fullName, unitCode }, state: 'done', server: { outcome: 'session_not_open' },
      answeredAt };
  }
  return { ...walkIn, state: 'failed', error: error?.message };
}

/**
 * A queued scan as the phone keeps it once the server has answered it (answer: the batch's item).
 * Answered, it no longer holds the card's text, which opens the holder's public card page, and is
 * kept 30 days (prune.js) on a phone trainers share. An answer of unknown_session stored nothing
 * (the trainer is no longer assigned to the session): the scan is failed instead, with reason,
 * and kept until the trainer settles it (prune.js never deletes a failed scan).
 */
export function answeredScan(scan, answer, answeredAt, unknownSessionReason) {
  if (answer?.outcome === 'unknown_session') {
    return { ...scan, state: 'failed', server: answer, error: unknownSessionReason };
  }
  const { qr, ...kept } = scan;
  return { ...kept, state: 'done', server: answer, answeredAt };
}

/**
 * A walk-in as the phone keeps it once the server has registered and checked in the person
 * (checkIn: its answer): the name and unit it shows, not the phone number, birth year and consent
 * typed in, which the server now holds.
 */
export function answeredWalkIn(walkIn, checkIn, answeredAt) {
  const { fullName, unitCode } = walkIn.participant ?? {};
  return { ...walkIn, participant: { fullName, unitCode }, state: 'done', server: checkIn, answeredAt };
}
