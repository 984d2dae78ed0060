import type { PatternRule } from '../rule';
import { authorizationToken } from './authorization-token';
import { basicAuthHeader } from './basic-auth-header';
import { bearerToken } from './bearer-token';
import { curlCredentials } from './curl-credentials';
import { jwt } from './jwt';
import { privateKey } from './private-key';
import { urlCredentials } from './url-credentials';

/** Formats defined by structure rather than a vendor prefix: JWTs, PEM keys, URLs, headers, curl. */
export const structuralRules: PatternRule[] = [jwt, privateKey, urlCredentials, bearerToken, authorizationToken, basicAuthHeader, curlCredentials];
