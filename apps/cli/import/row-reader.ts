/** One record of an import file: CSV cells are strings; JSON values may be numbers, arrays, null. */
export type RawRecord = Readonly<Record<string, unknown>>;

const DECIMAL_INTEGER = /^-?\d+$/;
const DECIMAL = /^-?\d+(?:\.\d+)?$/;
const YUAN = /^\d+(?:\.\d{1,2})?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/;

/**
 * Reads the fields of one record by rule, recording a problem per bad field (`row 3 (line 4),
 * field price: …`) and returning a placeholder, so that one pass reports every bad field of a file.
 * Values are quoted back to help find them, cut at 40 characters; secrets never are.
 */
export class RowReader {
  constructor(
    private readonly record: RawRecord,
    /** `row 3` or `row 3 (line 4)`. */
    readonly label: string,
    private readonly problems: string[],
  ) {}

  /** Records a problem with `field`. */
  problem(field: string, rule: string): void {
    this.problems.push(`${this.label}, field ${field}: ${rule}`);
  }

  /** Whether the field has a value (not absent, null or blank). */
  has(field: string): boolean {
    return present(this.record[field]) !== null;
  }

  /** Text of at most `max` characters (a VARCHAR column). */
  text(field: string, max: number, required = false): string {
    const value = present(this.record[field]);
    if (value === null) {
      if (required) this.problem(field, 'is required');
      return '';
    }
    if (typeof value !== 'string' && typeof value !== 'number') return this.#bad(field, 'must be text', value, '');
    const text = String(value).trim();
    if ([...text].length > max) return this.#bad(field, `must be at most ${max} characters`, text, '');
    return text;
  }

  /** Long text: at most 65,535 bytes of UTF-8 (a MySQL TEXT column). */
  longText(field: string): string {
    const text = this.text(field, Number.MAX_SAFE_INTEGER);
    if (Buffer.byteLength(text, 'utf8') > 65_535) return this.#bad(field, 'must be at most 65535 bytes of UTF-8', text, '');
    return text;
  }

  /** A secret (app secret, key): checked like text, never quoted back. */
  secret(field: string, required: boolean, check?: (value: string) => string | null): string {
    const value = present(this.record[field]);
    if (value === null) {
      if (required) this.problem(field, 'is required');
      return '';
    }
    if (typeof value !== 'string') {
      this.problem(field, 'must be text');
      return '';
    }
    const why = check?.(value.trim()) ?? null;
    if (why !== null) this.problem(field, why);
    return value.trim();
  }

  integer(field: string, min: number, max: number, fallback: number | null = null): number {
    if (!this.has(field)) return this.#fallback(field, fallback);
    return this.optionalInteger(field, min, max) ?? 0;
  }

  optionalInteger(field: string, min: number, max: number): number | null {
    const value = present(this.record[field]);
    if (value === null) return null;
    const text = String(value).trim();
    const number = (typeof value === 'number' || typeof value === 'string') && DECIMAL_INTEGER.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(number) || number < min || number > max) {
      return this.#bad(field, `must be an integer from ${min} to ${max}`, value, null);
    }
    return number;
  }

  /** One of `choices` (integers); `fallback` when absent. */
  choice(field: string, choices: readonly number[], fallback: number): number {
    const value = this.optionalInteger(field, Math.min(...choices), Math.max(...choices));
    if (value !== null && !choices.includes(value)) return this.#bad(field, `must be one of ${choices.join(', ')}`, value, fallback);
    return value ?? fallback;
  }

  /** A decimal number within [min, max] (coordinates), written in plain decimal notation. */
  decimal(field: string, min: number, max: number): number {
    const value = present(this.record[field]);
    if (value === null) return this.#fallback(field, null);
    const text = String(value).trim();
    const number = (typeof value === 'number' || typeof value === 'string') && DECIMAL.test(text) ? Number(text) : Number.NaN;
    if (!Number.isFinite(number) || number < min || number > max) return this.#bad(field, `must be a decimal number from ${min} to ${max}`, value, 0);
    return number;
  }

  /** An amount in yuan with at most two decimals (`12.50`), as integer fen. */
  yuan(field: string, max = 1_000_000): number {
    const value = present(this.record[field]);
    if (value === null) return this.#fallback(field, null);
    const text = String(value).trim();
    if ((typeof value !== 'number' && typeof value !== 'string') || !YUAN.test(text) || Number(text) > max) {
      return this.#bad(field, `must be an amount in yuan from 0 to ${max} with at most two decimals`, value, 0);
    }
    const [whole, cents = ''] = text.split('.') as [string, string?];
    return Number(whole) * 100 + Number(cents.padEnd(2, '0'));
  }

  /** A calendar date `YYYY-MM-DD`. */
  date(field: string): string {
    const text = this.text(field, 10, true);
    const match = DATE.exec(text);
    const valid = match && isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
    if (text !== '' && !valid) return this.#bad(field, 'must be a date YYYY-MM-DD', text, '');
    return text;
  }

  /** A time of day `HH:mm:ss`; `fallback` when absent. */
  time(field: string, fallback: string | null): string {
    if (!this.has(field) && fallback !== null) return fallback;
    const text = this.text(field, 8, true);
    if (text !== '' && !TIME.test(text)) return this.#bad(field, 'must be a time HH:mm:ss', text, '');
    return text;
  }

  /** A list of URLs: a JSON array in JSON files, URLs separated by `|` in CSV cells. */
  urlList(field: string, maxEach: number): string[] {
    const value = present(this.record[field]);
    if (value === null) return [];
    const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split('|').map((part) => part.trim()).filter(Boolean) : null;
    if (!list || list.some((url) => typeof url !== 'string' || url.length > maxEach)) {
      return this.#bad(field, `must be a list of URLs of at most ${maxEach} characters (a JSON array, or separated by | in CSV)`, value, []);
    }
    return list as string[];
  }

  #fallback(field: string, fallback: number | null): number {
    if (fallback === null) {
      this.problem(field, 'is required');
      return 0;
    }
    return fallback;
  }

  #bad<T>(field: string, rule: string, value: unknown, placeholder: T): T {
    const shown = typeof value === 'string' ? value : JSON.stringify(value);
    this.problem(field, `${rule}, not ${JSON.stringify(shown.length > 40 ? `${shown.slice(0, 40)}…` : shown)}`);
    return placeholder;
  }
}

function present(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' && value.trim() === '') return null;
  return value;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
