import fc from 'fast-check';

/** Strings that have broken servers: control and format characters, lone surrogates, scripts, injections. */
const NASTY = [
  '', ' ', '\u0000', 'a\u0000b', '\uD800', '\uDFFF', 'x\uD83D', '\u202Eevil\u202C', '\u200F\u200E', '\uFEFF', '😀', '𠮷野家',
  '👨‍👩‍👧‍👦', 'e\u0301', '\r\n', '\t', '\\', '%', '%00', '%ZZ', '_', "' OR '1'='1", '"; DROP TABLE users; --', "1' AND SLEEP(5)#",
  '1 UNION SELECT * FROM opers', '${7*7}', '{{7*7}}', '<script>alert(1)</script>', '../../etc/passwd', '__proto__', 'constructor',
  'null', 'undefined', 'true', '[]', '{}', 'NaN', 'Infinity', '-0', '1e999', '0x10', '9'.repeat(400), '-1', '0', '１２３',
];

/** A hostile piece of text: a nasty constant, random code points (surrogates too), or several glued together. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  { weight: 2, arbitrary: fc.array(fc.oneof(fc.constantFrom(...NASTY), fc.string({ unit: 'grapheme', maxLength: 6 })), { maxLength: 5 }).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('x', '𠮷', '\u0000', '9'), fc.integer({ min: 100, max: 6000 })).map(([unit, n]) => unit.repeat(n)) },
);

/** A hostile JSON value: wrong types, huge and odd numbers, nested shapes. */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: fc.constantFrom(1e308, -1e308, 2 ** 53 + 2, -0, 0.5, -1, 0, 2 ** 31, 1e-9, 12345678901234567890) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.array(fc.oneof(fc.integer(), hostileString), { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(hostileString, fc.oneof(fc.integer(), hostileString), { maxKeys: 3 }) },
);

/** Hostile text for a query string or form: one value, or the parameter repeated. */
export const hostileText: fc.Arbitrary<string | string[]> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.array(hostileString, { minLength: 2, maxLength: 3 }) },
);

/** Names of parameters nobody declared, some of them poisonous for a careless merge. */
export const extraKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'a[b]', 'a[]', 'id[0]', ''),
  hostileString.filter((key) => key.length < 40),
);
