/**
 * The `initial` of an area: the first letter of its name's pinyin, A-Z. pinyin-pro's word
 * segmentation gets every prefecture-level city right (重庆 C, 长沙 C, 长春 C, 厦门 X, 六安 L,
 * 蚌埠 B, 亳州 B, 泸州 L, 漯河 L, 濮阳 P, 衢州 Q, 儋州 D); a few county names use a place-name
 * reading its general dictionary lacks, fixed by `PLACE_READINGS`.
 */
import { customPinyin, pinyin } from 'pinyin-pro';

/**
 * Place-name readings pinyin-pro gets wrong (or that we pin for clarity), as whole words so the
 * character's ordinary reading is untouched elsewhere. Every entry whose first letter differs from
 * pinyin-pro's default is marked "fixes".
 */
export const PLACE_READINGS = {
  歙县: 'shè xiàn', // fixes: xi → S
  蔚县: 'yù xiàn', // fixes: wei → Y
  单县: 'shàn xiàn', // fixes: dan → S
  曾都: 'zēng dū', // fixes: ceng → Z
  筠连: 'jūn lián', // fixes: yun → J
  召陵: 'shào líng', // fixes: zhao → S
  泌阳: 'bì yáng', // fixes: mi → B
  浚县: 'xùn xiàn', // fixes: jun → X
  涡阳: 'guō yáng', // fixes: wo → G
  覃塘: 'tán táng', // fixes: qin → T
  尉犁: 'yù lí', // fixes: wei → Y
  宕昌: 'tàn chāng', // fixes: dang → T
  调兵山: 'diào bīng shān', // fixes: tiao → D
  乐清: 'yuè qīng', // fixes: le → Y
  乐亭: 'lào tíng', // same letter (L), pinned
  大埔: 'dà bù', // same letter (D), pinned
  番禺: 'pān yú', // same letter (P), pinned
  铅山: 'yán shān', // same letter (Y), pinned
  六安: 'lù ān', // same letter (L), pinned
  长子: 'zhǎng zǐ', // same letter (Z), pinned
};

customPinyin(PLACE_READINGS);

/**
 * First letter of the pinyin of `name`, uppercase A-Z.
 * @param {string} name an area's Chinese name
 * @returns {string}
 */
export function initialOf(name) {
  const letter = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array' })[0]?.toUpperCase();
  if (!letter || !/^[A-Z]$/.test(letter)) throw new Error(`no pinyin initial for ${name}: ${letter}`);
  return letter;
}
