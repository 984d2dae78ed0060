/**
 * Lines a minifier wrote, recognised by their content rather than their file's name: a bundle
 * vendored as `static/swagger-ui-bundle.js`, or a minified script inlined in an HTML page. Names
 * and values there are a minifier's (`overEvery`, `case"authorization_code":…`), so, as in a
 * `*.min.js` file, only provider formats are judged on such a line.
 *
 * A generated line is long (people wrap code and prose well before MIN_LENGTH characters) and has
 * a minifier's density: almost no blanks (prose and pretty-printed code have one in five or six
 * characters, a minified bundle about one in fifty) and many of the characters that join
 * statements and calls (`(`, `)`, `;`; about one in fourteen in a bundle). A long line of data
 * (base64, a CSV row) has no such punctuation, and prose has blanks, so both keep their judgement.
 * JSON documents (notebooks, JSONL) are data: their lines are never taken for code (a traceback's
 * colour codes are dense in `;` too).
 *
 * The decision is per line, made once for a line and only when a candidate sits on one that long.
 */
const MIN_LENGTH = 1000;
const MAX_BLANKS = 0.05;
const MIN_JOINERS = 0.04;

export class GeneratedLines {
  private from = 0;
  private to = 0;
  private generated = false;

  constructor(private readonly text: string) {}

  /** Is the offset on a line a minifier wrote? */
  at(pos: number): boolean {
    if (pos >= this.from && pos < this.to) return this.generated;
    const text = this.text;
    // The line's start by character codes: a candidate sits a few dozen characters into its line,
    // and `lastIndexOf` is a call into the runtime at each of the ~200,000 lines the corpus asks.
    let from = pos;
    while (from > 0 && text.charCodeAt(from - 1) !== 10) from--;
    let to = text.indexOf('\n', pos);
    if (to < 0) to = text.length;
    this.from = from;
    this.to = Math.max(to, pos + 1);
    this.generated = to - from >= MIN_LENGTH && minifierDensity(text, from, to);
    return this.generated;
  }
}

function minifierDensity(text: string, from: number, to: number): boolean {
  let blanks = 0;
  let joiners = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) blanks++;
    else if (c === 40 || c === 41 || c === 59) joiners++;
  }
  const n = to - from;
  return blanks < n * MAX_BLANKS && joiners >= n * MIN_JOINERS;
}
