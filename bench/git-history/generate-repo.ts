// A synthetic repository for the git-history benchmark and the bounded-memory test, written with
// `git fast-import` (seconds for thousands of commits). Deterministic for a seed. Each commit adds
// a source file and edits a few lines of an older one, like a growing codebase; every 40th
// commit plants a credential of a common shape, and a later commit removes some of them again.
// Key-like values are generated here at run time, never committed to this repository.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

export interface RepoOptions {
  commits: number;
  /** Approximate bytes each commit adds. */
  bytesPerCommit: number;
  seed?: number;
  /** Also commit a 3 MiB binary file and an 12 MiB text file once (the memory test's hard cases). */
  largeFiles?: boolean;
}

export interface GeneratedRepo {
  dir: string;
  commits: number;
  planted: number;
}

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const WORDS = ['user', 'order', 'client', 'token', 'config', 'request', 'prompt', 'model', 'cache', 'retry', 'session', 'limit', 'stream', 'handler', 'result'];

export function generateRepo(dir: string, o: RepoOptions): GeneratedRepo {
  const rand = rng(o.seed ?? 7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const chars = (n: number, alphabet = ALNUM) => Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
  const secret = (): string => {
    const k = Math.floor(rand() * 4);
    if (k === 0) return `OPENAI_API_KEY = "sk-proj-${chars(74)}T3BlbkFJ${chars(74)}"`;
    if (k === 1) return `aws_access_key_id = ${'AKIA'}${chars(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`;
    if (k === 2) return `token: ghp_${chars(36)}`;
    return `const apiKey = "${chars(24, 'abcdef0123456789')}${chars(16, 'abcdef0123456789')}";`;
  };
  const codeLine = (): string => {
    const a = pick(WORDS);
    const b = pick(WORDS);
    const r = rand();
    if (r < 0.2) return `export function ${a}${b[0]!.toUpperCase()}${b.slice(1)}(input: ${a}Input): Promise<${b}Result> {`;
    if (r < 0.4) return `  const ${a} = await this.${b}.get(${JSON.stringify(`${a}-${b}`)}, { timeout: ${Math.floor(rand() * 5000)} });`;
    if (r < 0.55) return `  if (!${a}) throw new Error('${a} ${b} missing: check the ${b} configuration');`;
    if (r < 0.7) return `  // ${a} ${b}: retry with back-off when the ${b} endpoint is busy`;
    if (r < 0.8) return `  const key = process.env.${a.toUpperCase()}_${b.toUpperCase()}_KEY;`;
    if (r < 0.9) return `  return { ${a}, ${b}: ${a}.${b} ?? null, count: ${Math.floor(rand() * 100)} };`;
    return '}';
  };

  mkdirSync(dir, { recursive: true });
  const init = spawnSync('git', ['init', '-q', '-b', 'main', dir], { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`git init failed: ${init.stderr}`);
  const parts: Buffer[] = [];
  const push = (s: string | Buffer) => parts.push(typeof s === 'string' ? Buffer.from(s, 'utf8') : s);
  const data = (content: string | Buffer) => {
    const b = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    push(`data ${b.length}\n`);
    push(b);
    push('\n');
  };
  const files: string[][] = [];
  let planted = 0;
  const t0 = Date.UTC(2024, 0, 1) / 1000;
  for (let i = 0; i < o.commits; i++) {
    const when = t0 + i * 3600;
    push(`commit refs/heads/main\nauthor Bench <bench@example.invalid> ${when} +0000\ncommitter Bench <bench@example.invalid> ${when} +0000\n`);
    data(`change ${i}`);
    const lines: string[] = [];
    let size = 0;
    while (size < o.bytesPerCommit) {
      const l = codeLine();
      lines.push(l);
      size += l.length + 1;
    }
    if (i % 40 === 20) {
      lines.splice(Math.floor(rand() * lines.length), 0, secret());
      planted++;
    }
    files.push(lines);
    push(`M 100644 inline src/m${i % 500}/f${i}.ts\n`);
    data(lines.join('\n') + '\n');
    if (i > 10) {
      // Edit three lines of an older file: removed and added lines, as real commits have.
      const lo = Math.max(0, i - 400);
      const j = lo + Math.floor(rand() * (i - 1 - lo));
      const old = files[j]!;
      for (let k = 0; k < 3; k++) old[Math.floor(rand() * old.length)] = codeLine();
      push(`M 100644 inline src/m${j % 500}/f${j}.ts\n`);
      data(old.join('\n') + '\n');
    }
    if (o.largeFiles && i === Math.floor(o.commits / 2)) {
      const bin = Buffer.alloc(3 * 1024 * 1024);
      for (let k = 0; k < bin.length; k++) bin[k] = Math.floor(rand() * 256);
      push('M 100644 inline assets/model.bin\n');
      data(bin);
      const big: string[] = [];
      for (let n = 0; n < 12 * 1024 * 1024; ) {
        const l = codeLine();
        big.push(l);
        n += l.length + 1;
      }
      push('M 100644 inline data/huge.ts\n');
      data(big.join('\n') + '\n');
    }
    // Only the last 400 files are ever edited: forget older bodies, so the generator stays small too.
    if (files.length > 400) files[files.length - 401] = [];
  }
  push('done\n');
  const r = spawnSync('git', ['fast-import', '--quiet', '--done'], { cwd: dir, input: Buffer.concat(parts), encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`git fast-import failed: ${r.stderr}`);
  const co = spawnSync('git', ['checkout', '-q', '-f', 'main'], { cwd: dir, encoding: 'utf8' });
  if (co.status !== 0) throw new Error(`git checkout failed: ${co.stderr}`);
  return { dir, commits: o.commits, planted };
}
