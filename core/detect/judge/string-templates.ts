import type { DollarTemplates } from '../../files/file-formats';

/**
 * Is the value at text[start, end) built where the program runs, from a string template of its
 * language (file-formats.ts, `dollarTemplates`)?
 *
 * - Quoted by one of the language's interpolating quotes (Kotlin's `"alice-$timestamp"` as a sample
 *   login's password, `"password-$it"`, PHP's `"secret-$token"`): a `$` before a name or a `{` is replaced by
 *   that name's value, so the literal's text is not the string the program uses. A `$` escaped with
 *   a backslash (`"p\$ssw0rd"`) is the character, and so is one before a digit or another `$`; a raw
 *   literal (Dart's `r'…'`) and a plain one (Groovy's, PHP's and Perl's single quotes) interpolate
 *   nothing.
 * - Unquoted, starting with `$` and a name (a log line's `$reason` after a credential word inside
 *   the literal, the value read from the literal the name sits in): a template there, or a variable
 *   in PHP, Perl and Dart. Either way read at run time.
 *
 * A key or password written in these languages with a `$` in it must escape it to mean the
 * character, so no literal credential is lost: only its unescaped, interpolated form.
 */
export function isDollarTemplate(text: string, start: number, end: number, quoted: boolean, templates: DollarTemplates): boolean {
  if (!quoted) return text.charCodeAt(start) === 36 && startsName(text.charCodeAt(start + 1));
  const opener = text[start - 1];
  if (opener === undefined || !templates.quotes.includes(opener)) return false;
  if (templates.rawPrefix && text[start - 2] === templates.rawPrefix && !/[\w$]/.test(text[start - 3] ?? '')) return false;
  for (let i = text.indexOf('$', start); i >= 0 && i < end; i = text.indexOf('$', i + 1)) {
    if (!startsName(text.charCodeAt(i + 1)) && text.charCodeAt(i + 1) !== 123) continue; // a name or `{`
    let slashes = 0;
    while (i - 1 - slashes >= start && text.charCodeAt(i - 1 - slashes) === 92) slashes++;
    if (slashes % 2 === 0) return true;
  }
  return false;
}

/** A letter or `_`: what starts a name after `$` in all five languages. */
function startsName(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
