import { PROVIDER_DEFINITIONS } from './definitions';
import type { ProviderDefinition } from './definition';

const shapes = (d: ProviderDefinition): string => [...new Set((['single-user', 'alternating-users'] as const).map((s) => d.traits.shape(s)))].join(' / ');
const grace = (d: ProviderDefinition): string =>
  (['single-user', 'alternating-users'] as const).map((s) => (d.traits.keepsOldValueThroughGrace(s) ? 'yes' : 'no')).join(' / ');

/**
 * The providers table of docs/rotation.md, generated from the one list (a unit test fails when
 * the doc differs: copy this function's output between the markers).
 */
export function providerDocsTable(): string {
  const rows = (PROVIDER_DEFINITIONS as readonly ProviderDefinition[]).map((d) => {
    const needs = d.requiredParams('single-user').map((p) => `\`${p}\``).join(', ') || '—';
    const name = d.docs ? `[\`${d.type}\`](${d.docs})` : `\`${d.type}\``;
    return `| ${name} | ${d.summary} | ${shapes(d)} | ${grace(d)} | ${d.traits.needsTrust ? 'yes' : 'no'} | ${needs} |`;
  });
  return ['| type | what it rotates | credential shape | old value kept through grace (single / alternating) | trusted workspace | needs (single-user) |', '|---|---|---|---|---|---|', ...rows].join('\n');
}
