import { createHash, hash } from 'node:crypto';

/**
 * SHA-256 in hex: the one-shot `crypto.hash` (Node 20.12+) where there is one, a third of the
 * CPU of `createHash` per call (one incident per finding on the corpus); older runtimes (an
 * editor's) have only `createHash`. Both give the same digest.
 */
const sha256Hex: (text: string) => string =
  typeof hash === 'function' ? (text) => hash('sha256', text, 'hex') : (text) => createHash('sha256').update(text).digest('hex');

/**
 * Findings of one value under one rule in one scan (a repository, a workspace) form one incident
 * with all its locations, as GitGuardian counts them: a key pasted into a README and its ten
 * translated and versioned copies is one thing to rotate, not eleven. The finding fingerprint
 * (rule + value, finding-fingerprint.ts) is the key; the incident id is a short, stable hash of it,
 * the same on every machine and in every run.
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
export function groupIncidents<T extends { ruleId: string; fingerprint: string }>(findings: readonly T[]): { incidents: Incident[]; incidentOf: (f: T) => string } {
  const byFingerprint = new Map<string, Incident>();
  for (const f of findings) {
    const known = byFingerprint.get(f.fingerprint);
    if (known) known.locations++;
    else byFingerprint.set(f.fingerprint, { id: incidentId(f.fingerprint), ruleId: f.ruleId, fingerprint: f.fingerprint, locations: 1 });
  }
  return { incidents: [...byFingerprint.values()], incidentOf: (f) => byFingerprint.get(f.fingerprint)?.id ?? incidentId(f.fingerprint) };
}

/** How many incidents `groupIncidents` would form (one per fingerprint), without building them or hashing their ids. */
export function countIncidents(findings: readonly { fingerprint: string }[]): number {
  return new Set(findings.map((f) => f.fingerprint)).size;
}
