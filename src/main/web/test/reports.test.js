// The report page's query strings and chart series on made-up report rows; the end-to-end test
// (report/ReportPageIT) checks the page against the real server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cellFilters, currentYear, periodParams, periodYears, recordsQuery, reportQuery, rowKeys, womenAndMen } from '../src/reports/query.js';

const row = (extra) => ({ indicator: 'persons_trained', label: 'x', definition: 'y', valueType: 'count', counts: 'completed',
  period: '2026-H1', value: 0, numerator: null, denominator: null, planned: null, ...extra });

test('each kind of period gives the parameters the API takes', () => {
  assert.deepEqual(periodParams({ kind: 'year', year: '2026' }), [['period', '2026']]);
  assert.deepEqual(periodParams({ kind: 'half', year: '2026', half: 'H2' }), [['period', '2026-H2']]);
  assert.deepEqual(periodParams({ kind: 'quarter', year: 2025, quarter: 'Q3' }), [['period', '2025-Q3']]);
  assert.deepEqual(periodParams({ kind: 'range', from: '2026-03-01', to: '2026-05-31' }),
      [['from', '2026-03-01'], ['to', '2026-05-31']]);
  assert.throws(() => periodParams({ kind: 'week' }));
});

test('a report asks for its period, unit, breakdowns and successors; the records of a cell (a page, or all as a file) for its values but no breakdowns', () => {
  const choice = { period: { kind: 'half', year: '2026', half: 'H1' }, unit: '061', by: ['sex', 'unit'], mapSuccessors: true };
  assert.equal(reportQuery(choice), 'period=2026-H1&unit=061&mapSuccessors=true&by=sex%2Cunit');
  assert.equal(reportQuery({ ...choice, by: [], mapSuccessors: false }, { format: 'xlsx' }), 'period=2026-H1&unit=061&format=xlsx');

  const cell = row({ sex: 'female', unitCode: null, ethnicMinority: false });
  assert.deepEqual(cellFilters(cell), [['sex', 'female'], ['unitCode', 'null'], ['ethnicMinority', 'false']]);
  assert.equal(recordsQuery(choice, cell),
      'period=2026-H1&unit=061&mapSuccessors=true&sex=female&unitCode=null&ethnicMinority=false&limit=50');
  assert.equal(recordsQuery({ ...choice, mapSuccessors: false }, row({}), { cursor: 'abc' }), 'period=2026-H1&unit=061&limit=50&cursor=abc');
  assert.equal(recordsQuery(choice, cell, { format: 'xlsx' }),
      'period=2026-H1&unit=061&mapSuccessors=true&sex=female&unitCode=null&ethnicMinority=false&format=xlsx');
});

test('the columns of an indicator are the breakdown keys its rows have, in the order of the breakdowns', () => {
  assert.deepEqual(rowKeys([row({ unitCode: '061', sex: 'male' }), row({ unitCode: '062', sex: 'female' })]), ['sex', 'unitCode']);
  assert.deepEqual(rowKeys([row({})]), []);
});

test('women and men per unit keep the rows order and leave out people whose sex is not recorded', () => {
  const rows = [
    row({ sex: 'female', unitCode: '061', value: 3 }), row({ sex: 'male', unitCode: '061', value: 2 }),
    row({ sex: 'female', unitCode: '06101', value: 0 }), row({ sex: 'male', unitCode: '06101', value: 4 }),
    row({ sex: null, unitCode: '061', value: 7 }),
    row({ sex: 'female', unitCode: null, value: 1 }),
  ];
  assert.deepEqual(womenAndMen(rows, 'unitCode'), [
    { key: '061', female: 3, male: 2 }, { key: '06101', female: 0, male: 4 }, { key: null, female: 1, male: 0 }]);
  assert.deepEqual(womenAndMen(rows, 'targetGroup'), []);
});

test('the years offered start with the one today falls in under the province cut-off, as the server names periods', () => {
  // calendar halves: the calendar year
  assert.deepEqual(periodYears('2026-12-20', '01-01', 3), [2026, 2025, 2024]);
  // halves from 15/12: from 15/12/2026 on, 2027 (15/12/2026 - 14/12/2027) has begun and is offered first
  assert.deepEqual(periodYears('2026-12-14', '12-15', 3), [2026, 2025, 2024]);
  assert.deepEqual(periodYears('2026-12-15', '12-15', 3), [2027, 2026, 2025]);
  // halves from 01/04: until 31/03/2026 the year running is 2025 (01/04/2025 - 31/03/2026), the one
  // the page opens on; 2026 is offered too, for its quarters are calendar quarters (2026-Q1 ends today)
  assert.deepEqual(periodYears('2026-03-31', '04-01', 3), [2026, 2025, 2024]);
  assert.equal(currentYear('2026-03-31', '04-01'), 2025);
  assert.deepEqual(periodYears('2026-04-01', '04-01', 2), [2026, 2025]);
  assert.equal(currentYear('2026-04-01', '04-01'), 2026);
  assert.equal(currentYear('2026-12-15', '12-15'), 2027);
  assert.equal(currentYear('2026-12-20', '01-01'), 2026);
});
