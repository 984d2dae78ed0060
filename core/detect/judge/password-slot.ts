import { CONFIDENCE } from './confidence';
import { isStrongToken } from './values';
import { judgePassword, WEAK_DEFAULT_VARIANT } from './weak-defaults';
import type { RuleVariant } from '../rules/rule';

/**
 * The judgement of a value in a slot that a format reserves for a password (SQL's `IDENTIFIED BY`,
 * a netrc entry's `password`, Redis' `requirepass`, PowerShell's `ConvertTo-SecureString … -AsPlainText`):
 * the slot says what the value is, so no name is needed; the value is judged as a password is in every
 * other form (weak-defaults.ts judgePassword).
 *
 * A reference is no value: a variable (`$DB_PASS`, `${pw}`, `$(cat f)`), a template or format field
 * (`{{ pw }}`, `{password}`, `%s`, `%(pw)s`, `<password>`, `[PASSWORD]`), a bind parameter (`?`,
 * `:pw`, `@pw`), or code joined to the literal (a quote, a blank, a `+` between quotes).
 */
export function judgePasswordSlot(value: string, user?: string): { confidence: number; variant?: RuleVariant } | null {
  if (value.length < 4 || value.length > 200 || REFERENCE.test(value)) return null;
  const verdict = judgePassword(value, user);
  if (verdict === 'placeholder') return null;
  if (verdict === 'weak') return { confidence: CONFIDENCE.credentialValue, variant: WEAK_IN_SLOT };
  return { confidence: isStrongToken(value) ? 0.9 : CONFIDENCE.generatedValue };
}

/** A weak default in a password slot: the weak-default rule, titled without the URL its other form names. */
const WEAK_IN_SLOT: RuleVariant = { ...WEAK_DEFAULT_VARIANT, title: 'well-known default password' };

const REFERENCE = /^[$:@?%]|\$[{(A-Za-z_]|\{\{|\{[A-Za-z_][\w.]*\}|%[-+ #0]?\d*[sd]|%\(\w+\)|^<[^>]*>$|^\[[A-Za-z _-]+\]$|[\s"'`\\]/;
