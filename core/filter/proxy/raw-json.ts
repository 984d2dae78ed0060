/**
 * The string literals of a JSON text, found in the text itself: the proxy scans each string of a
 * body without building the body's value (JSON.parse of the whole body, a walk over it, and
 * JSON.stringify when something was masked). The grammar is RFC 8259's, as strict as JSON.parse:
 * a text this rejects is not JSON to the proxy either and is scanned whole, so nothing outside a
 * string literal of an accepted text (punctuation, numbers, true/false/null) can hold a key.
 */

/**
 * Called for each string value (member names go to their own visitor), in text order: [start,
 * end) is its literal, quotes included; `value` is the string it stands for.
 */
export type StringVisitor = (start: number, end: number, value: string) => void;

const OBJECT = 1;
const ARRAY = 2;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
/** What JSON does not allow unescaped inside a string. */
const CONTROL = /[\u0000-\u001f]/;

/**
 * Visits every string value of `text` and says whether `text` is one JSON value (what JSON.parse
 * accepts). Values before a syntax error have been visited when it returns false. No value but
 * the strings is built: a literal without a backslash is the text between its quotes; one with
 * escapes is decoded (and its escapes checked) by JSON.parse of the literal alone, the one native
 * decoder. A literal's end is the first quote after an even run of backslashes; quotes and
 * backslashes are found by searches whose results are kept until the scan passes them, so each is
 * searched for once over the text.
 */
export function eachJsonString(text: string, visit: StringVisitor, visitName?: StringVisitor): boolean {
  const n = text.length;
  const stack: number[] = [];
  let nextQuote = -1;
  let nextBackslash = -1;
  /** Visits the literal opening at `at`; its end, or -1 when it is no JSON string. */
  const literal = (at: number, key: boolean): number => {
    let k = at + 1;
    let end = -1;
    while (end < 0) {
      if (nextQuote < k) {
        nextQuote = text.indexOf('"', k);
        if (nextQuote < 0) return -1;
      }
      let b = nextQuote;
      while (text.charCodeAt(b - 1) === 92) b--;
      if ((nextQuote - b) % 2 === 0) end = nextQuote + 1;
      else k = nextQuote + 1;
    }
    if (nextBackslash < at) {
      nextBackslash = text.indexOf('\\', at);
      if (nextBackslash < 0) nextBackslash = n;
    }
    let value: string;
    if (nextBackslash < end) {
      try {
        value = JSON.parse(text.slice(at, end)) as string;
      } catch {
        return -1;
      }
    } else if (key && !visitName) {
      // A member name no one asked for is only checked.
      for (let j = at + 1; j < end - 1; j++) if (text.charCodeAt(j) < 32) return -1;
      return end;
    } else {
      value = text.slice(at + 1, end - 1);
      if (CONTROL.test(value)) return -1;
    }
    if (!key) visit(at, end, value);
    else visitName?.(at, end, value);
    return end;
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
      i = literal(i, false);
      if (i < 0) return false;
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
    const end = literal(at, true);
    if (end < 0) return -1;
    const colon = ws(end);
    return text.charCodeAt(colon) === 58 ? ws(colon + 1) : -1;
  }
}
