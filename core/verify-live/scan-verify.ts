/**
 * "Is this key live?" for found keys (`scan --verify`, the editor's action): opt-in only. A key
 * goes only to its own service's host from the presets table (env override for tests), with that
 * service's read-only call; never to a host a file or a policy names. Each distinct key
 * (fingerprint) is asked once — cached for the run and, when a cache file is given, for
 * `cacheTtlMs` across runs (the file holds fingerprints and verdicts, never values) — and each host
 * is asked at most once per `minIntervalMs`, at most `maxChecks` times per run.
 */
import { readFileSync, statSync } from 'node:fs';
import { writeFileAtomic } from '../files';
import { checkLiveKey, presetBaseUrl } from './check';
import { presetForRule, type LiveStatus } from './presets';

export interface LiveVerdict {
  status: LiveStatus;
  /** Which service answered, and how; never the key. */
  detail: string;
  host?: string;
  cached?: boolean;
}

export interface LiveVerifierOptions {
  env: NodeJS.ProcessEnv;
  minIntervalMs?: number;
  maxChecks?: number;
  cacheFile?: string;
  cacheTtlMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

interface CacheEntry {
  status: LiveStatus;
  detail: string;
  host?: string;
  at: number;
}

export class LiveVerifier {
  private readonly memo = new Map<string, Promise<LiveVerdict>>();
  private readonly nextSlot = new Map<string, number>();
  private checks = 0;
  private disk: Record<string, CacheEntry> = {};
  private readonly now: () => number;

  constructor(private readonly o: LiveVerifierOptions) {
    this.now = o.now ?? Date.now;
    if (o.cacheFile) {
      try {
        if (statSync(o.cacheFile).size < 4 * 1024 * 1024) this.disk = JSON.parse(readFileSync(o.cacheFile, 'utf8')) as Record<string, CacheEntry>;
      } catch {
        this.disk = {};
      }
    }
  }

  /** Whether a finding of this rule can be checked at all (it has a preset with an official host). */
  static canCheck(ruleId: string): boolean {
    const p = presetForRule(ruleId);
    return !!p && !!p.baseUrl && !p.needsPair;
  }

  verify(ruleId: string, value: string, fingerprint: string): Promise<LiveVerdict> {
    const key = `${ruleId}:${fingerprint}`;
    let v = this.memo.get(key);
    if (!v) {
      v = this.ask(ruleId, value, key);
      this.memo.set(key, v);
    }
    return v;
  }

  /** Writes the cross-run cache (fingerprints and verdicts only). */
  save(): void {
    if (!this.o.cacheFile) return;
    const ttl = this.o.cacheTtlMs ?? 10 * 60_000;
    const fresh = Object.fromEntries(Object.entries(this.disk).filter(([, e]) => this.now() - e.at < ttl));
    writeFileAtomic(this.o.cacheFile, JSON.stringify(fresh), { mkdir: 0o700 });
  }

  private async ask(ruleId: string, value: string, key: string): Promise<LiveVerdict> {
    const preset = presetForRule(ruleId);
    if (!preset) return { status: 'unknown', detail: 'no live check for this kind of key' };
    if (preset.needsPair) return { status: 'unknown', detail: `${preset.title}: the check needs ${preset.needsPair} as well` };
    const hit = this.disk[key];
    if (hit && this.now() - hit.at < (this.o.cacheTtlMs ?? 10 * 60_000)) return { status: hit.status, detail: hit.detail, host: hit.host, cached: true };
    if (this.checks >= (this.o.maxChecks ?? 50)) return { status: 'unknown', detail: `not checked: at most ${this.o.maxChecks ?? 50} live checks a run` };
    this.checks++;
    const base = presetBaseUrl(preset, this.o.env);
    const host = base ? new URL(base).host : preset.id;
    // One request per host per interval, in the order asked.
    const slot = Math.max(this.now(), this.nextSlot.get(host) ?? 0);
    this.nextSlot.set(host, slot + (this.o.minIntervalMs ?? 1000));
    const wait = slot - this.now();
    if (wait > 0) await (this.o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))))(wait);
    const r = await checkLiveKey(preset, value, { env: this.o.env });
    if (r.status !== 'unknown') this.disk[key] = { status: r.status, detail: r.detail, host: r.host, at: this.now() };
    return { status: r.status, detail: r.detail, host: r.host };
  }
}

