// The Snowball Norwegian stemmer, as bleve runs it (the "no" analyzer's
// stemmer_no_snowball filter). Written from the algorithm's description:
//
//   R1 starts after the first non-vowel that follows a vowel, but at least
//   three letters into the word. In R1, from the end of the word:
//   1. remove the longest of the main suffixes (a, e, ede, ande, …, het, ast);
//      "s" only after a valid s-ending (or after k preceded by a non-vowel);
//      "erte" and "ert" become "er";
//   2. remove the t of a final "dt" or "vt";
//   3. remove the longest of leg, eleg, ig, eig, lig, elig, els, lov, elov,
//      slov, hetslov.
//
// Words are arrays of code points; vowels are a e i o u y æ å ø.

const REPLACEMENT = 0xfffd;

function isVowel(c: number): boolean {
  switch (c) {
    case 0x61: case 0x65: case 0x69: case 0x6f: case 0x75: case 0x79:
    case 0xe5: case 0xe6: case 0xf8:
      return true;
  }
  return false;
}

// The Snowball runtime treats U+FFFD as neither inside nor outside a
// grouping; a non-vowel is a character that is positively outside.
function isNonVowel(c: number): boolean {
  return c !== REPLACEMENT && !isVowel(c);
}

const S_ENDING = "bcdfghjlmnoprtvyz";

function isSEnding(c: number): boolean {
  return c < 128 && S_ENDING.indexOf(String.fromCharCode(c)) >= 0;
}

// Suffix lists: suffix → action (1 delete, 2 delete if s-ending, 3 replace by "er").
const MAIN: ReadonlyMap<string, number> = new Map([
  ["a", 1], ["e", 1], ["ede", 1], ["ande", 1], ["ende", 1], ["ane", 1], ["ene", 1],
  ["hetene", 1], ["erte", 3], ["en", 1], ["heten", 1], ["ar", 1], ["er", 1],
  ["heter", 1], ["s", 2], ["as", 1], ["es", 1], ["edes", 1], ["endes", 1],
  ["enes", 1], ["hetenes", 1], ["ens", 1], ["hetens", 1], ["ers", 1], ["ets", 1],
  ["et", 1], ["het", 1], ["ert", 3], ["ast", 1],
]);
const MAIN_MAX = 7;

const OTHER: ReadonlySet<string> = new Set([
  "leg", "eleg", "ig", "eig", "lig", "elig", "els", "lov", "elov", "slov", "hetslov",
]);
const OTHER_MAX = 7;

/** The length of the longest suffix of w found in the list that lies in w[from:]. */
function longestSuffix(w: number[], from: number, has: (s: string) => boolean, max: number): number {
  let best = 0;
  let s = "";
  for (let n = 1; n <= max && w.length - n >= from; n++) {
    const c = w[w.length - n]!;
    if (c >= 128) break; // every suffix is ASCII
    s = String.fromCharCode(c) + s;
    if (has(s)) best = n;
  }
  return best;
}

function r1(w: number[]): number {
  const n = w.length;
  if (n < 3) return n;
  let i = 0;
  while (i < n && !isVowel(w[i]!)) i++;
  if (i >= n) return n;
  while (i < n && !isNonVowel(w[i]!)) i++;
  if (i >= n) return n;
  return Math.max(i + 1, 3);
}

/** stemNorwegian stems a lowercased word. */
export function stemNorwegian(word: string): string {
  const w = Array.from(word, (ch) => ch.codePointAt(0)!);
  const p1 = r1(w);

  // Step 1: main suffixes.
  const n = longestSuffix(w, p1, (s) => MAIN.has(s), MAIN_MAX);
  if (n > 0) {
    const suffix = String.fromCharCode(...w.slice(w.length - n));
    const action = MAIN.get(suffix)!;
    const k = w.length - n; // where the suffix starts
    if (action === 1) {
      w.length = k;
    } else if (action === 2) {
      const before = k > 0 ? w[k - 1]! : -1;
      if (before >= 0 && isSEnding(before)) w.length = k;
      else if (before === 0x6b && k >= 2 && isNonVowel(w[k - 2]!)) w.length = k;
    } else {
      w.length = k;
      w.push(0x65, 0x72);
    }
  }

  // Step 2: consonant pair.
  if (w.length - 2 >= p1) {
    const a = w[w.length - 2];
    const b = w[w.length - 1];
    if ((a === 0x64 || a === 0x76) && b === 0x74) w.length -= 1;
  }

  // Step 3: other suffixes.
  const m = longestSuffix(w, p1, (s) => OTHER.has(s), OTHER_MAX);
  if (m > 0) w.length -= m;

  return String.fromCodePoint(...w);
}
