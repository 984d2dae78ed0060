/** A small valid policy with one machine API key, the starting point most LSP policy tests vary. */
export function onePolicySecret(opts: { id?: string; kind?: string; lastRotated?: string; extra?: string } = {}): string {
  return `version: 1
stores:
  kc:
    type: keychain
    service: rotation-guard
secrets:
  - id: ${opts.id ?? 'openai-prod'}
    kind: ${opts.kind ?? 'api-key'}
    owner: machine
    maxAge: 30d
    lastRotated: "${opts.lastRotated ?? new Date().toISOString()}"
    stores: [kc]
    triggers:
      - on: exposed-in-file
        action: rotate-now
${opts.extra ?? ''}`;
}

/** A policy with no secrets: a project the ledger and known values belong to. */
export const EMPTY_POLICY = 'version: 1\nsecrets: []\n';
