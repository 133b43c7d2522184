// The Porter stemmer, as bleve's English analyzer runs it (the
// stemmer_porter filter, github.com/blevesearch/go-porterstemmer): Porter's
// 1980 algorithm with two departures of his own later versions ("bli" →
// "ble", "logi" → "log"), over code points, after lowercasing. Written from
// the algorithm's description; the comments name its steps.
//
// Conventions of this variant that the tests pin down: a suffix never
// matches the whole word; a step that finds its suffix but fails the
// measure condition tries no shorter suffix; words of one or two letters
// are left alone.

type Word = number[];

const A = 0x61, E = 0x65, I = 0x69, O = 0x6f, U = 0x75, Y = 0x79;
const L = 0x6c, S = 0x73, Z = 0x7a, W = 0x77, X = 0x78, T = 0x74;

function isConsonant(w: Word, i: number): boolean {
  switch (w[i]) {
    case A: case E: case I: case O: case U:
      return false;
    case Y:
      return i === 0 ? true : !isConsonant(w, i - 1);
  }
  return true;
}

/** measure counts the vowel-consonant sequences [C](VC)^m[V] of w[0:n]. */
function measure(w: Word, n: number): number {
  let m = 0;
  let i = 0;
  if (n === 0) return 0;
  while (isConsonant(w, i)) {
    i++;
    if (i >= n) return m;
  }
  while (i < n) {
    while (!isConsonant(w, i)) {
      i++;
      if (i >= n) return m;
    }
    while (isConsonant(w, i)) {
      i++;
      if (i >= n) return m + 1;
    }
    m++;
  }
  return m;
}

function hasSuffix(w: Word, n: number, suffix: string): boolean {
  const k = suffix.length;
  if (n <= k) return false;
  for (let i = 0; i < k; i++) {
    if (w[n - k + i] !== suffix.charCodeAt(i)) return false;
  }
  return true;
}

function containsVowel(w: Word, n: number): boolean {
  for (let i = 0; i < n; i++) if (!isConsonant(w, i)) return true;
  return false;
}

function endsDoubleConsonant(w: Word, n: number): boolean {
  return n >= 2 && w[n - 1] === w[n - 2] && isConsonant(w, n - 1);
}

function endsCVC(w: Word, n: number): boolean {
  return n >= 3 && isConsonant(w, n - 3) && !isConsonant(w, n - 2) && isConsonant(w, n - 1);
}

function set(w: Word, i: number, c: string): void {
  w[i] = c.charCodeAt(0);
}

// Step 1a: plurals.
function step1a(w: Word): void {
  const n = w.length;
  if (hasSuffix(w, n, "sses") || hasSuffix(w, n, "ies")) w.length = n - 2;
  else if (hasSuffix(w, n, "ss")) return;
  else if (hasSuffix(w, n, "s")) w.length = n - 1;
}

// Step 1b: -eed, -ed, -ing, and the tidying after -ed and -ing.
function step1b(w: Word): void {
  const n = w.length;
  if (hasSuffix(w, n, "eed")) {
    if (measure(w, n - 3) > 0) w.length = n - 1;
    return;
  }
  let stem: number;
  let ing: boolean;
  if (hasSuffix(w, n, "ed")) {
    stem = n - 2;
    ing = false;
  } else if (hasSuffix(w, n, "ing")) {
    stem = n - 3;
    ing = true;
  } else {
    return;
  }
  if (!containsVowel(w, stem)) return;
  const c = w[stem - 1]!;
  if (hasSuffix(w, stem, "at") || hasSuffix(w, stem, "bl") || hasSuffix(w, stem, "iz")) {
    // -ated → -ate keeps the e of -ed; -ating → -ate writes one.
    w.length = stem + 1;
    if (ing) set(w, stem, "e");
  } else if (c !== L && c !== S && c !== Z && endsDoubleConsonant(w, stem)) {
    w.length = stem - 1;
  } else if (measure(w, stem) === 1 && endsCVC(w, stem) && c !== W && c !== X && c !== Y) {
    w.length = stem + 1;
    set(w, stem, "e");
  } else {
    w.length = stem;
  }
}

// Step 1c: y → i after a vowel.
function step1c(w: Word): void {
  const n = w.length;
  if (n < 2) return;
  if (w[n - 1] === Y && containsVowel(w, n - 1)) set(w, n - 1, "i");
  else if (w[n - 1] === 0x59 && containsVowel(w, n - 1)) set(w, n - 1, "I");
}

// A rule of steps 2 and 3: when the word ends with the suffix and the
// stem before it has m > 0, keep `keep` letters of the suffix and append `add`.
type Rule = readonly [suffix: string, keep: number, add: string];

const STEP2: readonly Rule[] = [
  ["ational", 2, "e"], ["tional", 4, ""], ["enci", 3, "e"], ["anci", 3, "e"],
  ["izer", 3, ""], ["bli", 2, "e"], ["alli", 2, ""], ["entli", 3, ""], ["eli", 1, ""],
  ["ousli", 3, ""], ["ization", 2, "e"], ["ation", 2, "e"], ["ator", 2, "e"],
  ["alism", 2, ""], ["iveness", 3, ""], ["fulness", 3, ""], ["ousness", 3, ""],
  ["aliti", 2, ""], ["iviti", 2, "e"], ["biliti", 1, "le"], ["logi", 3, ""],
];

const STEP3: readonly Rule[] = [
  ["icate", 2, ""], ["ative", 0, ""], ["alize", 2, ""], ["iciti", 2, ""],
  ["ical", 2, ""], ["ful", 0, ""], ["ness", 0, ""],
];

function applyRules(w: Word, rules: readonly Rule[]): void {
  const n = w.length;
  for (const [suffix, keep, add] of rules) {
    if (!hasSuffix(w, n, suffix)) continue;
    const stem = n - suffix.length;
    if (measure(w, stem) > 0) {
      w.length = stem + keep;
      for (let i = 0; i < add.length; i++) w.push(add.charCodeAt(i));
    }
    return;
  }
}

// Step 4: suffixes removed when m > 1.
const STEP4 = [
  "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent",
  "ion", "ou", "ism", "ate", "iti", "ous", "ive", "ize",
];

function step4(w: Word): void {
  const n = w.length;
  for (const suffix of STEP4) {
    if (!hasSuffix(w, n, suffix)) continue;
    const stem = n - suffix.length;
    const c = w[stem - 1];
    if (measure(w, stem) > 1 && (suffix !== "ion" || c === S || c === T)) w.length = stem;
    return;
  }
}

// Step 5a: a final e.
function step5a(w: Word): void {
  const n = w.length;
  if (w[n - 1] !== E) return;
  const m = measure(w, n - 1);
  const c = w[n - 2];
  if (m > 1 || (m === 1 && !(endsCVC(w, n - 1) && c !== W && c !== X && c !== Y))) w.length = n - 1;
}

// Step 5b: -ll → -l when m > 1.
function step5b(w: Word): void {
  const n = w.length;
  if (n > 2 && w[n - 2] === L && w[n - 1] === L && measure(w, n - 1) > 1) w.length = n - 1;
}

/** stemPorter stems a lowercased English word. */
export function stemPorter(word: string): string {
  const w = Array.from(word, (ch) => ch.codePointAt(0)!);
  if (w.length <= 2) return word;
  step1a(w);
  step1b(w);
  step1c(w);
  applyRules(w, STEP2);
  applyRules(w, STEP3);
  step4(w);
  step5a(w);
  step5b(w);
  return String.fromCodePoint(...w);
}
