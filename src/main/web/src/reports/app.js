// The report page (/reports): a reporter logs in (the tokens stay in sessionStorage, gone with the
// tab), chooses the period, the unit and the breakdowns, and sees every indicator with its
// definition, charts of the women and men trained by unit and by target group, downloads the
// report as CSV or XLSX, and opens the records behind any cell.
import * as api from '../api.js';
import { ApiError, NetworkError } from '../api.js';
import { t, addStrings, setLanguage, language, translatePage } from '../i18n.js';
import { $, element, focusScreen } from '../dom.js';
import { unitsBelow } from '../units.js';
import { loginForm } from '../login.js';
import { REPORTS } from './strings.js';
import { BREAKDOWNS, currentYear, periodYears, recordsQuery, reportQuery, rowKeys, womenAndMen } from './query.js';
import { womenAndMenChart } from './chart.js';

/** Who may read reports (Role.READERS on the server). */
const READERS = ['admin', 'organizer', 'reporter'];
/** The indicator the charts show: distinct persons who completed a course. */
const CHART_INDICATOR = 'persons_trained';
const TOKENS = 'reports.auth';
const LANGUAGE = 'reports.lang';
const BREAKDOWN_OF_KEY = Object.fromEntries(Object.entries(BREAKDOWNS).map(([by, key]) => [key, by]));

const sessionTokens = {
  get: async () => JSON.parse(sessionStorage.getItem(TOKENS) ?? 'null'),
  put: async auth => sessionStorage.setItem(TOKENS, JSON.stringify(auth)),
  remove: async () => sessionStorage.removeItem(TOKENS),
};

const state = {
  screen: null, // 'login' or 'report', once one is shown
  user: null,
  units: null, // {root: {code, name}, names: {code: name}, children: [...]} of the caller's scope
  catalogs: null, // {targetGroup, topic, kind}: {code: entry}
  organizers: {}, // {id: name}
  choice: null, // what the report shown is of (see query.js)
  report: null,
  records: null, // {row, cursor} of the records dialog
  asked: 0, // how many reports were asked for: only the answer to the last is shown
};

function show(screen) {
  // at start-up nothing had the focus: none is taken
  const moved = state.screen !== null && state.screen !== screen;
  state.screen = screen;
  $('login-screen').hidden = screen !== 'login';
  $('report-screen').hidden = screen !== 'report';
  if (moved) {
    focusScreen($(`${screen}-screen`));
  }
}

/** What went wrong, for the page: the server's words, with each field error's (a 400 says which choice it cannot make). */
function failure(e) {
  if (e instanceof NetworkError) {
    return t('networkError');
  }
  if (e instanceof ApiError) {
    return [e.message, ...(e.problem?.errors ?? []).map(error => error.message)].filter(Boolean).join(' ');
  }
  console.error(e); // a fault of the page, not words for its user
  return t('unexpectedError');
}

// ---- words and numbers ----

