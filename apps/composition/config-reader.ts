type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads variables of an environment and collects what is wrong with them instead of stopping at
 * the first problem, so that an operator sees every problem of a configuration at once. Each
 * reader returns a usable fallback after recording a problem; {@link EnvReader.problems} lists
 * them, one line each, naming the variable.
 */
export class EnvReader {
  readonly #problems: string[] = [];

  constructor(private readonly env: Env) {}

  /** The problems recorded so far, in the order met. */
  get problems(): readonly string[] {
    return this.#problems;
  }

  /** Records a problem that no single reader can see (a rule across variables). */
  problem(line: string): void {
    this.#problems.push(line);
  }

  /** The trimmed value, or null when unset or blank. */
  optional(name: string): string | null {
    const raw = this.env[name];
    return raw === undefined || raw.trim() === '' ? null : raw.trim();
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.optional(name);
    if (raw === null) return fallback;
    const value = /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      this.problem(`${name} must be an integer from ${min} to ${max}, not "${raw}"`);
      return fallback;
    }
    return value;
  }

  /** One of `choices`; `fallback` when unset. */
  choice<const C extends string>(name: string, choices: readonly C[], fallback: C): C {
    const raw = this.optional(name);
    if (raw === null) return fallback;
    if ((choices as readonly string[]).includes(raw)) return raw as C;
    this.problem(`${name} must be ${listed(choices)}, not "${raw}"`);
    return fallback;
  }

  /** `1`/`true` on, `0`/`false` (or unset) off. */
  flag(name: string): boolean {
    const raw = this.optional(name);
    if (raw === null || raw === '0' || raw === 'false') return false;
    if (raw === '1' || raw === 'true') return true;
    this.problem(`${name} must be 1, true, 0 or false, not "${raw}"`);
    return false;
  }

  /** An absolute http(s) URL without a trailing slash, or null when unset. */
  url(name: string, fallback: string | null = null): string | null {
    const raw = this.optional(name);
    if (raw === null) return fallback;
    let url: URL | null = null;
    try {
      url = new URL(raw);
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      this.problem(`${name} must be an http:// or https:// address, not "${raw}"`);
      return fallback;
    }
    return raw.replace(/\/+$/, '');
  }

  /** A comma-separated list of 6-digit area codes, or null when unset. */
  areaCodes(name: string): number[] | null {
    const raw = this.optional(name);
    if (raw === null) return null;
    const codes = raw.split(',').map((part) => part.trim());
    if (codes.some((code) => !/^[1-9]\d{5}$/.test(code))) {
      this.problem(`${name} must be a comma-separated list of 6-digit area codes`);
      return null;
    }
    return codes.map(Number);
  }
}

function listed(choices: readonly string[]): string {
  return choices.length < 2 ? choices.join('') : `${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}`;
}
