// Bar charts of women and men: an inline SVG drawn at the width of the page and in its own font
// size (redrawn when either changes), so that labels stay readable on a phone and at 200% zoom.
// The picture has a title and a description that say every number, and the numbers are also in a
// table below it.
import { element } from '../dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const SEXES = ['female', 'male'];
const LABEL_WEIGHT = 600;
let charts = 0;

function svg(tag, attributes = {}, text = null) {
  const el = document.createElementNS(SVG, tag);
  Object.entries(attributes).forEach(([name, value]) => el.setAttribute(name, String(value)));
  if (text !== null) {
    el.textContent = text;
  }
  return el;
}

/** The words of a label in lines no wider than width. */
function wrap(label, width, measure) {
  const lines = [];
  let line = '';
  for (const word of label.split(/\s+/)) {
    const longer = line ? line + ' ' + word : word;
    if (line && measure(longer) > width) {
      lines.push(line);
      line = word;
    } else {
      line = longer;
    }
  }
  return line ? [...lines, line] : lines;
}

function draw(box, chart) {
  const width = Math.floor(box.clientWidth);
  if (width === 0 || width === chart.drawnWidth && box.firstChild) {
    return;
  }
  chart.drawnWidth = width;
  const style = getComputedStyle(box);
  const font = parseFloat(style.fontSize);
  const context = document.createElement('canvas').getContext('2d');
  const measure = (text, weight = 400) => {
    context.font = `${weight} ${font}px ${style.fontFamily}`;
    return context.measureText(text).width;
  };
  const valueText = (sex, category) => `${chart.words[sex]}: ${chart.format(category[sex])}`;

  const room = Math.max(...chart.series.flatMap(c => SEXES.map(sex => measure(valueText(sex, c))))) + font * 0.5;
  const longest = Math.max(font * 2, width - room);
  const max = Math.max(1, ...chart.series.flatMap(c => SEXES.map(sex => c[sex])));
  const line = font * 1.3;
  const bar = font * 1.3;
  const picture = svg('svg', { role: 'img', width, viewBox: `0 0 ${width} 0`, 'aria-labelledby': `${chart.id}-title`,
    'aria-describedby': `${chart.id}-desc`, class: 'bars' });
  picture.append(svg('title', { id: `${chart.id}-title` }, chart.caption),
      svg('desc', { id: `${chart.id}-desc` }, chart.description));
  let y = 0;
  for (const category of chart.series) {
    const label = svg('text', { class: 'label', 'font-weight': LABEL_WEIGHT });
    // a little room to spare: the canvas measures the font slightly narrower than SVG draws it
    const lines = wrap(category.label, width - font, text => measure(text, LABEL_WEIGHT));
    lines.forEach((text, i) => label.append(svg('tspan', { x: 0, y: y + line * (i + 1) - font * 0.3 }, text)));
    picture.append(label);
    y += lines.length * line + font * 0.2;
    for (const sex of SEXES) {
      const length = category[sex] > 0 ? Math.max(2, (category[sex] / max) * longest) : 0;
      picture.append(
          svg('rect', { x: 0, y, width: length, height: bar, class: `bar ${sex}`, 'data-sex': sex,
            'data-category': category.key ?? 'null', 'data-value': category[sex] }),
          svg('text', { x: length + font * 0.3, y: y + bar / 2, 'dominant-baseline': 'central', class: 'value' },
              valueText(sex, category)));
      y += bar + font * 0.15;
    }
    y += font * 0.8;
  }
  picture.setAttribute('height', Math.ceil(y));
  picture.setAttribute('viewBox', `0 0 ${width} ${Math.ceil(y)}`);
  box.replaceChildren(picture);
}

/**
 * A figure with a caption, a legend, the bars and the numbers as a table.
 * series: [{key, label, female, male}]; words: {female, male, category, numbers, item}; format: number → text.
 */
export function womenAndMenChart({ caption, series, words, format }) {
  const id = `chart-${++charts}`;
  const description = series.map(c => words.item(c.label, format(c.female), format(c.male))).join(' ');
  const chart = { id, caption, series, words, format, description, drawnWidth: 0 };

  const legend = element('p', { className: 'legend' }, ...SEXES.map(sex =>
    element('span', { className: 'key' }, element('span', { className: `swatch ${sex}` }), words[sex])));
  legend.setAttribute('aria-hidden', 'true');
  const box = element('div', { className: 'chart-box' });
  const head = element('tr', {}, element('th', { scope: 'col', textContent: words.category }),
      ...SEXES.map(sex => element('th', { scope: 'col', textContent: words[sex] })));
  const rows = series.map(c => element('tr', {}, element('th', { scope: 'row', textContent: c.label }),
      ...SEXES.map(sex => element('td', { className: 'num', textContent: format(c[sex]) }))));
  const table = element('table', { className: 'numbers' }, element('caption', { textContent: caption }),
      element('thead', {}, head), element('tbody', {}, ...rows));
  const figure = element('figure', { className: 'chart', id },
      element('figcaption', { textContent: caption }), legend, box,
      element('details', {}, element('summary', { textContent: words.numbers }), table));
  new ResizeObserver(() => draw(box, chart)).observe(box);
  return figure;
}
