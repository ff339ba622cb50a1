import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { RawRecord } from './row-reader.js';

/** The records of an import file, each with the label its problems are reported under. */
export interface ImportFile {
  readonly records: readonly RawRecord[];
  /** `row 3 (line 4)` for CSV (the header is line 1), `row 3` for JSON; rows count from 1. */
  label(index: number): string;
  /** Every column name met, for spotting misspelt ones. */
  readonly columns: ReadonlySet<string>;
}

export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';
}

/**
 * Reads `path` by its extension: `.csv` (UTF-8, a BOM allowed, a header row naming the columns,
 * cells quoted as RFC 4180 says, so that a PEM key may span lines) or `.json` (an array of objects,
 * or an object with such an array under `rows`).
 */
export async function readImportFile(path: string): Promise<ImportFile> {
  const extension = extname(path).toLowerCase();
  if (extension !== '.csv' && extension !== '.json') throw new ImportFileError(`${path}: the file must end in .csv or .json`);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ImportFileError(`${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return extension === '.csv' ? fromCsv(path, text) : fromJson(path, text);
}

function fromCsv(path: string, text: string): ImportFile {
  let rows: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    rows = parse(text, { bom: true, columns: true, skip_empty_lines: true, info: true, relax_column_count: false }) as typeof rows;
  } catch (error) {
    throw new ImportFileError(`${path}: not valid CSV: ${error instanceof Error ? error.message : String(error)}`);
  }
  const columns = new Set(rows.length > 0 ? Object.keys(rows[0]!.record) : headerOf(text));
  return {
    records: rows.map((row) => row.record),
    // `info.lines` is the line a record ends on; a record spans several lines only inside quotes.
    label: (index) => `row ${index + 1} (line ${rows[index]?.info.lines ?? '?'})`,
    columns,
  };
}

function headerOf(text: string): string[] {
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return first === '' ? [] : first.split(',').map((name) => name.trim());
}

function fromJson(path: string, text: string): ImportFile {
  let document: unknown;
  try {
    document = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ImportFileError(`${path}: not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const rows = Array.isArray(document) ? document : (document as { rows?: unknown } | null)?.rows;
  if (!Array.isArray(rows)) throw new ImportFileError(`${path}: the JSON must be an array of objects, or {"rows": [...]}`);
  const bad = rows.findIndex((row) => typeof row !== 'object' || row === null || Array.isArray(row));
  if (bad >= 0) throw new ImportFileError(`${path}: row ${bad + 1} is not an object`);
  const columns = new Set<string>();
  for (const row of rows as RawRecord[]) for (const key of Object.keys(row)) columns.add(key);
  return { records: rows as RawRecord[], label: (index) => `row ${index + 1}`, columns };
}
