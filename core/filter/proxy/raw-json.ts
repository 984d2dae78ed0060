/**
 * The string literals of a JSON text, found in the text itself: the proxy scans each string of a
 * body without building the body's value (JSON.parse of the whole body, a walk over it, and
 * JSON.stringify when something was masked). The grammar is RFC 8259's, as strict as JSON.parse:
 * a text this rejects is not JSON to the proxy either and is scanned whole, so nothing outside a
 * string literal of an accepted text (punctuation, numbers, true/false/null) can hold a key.
 */

/**
 * Called for each string literal, in text order: [start, end) includes the quotes; `escaped` when
 * the literal holds a backslash escape (its value then differs from the text between the quotes);
 * `key` when it names an object member.
 */
export type StringVisitor = (start: number, end: number, escaped: boolean, key: boolean) => void;

const OBJECT = 1;
const ARRAY = 2;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
/** What JSON does not allow unescaped inside a string. */
const CONTROL = /[\u0000-\u001f]/g;

/**
 * Visits every string literal of `text` and says whether `text` is one JSON value (what JSON.parse
 * accepts). Literals before a syntax error have been visited when it returns false. One pass, no
 * value built: each literal's end is found with indexOf, backslashes and control characters by
 * searches whose results are kept until passed, so the cost is the text's length once.
 */
export function eachJsonString(text: string, visit: StringVisitor): boolean {
  const n = text.length;
  const stack: number[] = [];
  let nextBackslash = -1;
  let nextControl = -1;
  /** Whether a control character lies in [from, to). */
  const controlIn = (from: number, to: number): boolean => {
    if (nextControl < from) {
      CONTROL.lastIndex = from;
      const m = CONTROL.exec(text);
      nextControl = m ? m.index : n;
    }
    return nextControl < to;
  };
  /** The end of the literal opening at `at` (past its closing quote), or -1; sets `escaped`. */
  let escaped = false;
  const stringEnd = (at: number): number => {
    escaped = false;
    let k = at + 1;
    for (;;) {
      const quote = text.indexOf('"', k);
      if (quote < 0) return -1;
      if (nextBackslash < k) {
        nextBackslash = text.indexOf('\\', k);
        if (nextBackslash < 0) nextBackslash = n;
      }
      if (nextBackslash > quote) return controlIn(k, quote) ? -1 : quote + 1;
      const b = nextBackslash;
      if (controlIn(k, b)) return -1;
      escaped = true;
      const e = text.charCodeAt(b + 1);
      // " \ / b f n r t, or u and four hex digits
      if (e === 34 || e === 92 || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) k = b + 2;
      else if (e === 117 && isHex(text, b + 2) && isHex(text, b + 3) && isHex(text, b + 4) && isHex(text, b + 5)) k = b + 6;
      else return -1;
    }
  };
  const ws = (at: number): number => {
    let i = at;
    for (let c = text.charCodeAt(i); c === 32 || c === 10 || c === 13 || c === 9; c = text.charCodeAt(++i));
    return i;
  };
  let i = ws(0);
  // One loop over values: after each, either the container goes on (`,`), closes, or the text ends.
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 123 || c === 91) {
      i = ws(i + 1);
      if (text.charCodeAt(i) === (c === 123 ? 125 : 93)) i++;
      else {
        stack.push(c === 123 ? OBJECT : ARRAY);
        if (c === 123) {
          i = member(i);
          if (i < 0) return false;
        }
        continue;
      }
    } else if (c === 34) {
      const end = stringEnd(i);
      if (end < 0) return false;
      visit(i, end, escaped, false);
      i = end;
    } else if (c === 116 && text.startsWith('true', i)) i += 4;
    else if (c === 102 && text.startsWith('false', i)) i += 5;
    else if (c === 110 && text.startsWith('null', i)) i += 4;
    else {
      NUMBER.lastIndex = i;
      if (!NUMBER.test(text)) return false;
      i = NUMBER.lastIndex;
    }
    // After a value: close containers, or go on to the next element or member.
    for (;;) {
      i = ws(i);
      const top = stack[stack.length - 1];
      if (top === undefined) return i === n;
      const d = text.charCodeAt(i);
      if (d === 44) {
        i = ws(i + 1);
        if (top === OBJECT) {
          i = member(i);
          if (i < 0) return false;
        }
        break;
      }
      if (d !== (top === OBJECT ? 125 : 93)) return false;
      stack.pop();
      i++;
    }
  }

  /** A member's name and colon at `at`: the offset of its value, or -1. */
  function member(at: number): number {
    if (text.charCodeAt(at) !== 34) return -1;
    const end = stringEnd(at);
    if (end < 0) return -1;
    visit(at, end, escaped, true);
    const colon = ws(end);
    return text.charCodeAt(colon) === 58 ? ws(colon + 1) : -1;
  }
}

function isHex(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}
