// Bulk loading of the benchmark dataset, past the app's writers (which insert one merchant per
// transaction): SQLite through better-sqlite3 with the secondary indexes dropped during the load
// and rebuilt after (a sort instead of a million random index insertions), MySQL / MariaDB through
// multi-row INSERTs with unique and foreign-key checks off, the secondary indexes that no foreign
// key needs likewise dropped and added again after the load. The search indexes of merchants live in
// the app's memory (built when it starts), so nothing else is written.
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import { performance } from 'node:perf_hooks';

/** The tables the bench fills, and whose indexes the SQLite load rebuilds. */
const LOADED = ['merchants', 'goods', 'users', 'orders'];

/** A loader for `databaseUrl`: `insert(table, rows)` any number of times, then `finish()`. */
export async function openLoader(databaseUrl) {
  if (databaseUrl.startsWith('sqlite:')) return sqliteLoader(databaseUrl.slice('sqlite:'.length));
  return mysqlLoader(databaseUrl);
}

function sqliteLoader(path) {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  db.pragma('temp_store = MEMORY');
  db.pragma('analysis_limit = 1000');
  db.pragma('threads = 4');
  const placeholders = LOADED.map(() => '?').join(', ');
  const indexes = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${placeholders})`)
    .all(...LOADED);
  for (const index of indexes) db.exec(`DROP INDEX ${index.name}`);
  const statements = new Map();
  const statementFor = (table, columns) => {
    if (!statements.has(table)) {
      statements.set(table, db.prepare(`INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`));
    }
    return statements.get(table);
  };
  const insertMany = (table, rows) => {
    const columns = Object.keys(rows[0]);
    const statement = statementFor(table, columns);
    const values = new Array(columns.length);
    for (const row of rows) {
      for (let c = 0; c < columns.length; c++) values[c] = row[columns[c]];
      statement.run(values);
    }
  };
  db.exec('BEGIN');
  return {
    async insert(table, rows) {
      if (rows.length > 0) insertMany(table, rows);
    },
    async finish() {
      const timed = (label, work) => {
        const started = performance.now();
        work();
        if (process.env.BENCH_DEBUG) console.log(`  ${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
      };
      timed('indexes', () => { for (const index of indexes) db.exec(index.sql); });
      db.exec('COMMIT');
      timed('analyze', () => db.exec('ANALYZE'));
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}

async function mysqlLoader(databaseUrl) {
  const url = new URL(databaseUrl);
  const connection = await mysql.createConnection({
    host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password),
    database: url.pathname.slice(1), charset: 'utf8mb4', timezone: 'Z',
  });
  await connection.query('SET SESSION foreign_key_checks = 0, unique_checks = 0');
  const dropped = await dropSecondaryIndexes(connection);
  const BATCH = 2000;
  return {
    async insert(table, rows) {
      if (rows.length === 0) return;
      const columns = Object.keys(rows[0]);
      await connection.query('START TRANSACTION');
      for (let at = 0; at < rows.length; at += BATCH) {
        const values = rows.slice(at, at + BATCH).map((row) => columns.map((c) => row[c]));
        await connection.query(`INSERT INTO \`${table}\` (${columns.map((c) => `\`${c}\``).join(', ')}) VALUES ?`, [values]);
      }
      await connection.query('COMMIT');
    },
    async finish() {
      const started = performance.now();
      for (const [table, indexes] of dropped) {
        if (indexes.length > 0) await connection.query(`ALTER TABLE \`${table}\` ${indexes.map((index) => `ADD INDEX ${index.definition}`).join(', ')}`);
      }
      console.log(`  indexes: ${((performance.now() - started) / 1000).toFixed(1)} s`);
      await connection.query('SET SESSION foreign_key_checks = 1, unique_checks = 1');
      for (const table of LOADED) await connection.query(`ANALYZE TABLE \`${table}\``);
      await connection.end();
    },
  };
}

/**
 * Drops the non-unique indexes of the loaded tables that no foreign key needs (MySQL refuses to
 * drop those); answers what was dropped, table by table, to be added again after the load.
 */
async function dropSecondaryIndexes(connection) {
  const [rows] = await connection.query(
    `SELECT TABLE_NAME AS tbl, INDEX_NAME AS name, COLUMN_NAME AS col, SUB_PART AS part FROM information_schema.STATISTICS
     WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN (?) AND NON_UNIQUE = 1 ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`,
    [LOADED],
  );
  const byIndex = new Map();
  for (const row of rows) {
    const key = `${row.tbl}.${row.name}`;
    const index = byIndex.get(key) ?? { table: row.tbl, name: row.name, columns: [] };
    index.columns.push(`\`${row.col}\`${row.part ? `(${row.part})` : ''}`);
    byIndex.set(key, index);
  }
  const dropped = new Map(LOADED.map((table) => [table, []]));
  for (const index of byIndex.values()) {
    try {
      await connection.query(`ALTER TABLE \`${index.table}\` DROP INDEX \`${index.name}\``);
    } catch (error) {
      if (error.errno === 1553) continue; // needed in a foreign key constraint: it stays
      throw error;
    }
    dropped.get(index.table).push({ definition: `\`${index.name}\` (${index.columns.join(', ')})` });
  }
  return dropped;
}
