import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { fallbackLiteral } from '../../../core/detect/judge/fallback-literal';
import { scanText } from '../../../core/detect';
import { seededDraws, shownValues } from './shown';

// An expression's fallback literal in program source (judge/fallback-literal.ts): the value a name
// holds whenever the variable or setting it reads is empty. Before, the whole right side was code
// and the literal was never judged: a drawn key or a vendor's password there went unreported.
const shown = shownValues;
const { key } = seededDraws('fallback-literal');

describe('fallback literals in program source', () => {
  it("a drawn key after Elvis, `??`, `||` and `or` is found, in Kotlin, PHP, TypeScript and Python", () => {
    const k = key();
    const cases: Array<[string, string]> = [
      [`val apiKey = System.getenv("API_KEY") ?: "${k}"\n`, 'src/main/kotlin/Config.kt'],
      [`val token = props["token"] ?: "${k}"\n`, 'src/main/kotlin/Config.kt'],
      [`$token = getenv('API_TOKEN') ?: '${k}';\n`, 'config/services.php'],
      [`const token = process.env.API_TOKEN ?? "${k}";\n`, 'src/client.ts'],
      [`const token = process.env.A_TOKEN || process.env.B_TOKEN || '${k}';\n`, 'src/client.ts'],
      [`api_key = os.getenv("API_KEY") or "${k}"\n`, 'app/settings.py'],
      [`api_key = (os.getenv("API_KEY") or "${k}")\n`, 'app/settings.py'],
    ];
    for (const [line, path] of cases) assert.deepEqual(shown(line, path), [k], line);
  });

  it("a vendor's default after the operator is a weak default where the code runs; an empty or placeholder fallback is nothing", () => {
    const ids = (text: string, path: string) => scanText(text, { path }).map((f) => f.ruleId);
    assert.deepEqual(ids(`DEFAULT_OWNER_PASSWORD = os.getenv('DEFAULT_OWNER_PASSWORD') or 'admin'\n`, 'server/settings.py'), ['weak/default-credential']);
    assert.deepEqual(ids(`const password = process.env.PG_PASSWORD || "postgres";\n`, 'src/db.ts'), ['weak/default-credential']);
    assert.deepEqual(ids(`const token = process.env.API_TOKEN || "";\n`, 'src/client.ts'), []);
    assert.deepEqual(ids(`const token = process.env.API_TOKEN ?? "your-token-here";\n`, 'src/client.ts'), []);
  });

  it('a literal passed inside a call, or words in a message, are not the fallback; the same key assigned plainly beside them is found', () => {
    const k = key();
    assert.deepEqual(shown(`token = get_token(scope or "${k.slice(0, 10)}")\napi_token = "${k}"\n`, 'app/auth.py'), [k]);
    // A validator's message under a password name: words and blanks before `or 'argon2'` are a sentence.
    const message = `\tassert.EqualError(t, err, "password: option 'algorithm' must be one of 'scrypt', 'bcrypt', or 'argon2' but it's configured as 'x'")\n`;
    assert.deepEqual(shown(message, 'internal/config_test.go'), []);
  });

  it('any text: the span is a literal inside the line after the start, or nothing (fast-check)', () => {
    const parts = ['process.env.X', ' ', '??', '||', '?:', 'or', '"', "'", 'abc', '(', ')', ';', '\n', '\\', 'x'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...parts), { maxLength: 30 }), (ps) => {
        const text = ps.join('');
        const r = fallbackLiteral(text, 0);
        if (!r) return;
        assert.ok(r.start >= 1 && r.start <= r.end && r.end < text.length, JSON.stringify({ text, r }));
        assert.ok(!text.slice(0, r.end).includes('\n'), 'stays on the first line');
        assert.equal(text[r.start - 1], text[r.end], 'between matching quotes');
      }),
      { numRuns: 3000 },
    );
  });
});