function date(iso) {
  // day first in English too (en-GB), as the rest of the registry writes dates
  return iso ? new Intl.DateTimeFormat(language() === 'en' ? 'en-GB' : language(),
      { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' })
      .format(new Date(iso + 'T00:00:00Z')) : '';
}

function number(n) {
  return n === null || n === undefined ? '—' : new Intl.NumberFormat(language()).format(n);
}

function formatValue(row) {
  if (row.value === null) {
    return '—';
  }
  return row.valueType === 'share'
    ? new Intl.NumberFormat(language(), { style: 'percent', maximumFractionDigits: 1 }).format(row.value)
    : number(row.value);
}

function unitName(code) {
  return state.units.names[code] ?? code;
}

/** The name of a breakdown value in a row of a report of the unit reportUnit. */
function valueLabel(key, value, reportUnit) {
  if (value === null || value === undefined) {
    return t('notRecorded');
  }
  switch (key) {
    case 'sex':
      return t(value);
    case 'level':
    case 'ethnicMinority':
    case 'ageBand':
      return t(`${key}.${value}`);
    case 'unitCode':
      return value === reportUnit ? t('unitItself', { name: unitName(value) }) : unitName(value);
    case 'organizerId':
      return state.organizers[value] ?? value;
    default: {
      const entry = state.catalogs[key]?.[value];
      return entry ? (language() === 'en' ? entry.nameEn : entry.nameVi) : value;
    }
  }
}

function describeCell(row, keys, reportUnit) {
  return keys.length ? keys.map(k => valueLabel(k, row[k], reportUnit)).join(', ') : t('total');
}

// ---- login ----

/** After a login: the reports, or why this account cannot see them. */
async function loggedIn(auth) {
  if (!READERS.includes(auth.user.role)) {
    await api.logout();
    return t('notReader');
  }
  await showReports();
  return null;
}

async function logout() {
  await api.logout();
  loggedOut();
}

/**
 * The login has ended (logged out, or its refresh refused on some call): nothing of its report,
 * lists or records stays on the page for whoever logs in next, who may see another unit.
 */
function loggedOut() {
  // asked: a report still coming for the login that ended is not shown
  Object.assign(state, { user: null, units: null, choice: null, report: null, records: null, asked: state.asked + 1 });
  $('result').hidden = true;
  $('indicator-list').replaceChildren();
  $('chart-list').replaceChildren();
  $('flag-list').replaceChildren();
  $('records-list').replaceChildren();
  if ($('records').open) {
    $('records').close();
  }
  show('login');
}

// ---- choosing a report ----

async function loadReferences() {
  const root = state.user.unitCode ?? state.user.provinceCode;
  const [rootUnit, below, targetGroups, topics, kinds, organizations, settings] = await Promise.all([
    api.call('GET', `/api/v1/admin-units/${encodeURIComponent(root)}`),
    unitsBelow(root),
    api.call('GET', '/api/v1/catalogs/target-groups'),
    api.call('GET', '/api/v1/catalogs/topics'),
    api.call('GET', '/api/v1/catalogs/course-kinds'),
    api.allItems('/api/v1/organizations?limit=200'),
    api.call('GET', '/api/v1/reports/settings'),
  ]);
  const byCode = list => Object.fromEntries(list.items.map(entry => [entry.code, entry]));
  state.units = { ...below, root: { code: root, name: rootUnit.name }, names: { ...below.names, [root]: rootUnit.name } };
  state.catalogs = { targetGroup: byCode(targetGroups), topic: byCode(topics), kind: byCode(kinds) };
  state.organizers = Object.fromEntries(organizations.map(o => [o.id, o.name]));
  fillYears(settings.halfYearStart); // a year under the cut-off may begin in December
}

function unitOption(unit) {
  return element('option', { value: unit.code, textContent: unit.name });
}

/** The caller's unit, then each unit below it (with the units below those). */
function fillUnits() {
  const select = $('unit');
  const chosen = select.value;
  const { root, children } = state.units;
  select.replaceChildren(element('option', { value: root.code, textContent: t('unitWhole', { name: root.name }) }));
  for (const child of children) {
    if (child.children.length === 0) {
      select.append(unitOption(child));
    } else {
      const group = element('optgroup', { label: child.name });
      group.append(element('option', { value: child.code, textContent: t('unitWhole', { name: child.name }) }),
          ...child.children.map(unitOption));
      select.append(group);
    }
  }
  select.value = chosen && state.units.names[chosen] ? chosen : root.code;
}

/**
 * The years to choose from (periodYears), the current one (today in Vietnam, under the province's
 * cut-off) chosen, unless a report was already asked for (its year stays chosen).
 */
function fillYears(halfYearStart) {
  const today = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit',
    timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
  const kept = state.choice ? $('year').value : null;
  const years = periodYears(today, halfYearStart).map(String);
  $('year').replaceChildren(...years.map(year => element('option', { value: year, textContent: year })));
  $('year').value = kept && years.includes(kept) ? kept : String(currentYear(today, halfYearStart));
}

function fillBreakdowns() {
  $('by').replaceChildren(...Object.keys(BREAKDOWNS).map(by => {
    const box = element('input', { type: 'checkbox', name: 'by', value: by, checked: by === 'sex' });
    const label = element('span', { textContent: t('by.' + by) });
    label.dataset.i18n = 'by.' + by;
    return element('label', { className: 'choice' }, box, label);
  }));
}

function showPeriodFields() {
  const kind = $('period-kind').value;
  document.querySelectorAll('[data-kinds]').forEach(el => { el.hidden = !el.dataset.kinds.split(' ').includes(kind); });
}

/** What the form asks for, or null (with the fault shown) when the dates of a range are missing. */
function chosen() {
  const period = { kind: $('period-kind').value, year: $('year').value, half: $('half').value,
    quarter: $('quarter').value, from: $('from').value, to: $('to').value };
  const badRange = period.kind === 'range' && (!period.from || !period.to || period.from > period.to);
  $('period-error').textContent = badRange ? t('badRange') : '';
  ['from', 'to'].forEach(id => $(id).setAttribute('aria-invalid', String(badRange)));
  if (badRange) {
    $(period.from ? 'to' : 'from').focus();
    return null;
  }
  const by = [...document.querySelectorAll('#by input:checked')].map(box => box.value);
  return { period, unit: $('unit').value, by, mapSuccessors: $('map-successors').checked };
}

async function onChoose(event) {
  event.preventDefault();
  const choice = chosen();
  if (choice) {
    await showReport(choice);
  }
}

async function showReports() {
  const auth = await api.currentLogin();
  state.user = auth.user;
  show('report');
  $('who').textContent = t('signedInAs', { name: auth.user.fullName ?? auth.user.username });
  try {
    await loadReferences();
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) {
      $('report-error').textContent = failure(e);
    }
    return;
  }
  fillUnits();
  await showReport(chosen());
}

// ---- the report ----

function indicatorsUrl(choice, extra) {
  return '/api/v1/reports/indicators?' + reportQuery(choice, extra);
}

async function showReport(choice) {
  // a report asked for earlier may answer after this one (a slow province-wide report): its
  // answer, or its failure, is then dropped, not shown under the choice made since
  const asked = ++state.asked;
  const superseded = () => asked !== state.asked;
  $('report-error').textContent = '';
  $('report-status').textContent = t('loading');
  try {
    if (!state.units) { // the names and lists failed to load with the page: again now
      await loadReferences();
      fillUnits();
    }
    const chartOf = by => api.call('GET', indicatorsUrl({ ...choice, by: ['sex', by] }, { indicators: CHART_INDICATOR }));
    const [report, byUnit, byGroup, flags] = await Promise.all([
      api.call('GET', indicatorsUrl(choice)), chartOf('unit'), chartOf('targetGroup'),
      api.call('GET', '/api/v1/reports/flags?' + reportQuery(choice))]);
    if (superseded()) {
      return;
    }
    state.choice = choice;
    state.report = report;
    $('result').hidden = false;
    $('result-title').textContent = t('reportTitle', { unit: report.unitName, period: report.period ?? `${date(report.from)} – ${date(report.to)}` });
    $('result-dates').textContent = t('periodDates', { from: date(report.from), to: date(report.to) });
    renderFlags(flags);
    renderCharts(byUnit, byGroup);
    renderIndicators(report);
    $('report-status').textContent = t('loaded');
  } catch (e) {
    if (superseded()) {
      return;
    }
    $('report-status').textContent = '';
    // no result shown under a choice it does not answer (nor shown again on a change of language)
    $('result').hidden = true;
    state.choice = null;
    if (!(e instanceof ApiError && e.status === 401)) {
      $('report-error').textContent = failure(e);
    }
  }
}

function renderCharts(byUnit, byGroup) {
  const words = { female: t('female'), male: t('male'), numbers: t('chartNumbers'),
    item: (label, female, male) => t('chartItem', { label, female, male }) };
  const indicator = byUnit.rows[0]?.label ?? CHART_INDICATOR;
  const chart = (report, key, caption, category) => womenAndMenChart({
    caption: t(caption, { indicator }),
    series: womenAndMen(report.rows, key).map(c => ({ ...c, label: valueLabel(key, c.key, report.unit) })),
    words: { ...words, category: t(category) },
    format: number,
  });
  $('chart-list').replaceChildren(chart(byUnit, 'unitCode', 'chartByUnit', 'chartCategoryUnit'),
      chart(byGroup, 'targetGroup', 'chartByGroup', 'chartCategoryGroup'));
}

/** What to check: each flag's sentence (in the language asked) and its courses, by code and title. */
function renderFlags(flags) {
  $('flags-status').textContent = flags.items.length === 0 ? t('flagsNone') : flags.truncated ? t('flagsTruncated') : '';
  $('flag-list').replaceChildren(...flags.items.map(flag => {
    const item = element('li', { className: 'flag' },
        element('strong', { textContent: flag.message }),
        element('span', { textContent: flag.courses.map(c => `${c.code} · ${c.title}`).join('; ') }));
    item.dataset.kind = flag.kind;
    return item;
  }));
}

function cell(heading, content, className = '') {
  const td = element('td', { className }, content);
  td.dataset.label = heading;
  return td;
}

function renderRow(row, keys, columns, reportUnit) {
  const description = describeCell(row, keys, reportUnit);
  const open = element('button', { type: 'button', className: 'cell' }, formatValue(row),
      element('span', { className: 'visually-hidden', textContent: ` ${t('openRecords')}: ${description}` }));
  open.dataset.value = row.value === null ? '' : String(row.value);
  open.addEventListener('click', () => openRecords(row, description));
  const tr = element('tr', {},
      ...keys.map(k => cell(t('by.' + BREAKDOWN_OF_KEY[k]), valueLabel(k, row[k], reportUnit))),
      cell(t('value'), open, 'num'),
      columns.share ? cell(t('fraction'), `${number(row.numerator)} / ${number(row.denominator)}`, 'num') : null,
      columns.plan ? cell(t('planned'), number(row.planned), 'num') : null);
  tr.dataset.indicator = row.indicator;
  keys.forEach(k => { tr.dataset[k] = row[k] === null ? 'null' : String(row[k]); });
  return tr;
}

/** One section per indicator: its name, definition and what "trained" means, and a table of its rows. */
function renderIndicators(report) {
  const rowsOf = new Map(report.indicators.map(code => [code, []]));
  report.rows.forEach(row => rowsOf.get(row.indicator)?.push(row));
  const sections = [];
  for (const [code, rows] of rowsOf) {
    if (rows.length === 0) {
      continue;
    }
    const first = rows[0];
    const keys = rowKeys(rows);
    const columns = { share: first.valueType === 'share', plan: rows.some(r => r.planned !== null) };
    const th = text => element('th', { scope: 'col', textContent: text });
    const head = element('tr', {}, ...keys.map(k => th(t('by.' + BREAKDOWN_OF_KEY[k]))), th(t('value')),
        columns.share ? th(t('fraction')) : null, columns.plan ? th(t('planned')) : null);
    const table = element('table', { className: 'report' }, element('thead', {}, head),
        element('tbody', {}, ...rows.map(row => renderRow(row, keys, columns, report.unit))));
    table.setAttribute('aria-labelledby', `indicator-${code}`);
    const section = element('section', { className: 'indicator' },
        element('h3', { id: `indicator-${code}`, textContent: first.label }),
        element('p', { className: 'definition' }, element('strong', { textContent: t('definition') }),
            ` ${first.definition} ${t((first.counted === 'courses' ? 'countsCourses.' : 'counts.') + first.counts)}`),
        table);
    section.dataset.indicator = code;
    sections.push(section);
  }
  $('indicator-list').replaceChildren(...sections);
}

// ---- downloads ----

/** Downloads the report shown as a file. */
async function download(format) {
  const { unit, period, from, to } = state.report;
  await saveFile(indicatorsUrl(state.choice, format === 'xlsx' ? { format } : {}), format === 'csv' ? 'text/csv' : null,
      `bao-cao-chi-tieu-${unit}-${period ?? `${from}_${to}`}.${format}`, $('report-status'), $('report-error'));
}

/**
 * Fetches a file with the token and saves it from a blob under the name, saying so in the status
 * element (a failure in the error element, or in the status element when there is none).
 */
async function saveFile(url, accept, name, status, error = status) {
  error.textContent = '';
  status.textContent = t('downloading');
  try {
    const res = await api.call('GET', url, { raw: true, headers: accept ? { Accept: accept } : {} });
    if (!res.ok) {
      await api.readJson(res); // throws the problem
    }
    const blobUrl = URL.createObjectURL(await res.blob());
    const link = element('a', { href: blobUrl, download: name, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(blobUrl), 60_000);
    status.textContent = t('downloaded', { name });
  } catch (e) {
    status.textContent = '';
    error.textContent = failure(e);
  }
}

// ---- the records behind a cell ----

function recordItem(record) {
  const facts = [
    record.fullName ? record.courseTitle : null,
    record.courseCode,
    record.endDate && record.endDate !== record.startDate
      ? `${date(record.startDate)} – ${date(record.endDate)}` : date(record.startDate),
    record.sex ? t(record.sex) : null,
    record.unitCode ? unitName(record.unitCode) : null,
    record.sessions !== null && record.attendedSessions !== null
      ? t('attended', { n: record.attendedSessions, of: record.sessions })
        + (record.excusedSessions ? ', ' + t('excused', { n: record.excusedSessions }) : '')
      : null,
    record.completed === null ? null : t(record.completed ? 'completed' : 'notCompleted'),
  ].filter(Boolean);
  const item = element('li', { className: 'record' },
      element('strong', { textContent: record.fullName ?? record.courseTitle ?? '' }),
      element('span', { textContent: facts.join(' · ') }),
      record.counted ? null : element('span', { className: 'tag', textContent: t('notCounted') }));
  item.dataset.counted = String(record.counted);
  if (record.participantId) {
    item.dataset.participant = record.participantId;
  }
  if (record.courseId) {
    item.dataset.course = record.courseId;
  }
  return item;
}

function recordsUrl(row, options) {
  return `/api/v1/reports/indicators/${encodeURIComponent(row.indicator)}/records?`
      + recordsQuery(state.choice, row, options);
}

/** Every record behind the open cell as one XLSX file, to attach to the report. */
async function downloadRecords() {
  const { row } = state.records;
  const { unit, period, from, to } = state.report;
  await saveFile(recordsUrl(row, { format: 'xlsx' }), null,
      `chi-tiet-${row.indicator}-${unit}-${period ?? `${from}_${to}`}.xlsx`, $('records-status'));
}

async function openRecords(row, description) {
  state.records = { row, cursor: null };
  $('records-cell').textContent = t('recordsOf', { indicator: row.label, cell: description, value: formatValue(row) });
  $('records-list').replaceChildren();
  $('records').showModal();
  await loadRecords();
}

async function loadRecords() {
  const records = state.records;
  const { row, cursor } = records;
  $('records-more').hidden = true;
  $('records-status').textContent = t('recordsLoading');
  try {
    const page = await api.call('GET', recordsUrl(row, { cursor }));
    if (state.records !== records) {
      return; // the dialog was closed and opened on another cell meanwhile: these are not its records
    }
    $('records-list').append(...page.items.map(recordItem));
    records.cursor = page.nextCursor;
    $('records-more').hidden = !page.nextCursor;
    $('records-status').textContent = $('records-list').children.length === 0 ? t('recordsNone') : '';
  } catch (e) {
    if (state.records === records) {
      $('records-status').textContent = failure(e);
    }
  }
}

// ---- start ----

function applyLanguage(lang) {
  setLanguage(lang);
  translatePage();
  $('language').lang = lang === 'vi' ? 'en' : 'vi';
}

async function switchLanguage() {
  const next = language() === 'vi' ? 'en' : 'vi';
  localStorage.setItem(LANGUAGE, next);
  applyLanguage(next);
  if (state.user) {
    $('who').textContent = t('signedInAs', { name: state.user.fullName ?? state.user.username });
    if (state.units) {
      fillUnits();
    }
    if (state.choice) {
      await showReport(state.choice); // names and definitions come from the server in the language asked
    }
  }
}

function wire() {
  fillYears();
  fillBreakdowns();
  loginForm('loginHint', loggedIn);
  $('language').addEventListener('click', switchLanguage);
  $('logout').addEventListener('click', logout);
  $('period-kind').addEventListener('change', showPeriodFields);
  $('report-form').addEventListener('submit', onChoose);
  $('download-csv').addEventListener('click', () => download('csv'));
  $('download-xlsx').addEventListener('click', () => download('xlsx'));
  $('records-more').addEventListener('click', loadRecords);
  $('records-xlsx').addEventListener('click', downloadRecords);
  $('records-close').addEventListener('click', () => $('records').close());
  api.whenLoggedOut(loggedOut);
}

async function main() {
  addStrings(REPORTS);
  api.keepTokensIn(sessionTokens);
  wire();
  applyLanguage(localStorage.getItem(LANGUAGE) ?? 'vi');
  showPeriodFields();
  if (await api.currentLogin()) {
    await showReports();
  } else {
    show('login');
  }
}

main();
