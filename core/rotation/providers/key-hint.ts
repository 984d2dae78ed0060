/**
 * Issuers never return a key's value after creating it, only a partial hint (Anthropic
 * `partial_key_hint` "sk-ant-api03-R2D...igAA", OpenAI `redacted_value` "sk-abc...def",
 * OpenRouter `label` "sk-or-v1-0e6...c96"). A key we hold is found among the issuer's keys by
 * its hint; two keys with the same hint are an error, never a guess.
 */
import { ProviderError } from './types';

/** The literal prefix and suffix of a hint ("…", "..." or "***" in between; mask stars trimmed). */
export function hintParts(hint: string): { prefix: string; suffix: string } | undefined {
  const m = /^(.*?)(?:\.{3}|…|\*{3,})(.*)$/s.exec(hint);
  if (!m) return undefined;
  return { prefix: m[1]!.replace(/\*+$/, ''), suffix: m[2]!.replace(/^[*.…]+/, '') };
}

export function matchesHint(value: string, hint: string | undefined | null): boolean {
  if (!hint) return false;
  const p = hintParts(hint);
  if (!p || p.prefix.length + p.suffix.length < 6) return false;
  return value.length >= p.prefix.length + p.suffix.length && value.startsWith(p.prefix) && value.endsWith(p.suffix);
}

/** The one item whose hint matches `value`, undefined when none does; an error when several do. */
export function findByHint<T>(items: T[], value: string, hintOf: (item: T) => string | undefined | null, what: string): T | undefined {
  const found = items.filter((i) => matchesHint(value, hintOf(i)));
  if (found.length > 1) throw new ProviderError('provider/ambiguous-key', `${found.length} ${what} share the hint of this key; revoke it by hand`);
  return found[0];
}
