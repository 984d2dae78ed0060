import { spawnSync } from 'node:child_process';

// Real binary containers, written by Python itself (python3 is in the CI package list): the bytes
// a recorded request leaves in a pickle or a SQLite cache. The value goes through stdin, never argv.

function python(script: string, value: string, args: string[] = []): Buffer {
  const r = spawnSync('python3', ['-c', script, ...args], { input: value, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`python3 failed (${r.status}): ${r.stderr.toString().slice(0, 500)}`);
  return r.stdout;
}

export function hasPython(): boolean {
  return spawnSync('python3', ['-c', 'import pickle, sqlite3'], { stdio: 'ignore' }).status === 0;
}

/** `pickle.dumps` (the default protocol) of a cached response whose request held `Authorization: Bearer <value>` and the value alone. */
export function pickledRequest(value: string, protocol?: number): Buffer {
  return python(
    `import pickle, sys
v = sys.stdin.read()
record = {"url": "https://api.example.invalid/v1/chat", "headers": {"Authorization": "Bearer " + v}, "token": v, "status": 200}
sys.stdout.buffer.write(pickle.dumps(record${protocol === undefined ? '' : `, protocol=${protocol}`}))`,
    value,
  );
}

/** A SQLite file at `path` with a table of cached responses: the request headers as JSON text. */
export function sqliteCache(path: string, value: string): void {
  python(
    `import json, sqlite3, sys
v = sys.stdin.read()
db = sqlite3.connect(sys.argv[1])
db.execute("create table responses (id integer primary key, url text, request text, body blob)")
for i in range(50):
    db.execute("insert into responses (url, request, body) values (?, ?, ?)", ("https://api.example.invalid/v1/chat/%d" % i, json.dumps({"headers": {"Authorization": "Bearer " + v} if i == 37 else {}}), bytes(range(256))))
db.commit()
db.close()`,
    value,
    [path],
  );
}

/** `pickle.dumps` of a recorded Anthropic call: the key stored alone, as the `x-api-key` header's value. */
export function pickledApiKeyHeader(value: string, protocol: number): Buffer {
  return python(
    `import pickle, sys
v = sys.stdin.read()
record = {"url": "https://api.anthropic.com/v1/messages", "headers": {"x-api-key": v, "anthropic-version": "2023-06-01"}}
sys.stdout.buffer.write(pickle.dumps(record, protocol=${protocol}))`,
    value,
  );
}
