import { judgePasswordSlot } from '../../judge/password-slot';
import { rule } from '../rule';
import type { RuleSamples } from '../samples';

/**
 * PowerShell's plain-text secure string (`ConvertTo-SecureString "…" -AsPlainText -Force`,
 * learn.microsoft.com, "ConvertTo-SecureString": "-AsPlainText Specifies a plain text string to
 * convert to a secure string"): the literal is the password a `PSCredential` or a cmdlet's
 * `-Password` receives. A double-quoted literal with `$name` inside is expanded where it runs and is
 * judged a reference.
 */
export const securestringPassword = rule({
  id: 'secret/securestring-password',
  title: 'plain-text password made a secure string',
  hint: 'Read the password with Get-Credential, a SecretManagement vault or an environment variable instead of a literal, then change it.',
  envVar: 'ADMIN_PASSWORD',
  anchors: ['convertto-securestring'],
  anchorsIgnoreCase: true,
  pattern: /convertto-securestring[ \t]+(?:-string[ \t]+)?["'](?<v>[^"'\n]{1,200})["'](?=[^\n|;]{0,80}-asplaintext)/i,
  validate: (v) => judgePasswordSlot(v)?.confidence ?? null,
  variant: (v) => judgePasswordSlot(v)?.variant,
});

export const samples: RuleSamples = {
  true: [
    { in: '$secure = ConvertTo-SecureString "{value}" -AsPlainText -Force', shape: '[A-Za-z0-9]{20}', path: 'deploy/setup.ps1' },
    { in: "$cred = New-Object PSCredential('admin', (ConvertTo-SecureString -String '{value}' -AsPlainText -Force))", shape: '[A-Za-z0-9]{20}', path: 'deploy/setup.ps1' },
  ],
  false: [
    '$secure = ConvertTo-SecureString $env:ADMIN_PASSWORD -AsPlainText -Force',
    '$secure = ConvertTo-SecureString "$($config.Password)" -AsPlainText -Force',
    '$secure = ConvertTo-SecureString "<password>" -AsPlainText -Force',
    '$secure = Read-Host -AsSecureString | ConvertTo-SecureString "P@ssw0rd"',
  ],
};
