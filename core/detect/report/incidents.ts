import { createHash } from 'node:crypto';

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
  return `inc-${createHash('sha256').update(`rotation-guard/incident/v1\0${fingerprint}`).digest('hex').slice(0, 16)}`;
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
