import type { PatternRule } from '../rule';
import { algoliaSearchKey } from './algolia-search-key';
import { gtmEnvironmentAuth } from './gtm-environment-auth';
import { mixpanelProjectToken } from './mixpanel-project-token';
import { posthogPersonalKey } from './posthog-personal-key';
import { posthogProjectKey } from './posthog-project-key';
import { firebaseStorageDownloadToken } from './firebase-storage-download-token';
import { firebaseWebApiKey } from './firebase-web-api-key';
import { sentryDsn } from './sentry-dsn';
import { stripePublishableKey } from './stripe-publishable-key';

/**
 * Keys that are public by design (issue #21): shipped to every browser or app that uses them, so
 * they identify a project rather than grant access. Reported as information, below the default
 * threshold (`--min-confidence 0.3` shows them), never as a leak: a PostHog project key in
 * `telemetry.py` was 21 of the 27 credential-like findings on six untuned repositories. Their
 * secret siblings (PostHog personal keys, Stripe secret keys) keep rules of their own.
 */
export const publicByDesignRules: PatternRule[] = [posthogProjectKey, posthogPersonalKey, stripePublishableKey, sentryDsn, firebaseWebApiKey, gtmEnvironmentAuth, algoliaSearchKey, firebaseStorageDownloadToken, mixpanelProjectToken];
