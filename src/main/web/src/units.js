// Administrative units below a root (a province's districts and their communes; a district's
// communes), as the pages show them: names by code, and the children of each unit in order.
import * as api from './api.js';

function children(parent) {
  return api.allItems(`/api/v1/admin-units?parent=${encodeURIComponent(parent)}&limit=200`);
}

/** {root, names: {code: name}, children: [{code, name, children: [{code, name}]}]}, two levels below root. */
export async function unitsBelow(root) {
  const names = {};
  const below = [];
  for (const unit of await children(root)) {
    const next = await children(unit.code);
    names[unit.code] = unit.name;
    next.forEach(c => { names[c.code] = c.name; });
    below.push({ code: unit.code, name: unit.name, children: next.map(c => ({ code: c.code, name: c.name })) });
  }
  return { root, names, children: below };
}
