// What a refused upload (a 4xx problem for a whole batch) says about its scans.

const ITEM_FIELD = /^items\[(\d+)\]/;

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