/** The value of a finding read back from its file ([start, end) in UTF-16 offsets), JSON escapes undone; bounded. */
export function valueAt(file: string, start: number, end: number, maxBytes = 8 * 1024 * 1024): string | undefined {
  try {
    if (end <= start || end - start > 4096 || statSync(file).size > maxBytes) return undefined;
    const raw = readFileSync(file, 'utf8').slice(start, end);
    if (!raw.includes('\\')) return raw;
    try {
      return JSON.parse(`"${raw}"`) as string;
    } catch {
      return raw;
    }
  } catch {
    return undefined;
  }
}

export interface CheckableFinding {
  ruleId: string;
  fingerprint: string;
  message: string;
  start: number;
  end: number;
}

export interface LiveSummary {
  checked: number;
  live: number;
  refused: number;
  unknown: number;
  results: Array<{ fingerprint: string; ruleId: string; status: LiveStatus; host?: string; detail: string }>;
}

/**
 * Checks the findings it can, says so in each live finding's message and moves live findings
 * first (stable otherwise). `pathOf` gives the readable file of a finding (undefined: stdin).
 */
export async function annotateLive<F extends CheckableFinding>(findings: F[], pathOf: (f: F) => string | undefined, verifier: LiveVerifier): Promise<LiveSummary> {
  const verdicts = new Map<F, LiveVerdict>();
  for (const f of findings) {
    if (!LiveVerifier.canCheck(f.ruleId)) continue;
    const path = pathOf(f);
    const value = path ? valueAt(path, f.start, f.end) : undefined;
    if (!value) continue;
    verdicts.set(f, await verifier.verify(f.ruleId, value, f.fingerprint));
  }
  verifier.save();
  const summary: LiveSummary = { checked: 0, live: 0, refused: 0, unknown: 0, results: [] };
  const seen = new Set<string>();
  for (const [f, v] of verdicts) {
    if (v.status === 'live') f.message = `LIVE: ${v.host ?? 'its service'} accepted this key just now — rotate it at once. ${f.message}`;
    else if (v.status === 'refused') f.message = `${f.message} (${v.host ?? 'its service'} refuses this key: already revoked)`;
    if (seen.has(f.fingerprint)) continue;
    seen.add(f.fingerprint);
    summary.checked++;
    summary[v.status]++;
    summary.results.push({ fingerprint: f.fingerprint, ruleId: f.ruleId, status: v.status, host: v.host, detail: v.detail });
  }
  const rank = (f: F) => (verdicts.get(f)?.status === 'live' ? 0 : 1);
  const order = findings.map((f, i) => [f, i] as const).sort((a, b) => rank(a[0]) - rank(b[0]) || a[1] - b[1]);
  findings.splice(0, findings.length, ...order.map(([f]) => f));
  return summary;
}

/** The official host a finding of this rule would be sent to, when it can be checked at all. */
export function officialHostFor(ruleId: string): string | undefined {
  const p = presetForRule(ruleId);
  return p && p.baseUrl && !p.needsPair ? new URL(p.baseUrl).host : undefined;
}

/** The cross-run cache file: under XDG_CACHE_HOME (or ~/.cache), never in the workspace. */
export function defaultLiveCacheFile(env: NodeJS.ProcessEnv): string | undefined {
  const base = env.XDG_CACHE_HOME || (env.HOME ? `${env.HOME}/.cache` : undefined);
  return base ? `${base}/rotation-guard/live-checks.json` : undefined;
}
