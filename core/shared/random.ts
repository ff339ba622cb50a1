/** Unpredictable values. Implementations must draw from a cryptographic source. */
export interface Random {
  /** An opaque URL-safe string carrying at least 128 bits of entropy. */
  token(): string;
  /** A string of `length` (a positive integer) decimal digits, each uniform in 0-9. */
  digits(length: number): string;
}

/** One-way digest for secrets that are stored to be compared, never read back (login tokens). */
export interface SecretHasher {
  hash(secret: string): string;
}
