// The report page's rules, apart from the page so that Node can test them: the query string of
// the chosen period, unit and breakdowns; the filters that pick the records behind a cell; and the
// women and men of each value of a breakdown, for the charts.

/** The breakdowns (`by=`) and the key each has in a report row. */
export const BREAKDOWNS = {
  sex: 'sex',
  targetGroup: 'targetGroup',
  level: 'level',
  unit: 'unitCode',
  topic: 'topic',
  kind: 'kind',
  organizer: 'organizerId',
  ethnicMinority: 'ethnicMinority',
  ageBand: 'ageBand',
};

const ROW_KEYS = Object.values(BREAKDOWNS);

/**
 * The parameters of a period: {kind: 'year', year}, {kind: 'half', year, half: 'H1'},
 * {kind: 'quarter', year, quarter: 'Q3'} or {kind: 'range', from, to} (ISO dates).
 */
export function periodParams(period) {
  switch (period.kind) {
    case 'year':
      return [['period', String(period.year)]];
    case 'half':
      return [['period', `${period.year}-${period.half}`]];
    case 'quarter':
      return [['period', `${period.year}-${period.quarter}`]];
    case 'range':
      return [['from', period.from], ['to', period.to]];
    default:
      throw new Error('unknown period kind ' + period.kind);
  }
}

/**
 * The year today (Vietnam's date, YYYY-MM-DD) falls in under the province's cut-off (halfYearStart,
 * MM-DD), as the server names periods (Period.planYear), the one the page opens on: with halves
 * from 12-15, 2027 runs from 15/12/2026; from 04-01, 2025 runs to 31/03/2026.
 */
export function currentYear(today, halfYearStart = '01-01') {
  const year = Number(today.slice(0, 4));
  const beforeCutOff = today.slice(5) < halfYearStart;
  return Number(halfYearStart.slice(0, 2)) >= 7 ? (beforeCutOff ? year : year + 1)
      : (beforeCutOff ? year - 1 : year);
}

/**
 * The years the page offers, newest first: from the current year (currentYear), or the calendar
 * year when it is later, as quarters are calendar quarters (from 04-01, 2026-Q1 is chosen in 2026
 * while the year running is 2025).
 */
export function periodYears(today, halfYearStart = '01-01', count = 10) {
  const newest = Math.max(currentYear(today, halfYearStart), Number(today.slice(0, 4)));
  return Array.from({ length: count }, (_, i) => newest - i);
}

/** What a report and its records are of: the period, the unit (none: the caller's whole scope), successors mapped. */
function scopeParams({ period, unit, mapSuccessors }) {
  const params = new URLSearchParams(periodParams(period));
  if (unit) {
    params.set('unit', unit);
  }
  if (mapSuccessors) {
    params.set('mapSuccessors', 'true');
  }
  return params;
}

/** The query string of GET /api/v1/reports/indicators (and of its flags, /api/v1/reports/flags). */
export function reportQuery(choice, extra = {}) {
  const params = scopeParams(choice);
  if (choice.by?.length) {
    params.set('by', choice.by.join(','));
  }
  Object.entries(extra).forEach(([name, value]) => params.set(name, value));
  return params.toString();
}

/** The filters of a report row: each breakdown key it has, with `null` for "not recorded". */
export function cellFilters(row) {
  return ROW_KEYS.filter(key => key in row).map(key => [key, row[key] === null ? 'null' : String(row[key])]);
}

/**
 * The query string of GET /api/v1/reports/indicators/{code}/records for a row of a report: a page
 * of 50 (after `cursor`), or with `format` ('csv' or 'xlsx') every record as one file.
 */
export function recordsQuery(choice, row, { cursor = null, format = null } = {}) {
  const params = scopeParams(choice);
  cellFilters(row).forEach(([key, value]) => params.set(key, value));
  if (format) {
    params.set('format', format);
    return params.toString();
  }
  params.set('limit', '50');
  if (cursor) {
    params.set('cursor', cursor);
  }
  return params.toString();
}

/** The breakdown keys the rows of one indicator have, in the order of BREAKDOWNS. */
export function rowKeys(rows) {
  return ROW_KEYS.filter(key => rows.some(r => key in r));
}

/**
 * Women and men for each value of a row key (e.g. unitCode), in the order the rows come in, from
 * the rows of one indicator broken down by sex and that key: [{key, female, male}].
 */
export function womenAndMen(rows, key) {
  const series = new Map();
  for (const row of rows) {
    if (!(key in row) || (row.sex !== 'female' && row.sex !== 'male')) {
      continue;
    }
    if (!series.has(row[key])) {
      series.set(row[key], { key: row[key], female: 0, male: 0 });
    }
    series.get(row[key])[row.sex] += Number(row.value ?? 0);
  }
  return [...series.values()];
}
