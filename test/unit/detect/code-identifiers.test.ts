import { strict as assert } from 'node:assert';
import { scanText } from '../../../core/detect';
import { randomChars } from '../../helpers/fake-keys';

// Program source names credentials all the time without holding any: parameters, types, object keys.
describe('generic detector in program source', () => {
  const codes = (text: string, path: string) => scanText(text, { path }).map((f) => f.ruleId);

  it('ignores type annotations and identifiers after credential names', () => {
    assert.deepEqual(codes('export function resolve(policy: Policy, secret: PolicySecret): StoreRef[] {\n', 'a.ts'), []);
    assert.deepEqual(codes('  setPassword(service: string, account: string, password: string): Promise<void>;\n', 'a.ts'), []);
    assert.deepEqual(codes('def connect(password: str, token: Optional[str] = None):\n', 'a.py'), []);
  });

  it('ignores the next argument or key after a quoted credential name', () => {
    assert.deepEqual(codes("const store = new EnvFileStore({ path: '.env.local', name: 'API_KEY', baseDir: dir });\n", 'a.ts'), []);
    assert.deepEqual(codes("const r = await run('pass', ['show', 'team/db']);\n", 'a.ts'), []);
  });

  it('still finds string literals, f("api_token", "…") and bare shell assignments', () => {
    const v = randomChars(32);
    assert.deepEqual(codes(`const apiKey = "${v}";\n`, 'a.ts'), ['secret/generic-api-key']);
    assert.deepEqual(codes(`client.set("api_token", "${v}")\n`, 'a.py'), ['secret/generic-api-key']);
    assert.deepEqual(codes(`export DB_PASSWORD=${v}\n`, 'deploy.sh'), ['secret/hardcoded-password']);
  });

  it('still judges unquoted values that are not identifiers', () => {
    assert.equal(codes(`db_pass := ${randomChars(6)}{{x}o)p\${e]no#${randomChars(10)}}}\n`, 'a.go').length, 1);
  });
});
