/**
 * The literal an expression in program source falls back to: `System.getenv("API_KEY") ?: "…"`
 * (Kotlin's and PHP's Elvis operator), `process.env.TOKEN ?? "…"` and `|| "…"` (JavaScript,
 * TypeScript, C#'s `??`), `os.getenv("TOKEN") or "…"` (Python, Ruby, Lua). Whenever the expression
 * is empty (the variable unset, the setting missing) the literal is the value the name holds: a
 * drawn key there is a hardcoded credential, and a vendor's password there is a weak default where
 * the code runs. The expression itself is read at run time and judged as code, as before.
 *
 * Read on the value's line only, at most LOOK characters: string literals inside the expression are
 * skipped, a `;` ends the statement, the operator must stand at the expression's own level
 * (`get_token(scope or "default")` passes its literal to a call, which may return anything), and
 * blanks there stand only around the operators (words and blanks are a sentence).
 */
const LOOK = 300;

export interface LiteralSpan {
  start: number;
  end: number;
  quoted: true;
}

export function fallbackLiteral(text: string, from: number): LiteralSpan | null {
  const limit = Math.min(text.length, from + LOOK);
  // A leading parenthesis groups the whole expression (`(os.getenv("X") or "…")`): its inside is the level read.
  const level = text.charCodeAt(from) === 40 ? 1 : 0;
  let depth = 0;
  for (let i = from; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13 || c === 59) return null; // the line's or the statement's end
    if (c === 34 || c === 39 || c === 96) {
      const close = closingQuote(text, i, limit);
      if (close < 0) return null;
      i = close;
      continue;
    }
    if (c === 40 || c === 91 || c === 123) depth++;
    else if (c === 41 || c === 93 || c === 125) {
      if (--depth < 0) return null;
    } else if (c === 32 || c === 9) {
      // At the expression's level a blank stands only before a fallback operator: words and
      // blanks (`option 'algorithm' must be one of … or 'argon2'` in a message) are prose, not code.
      if (depth !== level) continue;
      const op = operatorAfterBlank(text, i + 1);
      let j = i + 1 + op;
      if (op === 0 || (text.charCodeAt(j) !== 32 && text.charCodeAt(j) !== 9)) return null;
      while (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9) j++;
      const q = text.charCodeAt(j);
      if (q === 34 || q === 39 || q === 96) {
        const close = closingQuote(text, j, limit);
        return close < 0 ? null : { start: j + 1, end: close, quoted: true };
      }
      // A chain (`process.env.A || process.env.B || "…"`): the next operand, then read on.
      i = j - 1;
    }
  }
  return null;
}

/** The length of a fallback operator at `i` (`??`, `||`, `?:`, `or`), or 0. */
function operatorAfterBlank(text: string, i: number): number {
  const a = text.charCodeAt(i);
  const b = text.charCodeAt(i + 1);
  if ((a === 63 && (b === 63 || b === 58)) || (a === 124 && b === 124)) return 2;
  return a === 111 && b === 114 ? 2 : 0;
}

/** The index of the quote closing the literal opened at `open` (a backslash escapes), or -1 before `limit` or the line's end. */
function closingQuote(text: string, open: number, limit: number): number {
  const q = text.charCodeAt(open);
  for (let k = open + 1; k < limit; k++) {
    const c = text.charCodeAt(k);
    if (c === 92) k++;
    else if (c === q) return k;
    else if (c === 10 || c === 13) return -1;
  }
  return -1;
}
