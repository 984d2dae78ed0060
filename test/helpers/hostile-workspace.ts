import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeOpenAiKey } from './fake-keys';
import { policyYaml } from './policy';
import { tempProject } from './temp-project';

/**
 * A workspace a hostile clone can hand over: symlink loops (to itself, to its parent, a pair
 * pointing at each other), a symlink to `/`, and one to a folder outside that holds a key and a
 * policy of someone else's. One key and one policy inside.
 */
export function hostileWorkspace(): { tmp: string; ws: string } {
  const tmp = tempProject('rg-walk-').dir;
  const empty = policyYaml({ version: 1, stores: {}, secrets: [] });
  const ws = join(tmp, 'ws');
  const outside = join(tmp, 'outside');
  mkdirSync(join(ws, 'src', 'deep'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(ws, 'src', 'deep', 'config.env'), `OPENAI_API_KEY=${fakeOpenAiKey()}\n`);
  writeFileSync(join(ws, 'rotation-policy.yaml'), empty);
  writeFileSync(join(outside, 'leak.env'), `OPENAI_API_KEY=${fakeOpenAiKey()}\n`);
  writeFileSync(join(outside, 'theirs.rotation.yaml'), empty);
  symlinkSync('.', join(ws, 'self'));
  symlinkSync('..', join(ws, 'src', 'up'));
  symlinkSync('pong', join(ws, 'ping'));
  symlinkSync('ping', join(ws, 'pong'));
  symlinkSync('/', join(ws, 'root'));
  symlinkSync(outside, join(ws, 'src', 'elsewhere'));
  symlinkSync(join(outside, 'leak.env'), join(ws, 'leak-link.env'));
  return { tmp, ws };
}

