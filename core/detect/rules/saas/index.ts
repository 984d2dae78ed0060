import type { PatternRule } from '../rule';
import { discordBotToken } from './discord-bot-token';
import { facebookAppAccessToken } from './facebook-app-access-token';
import { facebookToken } from './facebook-token';
import { mailchimpApiKey } from './mailchimp-api-key';
import { sendgridApiKey } from './sendgrid-api-key';
import { shopifyAdminToken } from './shopify-admin-token';
import { sidekiqCredentials } from './sidekiq-credentials';
import { slackAppLevelToken } from './slack-app-level-token';
import { slackToken } from './slack-token';
import { slackWebhook } from './slack-webhook';
import { squareToken } from './square-token';
import { stripeKey } from './stripe-key';
import { telegramBotToken } from './telegram-bot-token';
import { twilioApiKey } from './twilio-api-key';
import { webhookSigningSecret } from './webhook-signing-secret';

/** Messaging, payments and SaaS APIs with a recognisable token format. */
export const saasRules: PatternRule[] = [slackToken, slackAppLevelToken, slackWebhook, stripeKey, webhookSigningSecret, sendgridApiKey, twilioApiKey, mailchimpApiKey, discordBotToken, telegramBotToken, facebookToken, facebookAppAccessToken, squareToken, sidekiqCredentials, shopifyAdminToken];
