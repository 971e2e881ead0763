// Drives Quiver (or PostgreSQL) through node-postgres (`pg`) and prints a
// transcript of what the driver returned, one line per fact, for the Go test
// to compare with testdata/nodepg/expected.out.
//
// Usage: NODE_PATH=<dir>/node_modules TZ=UTC node client_test.js host port dbname
'use strict';

const { Client } = require('pg');

const rows = [
  [1, '9000000000', 1.5, '12.345', 'héllo', 'v1', true, '2024-02-29',
    '2024-01-02 03:04:05.123456', new Date('2024-01-02T03:04:05.5+02:00')],
  [2, -1n, -0.25, '-0.001', "it's", '', false, '1999-12-31',
    '2000-01-01 00:00:00', new Date('1970-01-01T00:00:00Z')],
  [3, null, null, null, null, null, null, null, null, null],
];

// describe names a value's JavaScript type and its canonical text.
function describe(v) {
  if (v === null) return 'null';
  if (v instanceof Date) return 'Date:' + v.toISOString();
  return typeof v + ':' + String(v);
}

function printRows(prefix, res) {
  for (const row of res.rows) console.log(prefix + ' ' + row.map(describe).join(' '));
}

// step runs one part and prints its failure instead of stopping.
async function step(name, fn) {
  console.log('-- ' + name);
  try {
    await fn();
  } catch (e) {
    console.log('error sqlstate=' + e.code + ' ' + e.message);
  }
}

async function expectError(client, sql, values) {
  try {
    await client.query(sql, values);
    console.log('no error');
  } catch (e) {
    console.log('sqlstate=' + e.code + ' severity=' + e.severity);
  }
}

async function main() {
  const [host, port, database] = process.argv.slice(2);
  const client = new Client({ host, port: Number(port), database, user: 'postgres',
    connectionTimeoutMillis: 10000, query_timeout: 30000 });
  await client.connect();
  console.log('connect ok');
  const q = (text, values) => client.query({ text, values, rowMode: 'array' });

  await step('create', async () => {
    await q('DROP TABLE IF EXISTS ct');
    const res = await q('CREATE TABLE ct (id int PRIMARY KEY, big bigint, f float8, n numeric, ' +
      't text, v varchar(20), b bool, d date, ts timestamp, tz timestamptz)');
    console.log('created command=' + res.command);
  });
  await step('insert', async () => {
    for (const row of rows) {
      const res = await q('INSERT INTO ct (id, big, f, n, t, v, b, d, ts, tz) ' +
        'VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)', row);
      console.log('insert ' + row[0] + ' command=' + res.command + ' rowCount=' + res.rowCount);
    }
  });
  await step('select', async () => {
    const res = await q('SELECT id, big, f, n, t, v, b, d, ts, tz FROM ct WHERE id >= $1 ORDER BY id', [1]);
    console.log('columns ' + res.fields.map((f) => f.name + ':' + f.dataTypeID).join(' '));
    printRows('row', res);
  });
  await step('named-prepared', async () => {
    for (let run = 1; run <= 7; run++) {
      const res = await client.query({ name: 'get-ct', rowMode: 'array',
        text: 'SELECT id, big, f, n, t, b, d, ts, tz FROM ct WHERE id = $1', values: [(run - 1) % 3 + 1] });
      printRows('run ' + run + ' row', res);
    }
  });
  await step('multi-statement', async () => {
    const res = await client.query('SELECT 1 AS a; SELECT t FROM ct WHERE id = 2');
    console.log('results=' + res.length + ' a=' + res[0].rows[0].a + ' t=' + res[1].rows[0].t);
  });
  await step('update', async () => {
    const res = await q('UPDATE ct SET v = $1 WHERE id = $2', ['upd', 2]);
    console.log('update command=' + res.command + ' rowCount=' + res.rowCount);
  });
  await step('duplicate', () => expectError(client, 'INSERT INTO ct (id, t) VALUES ($1, $2)', [1, 'dup']));
  await step('syntax', () => expectError(client, 'SELEC 1'));
  await step('syntax-extended', () => expectError(client, 'SELEC $1', [1]));
  await step('after-error', async () => {
    printRows('row', await q('SELECT count(*), max(v) FROM ct WHERE id < $1', [100]));
  });
  await client.end();
  console.log('done');
}

main().catch((e) => {
  console.log('fatal ' + e.message);
  process.exit(1);
});
