// Small DOM helpers shared by the pages: an element by id, and an element built with its properties and children.
export const $ = id => document.getElementById(id);

export function element(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  Object.assign(el, props);
  el.append(...children.filter(c => c !== null && c !== undefined));
  return el;
}
