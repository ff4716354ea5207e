// Small DOM helpers shared by the pages: an element by id, and an element built with its properties and children.
export const $ = id => document.getElementById(id);

export function element(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  Object.assign(el, props);
  el.append(...children.filter(c => c !== null && c !== undefined));
  return el;
}

/**
 * Takes the focus to the heading of a screen just shown (the one its aria-labelledby names): the
 * control that led there was hidden with its own screen, and the focus would otherwise drop to the
 * top of the page with nothing said to a screen reader.
 */
export function focusScreen(section) {
  const heading = document.getElementById(section.getAttribute('aria-labelledby'));
  heading.tabIndex = -1;
  heading.focus();
}
