import type { PatternRule } from '../rule';
import { authorizationToken } from './authorization-token';
import { basicAuthHeader } from './basic-auth-header';
import { bearerToken } from './bearer-token';
import { cliPassword } from './cli-password';
import { curlCredentials } from './curl-credentials';
import { jwt } from './jwt';
import { netrcPassword } from './netrc-password';
import { privateKey } from './private-key';
import { redisPassword } from './redis-password';
import { securestringPassword } from './securestring-password';
import { sqlPassword } from './sql-password';
import { urlCredentials } from './url-credentials';

/**
 * Formats defined by structure rather than a vendor prefix: JWTs, PEM keys, URLs, headers, curl, and
 * the password slots of SQL, netrc, Redis, PowerShell and command lines (judge/password-slot.ts).
 */
export const structuralRules: PatternRule[] = [jwt, privateKey, urlCredentials, bearerToken, authorizationToken, basicAuthHeader, curlCredentials, sqlPassword, netrcPassword, redisPassword, securestringPassword, cliPassword];
