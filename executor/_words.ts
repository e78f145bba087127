/**
 * The one definition of `metadata.word_count`, shared by every strategy
 * ({@linkcode extract} fills it from the content it returns).
 *
 * @module
 */

/**
 * Letters of scripts written without spaces (each counts as one word); by script
 * extension, so the katakana long-vowel mark "ー" is one, but not punctuation such as "。".
 */
const CJK = String.raw`[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}]&&[\p{L}\p{N}]`;

/**
 * One CJK character, or a run of letters and digits (combining marks inside a
 * run, such as Arabic harakat, Hebrew points or Devanagari vowel signs, do not
 * split it) that holds no CJK character.
 */
const WORD = new RegExp(
  `[${CJK}]|[[\\p{L}\\p{N}]--[${CJK}]][[\\p{L}\\p{M}\\p{N}]--[${CJK}]]*`,
  "gv",
);

/**
 * Counts the words of `text`: runs of letters and digits, each Han, Hiragana
 * or Katakana character one word (those scripts do not separate words by spaces).
 * Punctuation, symbols and whitespace separate words and are not counted.
 *
 * @example
 * ```ts
 * import { countWords } from "./_words.ts";
 * countWords("It's 5 o'clock"); // 5: It, s, 5, o, clock
 * countWords("東京は晴れ"); // 5
 * ```
 */
export function countWords(text: string): number {
  let n = 0;
  WORD.lastIndex = 0;
  while (WORD.exec(text) !== null) n++;
  return n;
}
