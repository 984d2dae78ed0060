import { judgePasswordSlot } from '../../judge/password-slot';
import { rule } from '../rule';
import type { RuleSamples } from '../samples';

/**
 * SQL's password clause, which names no credential word a name-based detector could read:
 * MySQL's and MariaDB's `CREATE USER 'app'@'%' IDENTIFIED BY 'password'` (also in `ALTER USER` and
 * `GRANT … IDENTIFIED BY`; `IDENTIFIED WITH plugin BY 'password'`: dev.mysql.com/doc/refman/8.4/en/create-user.html),
 * Oracle's `CREATE USER app IDENTIFIED BY password` (docs.oracle.com, SQL Language Reference, "CREATE USER").
 * A stored hash is no password that logs in: `IDENTIFIED BY PASSWORD '*…'` (MySQL 5),
 * `IDENTIFIED WITH plugin AS 'hash'`, Oracle's `IDENTIFIED BY VALUES '…'`; none is read. Only inside a
 * statement that creates or changes a user (`CREATE USER`, `ALTER USER`, `GRANT`) within 300
 * characters before: prose says "identified by" too.
 */
export const sqlPassword = rule({
  id: 'secret/sql-password',
  title: 'password in a SQL statement',
  hint: 'Pass the password from the environment or a secret store when the statement runs (a client variable or bind parameter), then change it.',
  envVar: 'DB_PASSWORD',
  anchors: ['identified'],
  anchorsIgnoreCase: true,
  wordStart: true,
  // The value is quoted (`'…'`, `"…"`: a quote follows it) or a bare word that ends the statement or
  // is followed by the statement's next clause. (One group: the engine reports the group `v`.)
  pattern: /(?<![A-Za-z0-9_])identified(?:\s+with\s+['"`]?\w{1,64}['"`]?)?\s+by\s+(?!password\b|values\b)['"]?(?<v>[^'"\s;,)]{1,200})(?=['"]|\s*(?:;|$)|\s+(?:account|default|password|quota|profile|with|require|container)\b)/im,
  validate: (v, m) => judged(v, m)?.confidence ?? null,
  variant: (v, m) => judged(v, m)?.variant,
});

const STATEMENT = /\b(?:create|alter)\s+user\b|\bgrant\b/i;
/** The account the statement names: `CREATE USER [IF NOT EXISTS] 'app'@…`, `ALTER USER app`, `GRANT … TO 'app'@…`. */
const ACCOUNT = /\b(?:(?:create|alter)\s+user\s+(?:if\s+not\s+exists\s+)?|\bto\s+)['"`]?([\w.-]{1,64})['"`]?(?:@|\s)/gi;

function judged(value: string, m: RegExpExecArray) {
  const before = m.input.slice(Math.max(0, m.index - 300), m.index);
  if (!STATEMENT.test(before)) return null;
  // The password judged with its user, as a URL's is: the user's name again is a weak default.
  let user: string | undefined;
  for (const a of before.matchAll(ACCOUNT)) user = a[1];
  return judgePasswordSlot(value, user);
}

export const samples: RuleSamples = {
  true: [
    { in: "CREATE USER 'app'@'%' IDENTIFIED BY '{value}';", shape: '[A-Za-z0-9]{20}', path: 'docker/initdb.d/01-users.sql' },
    { in: "mysql -e \"ALTER USER 'root'@'localhost' IDENTIFIED WITH mysql_native_password BY '{value}';\"", shape: '[A-Za-z0-9]{20}', path: 'scripts/setup.sh' },
    { in: 'CREATE USER app IDENTIFIED BY {value};', shape: 'A[a-z0-9]{19}', path: 'sql/oracle/users.sql' },
  ],
  false: [
    // A stored hash, a client variable, a bind parameter, a template, a placeholder, code joined to it.
    "CREATE USER 'app'@'%' IDENTIFIED BY PASSWORD '*94BDCEBE19083CE2A1F959FD02F964C7AF4CFC29';",
    "ALTER USER app IDENTIFIED BY VALUES 'S:8F2E0A5B6C7D';",
    "CREATE USER 'app'@'%' IDENTIFIED BY '${MYSQL_PASSWORD}';",
    "CREATE USER 'app'@'%' IDENTIFIED BY :app_password;",
    "CREATE USER 'app'@'%' IDENTIFIED BY '{{ db_password }}';",
    "CREATE USER 'app'@'%' IDENTIFIED BY '%s';",
    "CREATE USER 'app'@'%' IDENTIFIED BY 'your_password';",
    "sql = \"CREATE USER '\" + user + \"'@'%' IDENTIFIED BY '\" + password + \"'\";",
    'Each account is identified by its user name and the host it connects from.',
  ],
};
