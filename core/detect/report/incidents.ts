import { createHash, hash } from 'node:crypto';

/**
 * SHA-256 in hex: the one-shot `crypto.hash` (Node 20.12+) where there is one, a third of the
 * CPU of `createHash` per call (one incident per finding on the corpus); older runtimes (an
 * editor's) have only `createHash`. Both give the same digest.
 */
const sha256Hex: (text: string) => string =
  typeof hash === 'function' ? (text) => hash('sha256', text, 'hex') : (text) => createHash('sha256').update(text).digest('hex');

/**
 * Findings of one value in one scan (a repository, a workspace) form one incident with all its
 * locations, as GitGuardian counts them: a key pasted into a README and its ten translated and
 * versioned copies is one thing to rotate, not eleven, and so is a password found by two rules
 * (`POSTGRES_PASSWORD=` and the URL beside it). The value's fingerprint under no rule
 * (`incidentKey`, finding-fingerprint.ts) is the key, the finding fingerprint where a finding has
 * none; the incident id is a short, stable hash of it, the same on every machine and in every run.
 * The incident's rule and fingerprint are its first location's.
 */
export interface Incident {
  id: string;
  ruleId: string;
  fingerprint: string;
  /** How many findings (locations) the incident has. */
  locations: number;
}

export function incidentId(fingerprint: string): string {
  return `inc-${sha256Hex(`rotation-guard/incident/v1\0${fingerprint}`).slice(0, 16)}`;
}

/** Groups findings into incidents, in order of each incident's first finding. */
export function groupIncidents<T extends { ruleId: string; fingerprint: string; incidentKey?: string }>(findings: readonly T[]): { incidents: Incident[]; incidentOf: (f: T) => string } {
  const byKey = new Map<string, Incident>();
  for (const f of findings) {
    const key = f.incidentKey ?? f.fingerprint;
    const known = byKey.get(key);
    if (known) known.locations++;
    else byKey.set(key, { id: incidentId(key), ruleId: f.ruleId, fingerprint: f.fingerprint, locations: 1 });
  }
  return { incidents: [...byKey.values()], incidentOf: (f) => byKey.get(f.incidentKey ?? f.fingerprint)?.id ?? incidentId(f.incidentKey ?? f.fingerprint) };
}

/** How many incidents `groupIncidents` would form (one per value), without building them or hashing their ids. */
export function countIncidents(findings: readonly { fingerprint: string; incidentKey?: string }[]): number {
  return new Set(findings.map((f) => f.incidentKey ?? f.fingerprint)).size;
}
