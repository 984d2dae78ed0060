import { strict as assert } from 'node:assert';
import { assertFoundOnce, found, shown } from '../../helpers/detect-kit';
import { fake, rand } from '../../helpers/fake-keys';

// Issue #21: well-known defaults are their own rule, placed by where the file runs; keys that are
// public by design are information. The weak values below are the vendors' documented defaults
// (public knowledge, not secrets); every key-shaped value is generated here.
const WEAK = 'weak/default-credential';

describe('weak/default-credential: vendor defaults and user = password', () => {
  it('where it runs (compose, CI service containers, env files, code) at the default threshold, with its own message', () => {
    const weak = assertFoundOnce([
      ['services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: postgres\n', 'docker-compose.yml'],
      ['services:\n  db:\n    environment:\n      - POSTGRES_PASSWORD=postgres\n', 'compose.yaml'],
      ['    services:\n      neo4j:\n        env:\n          NEO4J_AUTH: neo4j/neo4j\n', '.github/workflows/ci.yml'],
      ['DATABASE_URL=postgresql://app:app@localhost:5432/app\n', '.env'],
      ['engine = create_engine("postgresql://postgres:postgres@db:5432/app")\n', 'app/db.py'],
      ['db_password = os.environ.get("DB_PASSWORD", "admin")\n', 'app/settings.py'],
    ], { shown: true, ruleId: WEAK });
    for (const f of weak) {
      assert.match(f.message, /a well-known default .* change it where this runs/i);
      assert.equal(f.severity, 'warning');
    }
  });

  it('in docs, examples and tests below the default threshold, found with --min-confidence 0', () => {
    assertFoundOnce([
      ['Start the database:\n\n```bash\ndocker run -e POSTGRES_PASSWORD=postgres -p 5432:5432 postgres\n```\n', 'docs/pgvector.md'],
      ['export PG_CONN_STR="postgresql://postgres:postgres@localhost:5432/postgres"\n', 'docs/store.mdx'],
      ['NEO4J_AUTH=neo4j/neo4j\n', 'examples/neo4j/.env.example'],
      ["const pool = new Pool({ password: 'postgres' });\n", 'tests/pgvector.test.ts'],
    ], { shown: false, ruleId: WEAK });
  });

  it('the URL, env and YAML forms are judged alike; a variable named password is not a value; a real password stays a hardcoded password', () => {
    const forms = ['POSTGRES_PASSWORD=postgres\n', 'password: postgres\n', 'url: postgres://postgres:postgres@db/app\n'];
    assertFoundOnce(forms.map((text) => [text, 'deploy/values.yaml']), { shown: true, ruleId: WEAK });
    assert.deepEqual(found('function login(password: string) { return check(password, password); }\n', 'src/auth.ts'), []);
    assert.deepEqual(found('NEO4J_AUTH=neo4j/password\nurl: redis://user:password@host:6379\n', 'docker-compose.yml'), [], 'the word password is a placeholder in every form');
    const pw = fake.password();
    assert.deepEqual(shown(`POSTGRES_PASSWORD=${pw}\n`, 'docker-compose.yml'), ['secret/hardcoded-password']);
    const url = `postgres://app:${pw}@db/app`;
    assert.deepEqual(shown(`DATABASE_URL=${url}\n`, '.env'), ['secret/url-credentials']);
  });
});

describe('public-by-design keys: information, not leaks', () => {
  it('a PostHog project key, a Stripe publishable key and a Sentry DSN are info findings below the default threshold', () => {
    const cases: Array<[string, string]> = [
      [`POSTHOG_API_KEY = "phc_${rand(43)}"\n`, 'public/posthog-project-key'],
      [`const stripe = Stripe("pk_live_${rand(40)}");\n`, 'public/stripe-publishable-key'],
      [`Sentry.init({ dsn: "https://${rand(32, '0123456789abcdef')}@o${rand(6, '0123456789')}.ingest.sentry.io/${rand(7, '0123456789')}" });\n`, 'public/sentry-dsn'],
    ];
    for (const [text, id] of cases) assert.equal(assertFoundOnce([[text, 'src/telemetry.ts']], { shown: false, ruleId: id })[0]!.severity, 'info', id);
  });

  it('their secret siblings are still leaks: a PostHog personal key, a Stripe secret key', () => {
    assert.equal(assertFoundOnce([[`POSTHOG_PERSONAL_KEY=phx_${rand(43)}\n`, '.env']], { shown: true, ruleId: 'secret/posthog-personal-key' })[0]!.severity, 'error');
    assert.deepEqual(shown(`STRIPE_KEY=${fake.stripe()}\n`, '.env'), ['secret/stripe-key']);
  });
});
