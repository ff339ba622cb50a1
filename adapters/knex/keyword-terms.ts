/**
 * The terms of keyword search: every character and every pair of adjacent characters of a text,
 * by code point (an emoji is one character), ASCII letters folded to lower case (the case rule of
 * `containsLiterally`). A term is a number: a character is its code point, a pair lies above every
 * code point, so no allocation is made per term.
 */
const CODE_POINTS = 0x110000;

/** The term of a pair of characters. */
function pairTerm(first: number, second: number): number {
  return CODE_POINTS + first * CODE_POINTS + second;
}

function folded(codePoint: number): number {
  return codePoint >= 0x41 && codePoint <= 0x5a ? codePoint + 0x20 : codePoint;
}

/** Calls `visit` with each term of `text`, characters and pairs, repeats included. */
export function visitTerms(text: string, visit: (term: number) => void): void {
  let previous = -1;
  for (let i = 0; i < text.length; i += 1) {
    const codePoint = text.codePointAt(i)!;
    if (codePoint > 0xffff) i += 1;
    const character = folded(codePoint);
    visit(character);
    if (previous >= 0) visit(pairTerm(previous, character));
    previous = character;
  }
}

/** How the index serves a keyword: `terms` that every match has; `exact` when having them is the match. */
export interface KeywordPlan {
  readonly terms: readonly number[];
  readonly exact: boolean;
}

/**
 * The plan for a non-empty keyword: one or two characters are a term, and holding the term is
 * matching; a longer keyword needs all its pairs, and the texts are then checked literally.
 */
export function keywordPlan(keyword: string): KeywordPlan {
  const characters: number[] = [];
  for (const character of keyword) characters.push(folded(character.codePointAt(0)!));
  if (characters.length === 1) return { terms: [characters[0]!], exact: true };
  if (characters.length === 2) return { terms: [pairTerm(characters[0]!, characters[1]!)], exact: true };
  const pairs = new Set<number>();
  for (let i = 0; i + 1 < characters.length; i += 1) pairs.add(pairTerm(characters[i]!, characters[i + 1]!));
  return { terms: [...pairs], exact: false };
}

/** ASCII letters to lower case, everything else as it is. */
export function foldAscii(text: string): string {
  return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}
