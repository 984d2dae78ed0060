import { judgePasswordSlot } from '../../judge/password-slot';
import { rule } from '../rule';
import type { RuleSamples } from '../samples';

/**
 * A password given on a command line by the flag its tool documents for it, which names no
 * credential word a name-based detector could read:
 * - MySQL's and MariaDB's clients (`mysql`, `mysqladmin`, `mysqldump`, `mariadb`…): `-pPASSWORD`,
 *   glued to the flag, or `--password=PASSWORD` (dev.mysql.com/doc/refman/8.4/en/connection-options.html:
 *   "there must be no space between -p and the password"; `-p` alone prompts, and `-P` is the port);
 *   the user is `-u`'s or `--user=`'s word;
 * - `sshpass -p PASSWORD` (sshpass(1)).
 * A compose file's healthcheck (`mysqladmin ping -uroot -proot`) is where a weak default most often
 * runs. Judged as a password slot (judge/password-slot.ts): `-p$MYSQL_ROOT_PASSWORD` is a reference.
 */
export const cliPassword = rule({
  id: 'secret/cli-password',
  title: 'password on a command line',
  hint: 'Give the password through the tool\'s option file or environment (MYSQL_PWD is deprecated: use --defaults-extra-file, or sshpass -e), not the command line, then change it.',
  envVar: 'DB_PASSWORD',
  anchors: ['mysql', 'mariadb', 'sshpass'],
  // (The tool and its flags are also items of an exec-form list: `["CMD", "mysqladmin", "ping", "-uroot", "-proot"]`.)
  pattern: /(?<![\w/.:-])(?:(?:mysql|mariadb)(?:[-_]?[a-z]{0,10})?(?=["']?[ \t,])[^\n|;&]{0,200}?[ \t]["']?(?:-p|--password=)|sshpass[ \t]+-p[ \t]*)["']?(?<v>[^\s'"`;|&),\]]{1,128})/,
  validate: (v, m) => judgePasswordSlot(v, userOf(m))?.confidence ?? null,
  variant: (v, m) => judgePasswordSlot(v, userOf(m))?.variant,
});

/** The user the same command names (`-uroot`, `-u root`, `--user=root`), for the user-again judgement. */
function userOf(m: RegExpExecArray): string | undefined {
  return /[ \t]["']?(?:-u[ \t]*|--user=)["']?([\w.-]{1,64})/.exec(m[0])?.[1];
}

export const samples: RuleSamples = {
  true: [
    { in: 'mysql -h db -u app -p{value} app < dump.sql', shape: '[A-Za-z0-9]{20}', path: 'scripts/restore.sh' },
    { in: '      test: ["CMD", "mysqladmin", "ping", "-h", "localhost", "-uhealth", "-p{value}"]', shape: '[A-Za-z0-9]{20}', path: 'docker-compose.yml' },
    { in: 'sshpass -p {value} ssh deploy@host', shape: '[A-Za-z0-9]{20}', path: 'deploy.sh' },
  ],
  false: [
    'mysql -u root -p app',
    'mysql -u root -p$MYSQL_ROOT_PASSWORD app',
    'mysqladmin ping -h localhost -u root -p"${MYSQL_ROOT_PASSWORD}"',
    'mysql -h db -P 3306 -u app',
    'mysql -u root -pyour_password',
    'sshpass -p "$SSHPASS" ssh host',
    'sshpass -e ssh host',
    'Connect with the mysql client and type the password when -p asks for it.',
  ],
};
