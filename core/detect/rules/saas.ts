import { minEntropy } from '../judge/entropy';
import { B, E, rule, type PatternRule } from './rule';

/** Messaging, payments and SaaS APIs with a recognisable token format. */
export const saasRules: PatternRule[] = [
  rule({
    id: 'secret/slack-token',
    title: 'Slack token',
    envVar: 'SLACK_BOT_TOKEN',
    anchors: ['xoxb-', 'xoxp-', 'xoxa-', 'xoxo-', 'xoxs-', 'xoxr-', 'xoxe-', 'xoxe.xox'],
    // Slack tokens are dash-separated numeric ids followed by a random tail.
    pattern: /(?<![A-Za-z0-9_-])(?<v>xox[bpaosre]-(?:\d+-)?\d{6,16}(?:-\d{6,16}){0,3}-?[A-Za-z0-9]{0,80}|xoxe\.xox[bp]-1-[A-Za-z0-9]{100,300}|xoxe-1-[A-Za-z0-9]{100,300})(?![A-Za-z0-9-])/,
    validate: (v) => ((/^xoxe[.-]/.test(v) || /\d{6,}/.test(v)) && v.length >= 24 ? 0.9 : null),
  }),
  rule({
    id: 'secret/slack-token',
    title: 'Slack app-level token',
    envVar: 'SLACK_APP_TOKEN',
    anchors: ['xapp-'],
    pattern: new RegExp(`${B}(?<v>xapp-\\d-[A-Z0-9]{9,12}-\\d{10,16}-[a-z0-9]{60,70})${E}`),
  }),
  rule({
    id: 'secret/slack-webhook',
    title: 'Slack webhook URL',
    envVar: 'SLACK_WEBHOOK_URL',
    anchors: ['hooks.slack.com/'],
    pattern: /hooks\.slack\.com\/(?:services|workflows|triggers)\/(?<v>[A-Za-z0-9+/_-]{20,200})(?![A-Za-z0-9+/_-])/,
    validate: (v) => (/\d/.test(v) && minEntropy(3.5)(v) ? 0.95 : null),
  }),
  rule({
    id: 'secret/stripe-key',
    title: 'Stripe secret key',
    envVar: 'STRIPE_SECRET_KEY',
    anchors: ['sk_live_', 'sk_test_', 'sk_prod_', 'rk_live_', 'rk_test_', 'rk_prod_'],
    pattern: new RegExp(`${B}(?<v>(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{20,247})${E}`),
    validate: minEntropy(3),
  }),
  rule({
    // Stripe, Svix (and the services built on it: Clerk, Resend) all sign webhooks with a
    // `whsec_` secret: it proves a request came from the sender, whoever that is.
    id: 'secret/webhook-signing-secret',
    title: 'webhook signing secret',
    envVar: 'WEBHOOK_SECRET',
    hint: "Read it from the environment, then roll the endpoint's signing secret with the sender.",
    anchors: ['whsec_'],
    pattern: new RegExp(`${B}(?<v>whsec_[A-Za-z0-9+/=]{24,88})${E}`),
    validate: minEntropy(3),
  }),
  rule({
    id: 'secret/sendgrid-api-key',
    title: 'SendGrid API key',
    envVar: 'SENDGRID_API_KEY',
    anchors: ['SG.'],
    pattern: /(?<![A-Za-z0-9_])(?<v>SG\.[A-Za-z0-9_-]{20,24}\.[A-Za-z0-9_-]{39,50})(?![A-Za-z0-9_-])/,
  }),
  rule({
    id: 'secret/twilio-api-key',
    title: 'Twilio API key',
    envVar: 'TWILIO_API_KEY',
    anchors: ['SK'],
    pattern: new RegExp(`${B}(?<v>SK[0-9a-fA-F]{32})${E}`),
    validate: minEntropy(3),
  }),
  rule({
    id: 'secret/mailchimp-api-key',
    title: 'Mailchimp API key',
    envVar: 'MAILCHIMP_API_KEY',
    anchors: ['-us'],
    pattern: /(?<=(?<![A-Za-z0-9])(?<p>[a-f0-9]{32}))-us\d{1,2}(?![A-Za-z0-9])/,
  }),
  rule({
    id: 'secret/discord-bot-token',
    title: 'Discord bot token',
    envVar: 'DISCORD_TOKEN',
    // The first segment is the base64 of the bot's numeric id, so it starts M/N/O then D/T/j/z.
    anchors: ['MD', 'MT', 'Mj', 'Mz', 'ND', 'NT', 'Nj', 'Nz', 'OD', 'OT', 'Oj', 'Oz'],
    pattern: /(?<![A-Za-z0-9_-])(?<v>[MNO][A-Za-z0-9_-]{23,25}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38})(?![A-Za-z0-9_-])/,
  }),
  rule({
    id: 'secret/telegram-bot-token',
    title: 'Telegram bot token',
    envVar: 'TELEGRAM_BOT_TOKEN',
    anchors: [':AA'],
    pattern: /(?<=(?<![A-Za-z0-9_:])(?<p>\d{8,10})):AA[A-Za-z0-9_-]{32,33}(?![A-Za-z0-9_-])/,
  }),
  rule({
    id: 'secret/facebook-token',
    title: 'Facebook access token',
    envVar: 'FACEBOOK_ACCESS_TOKEN',
    anchors: ['EAA'],
    pattern: new RegExp(`${B}(?<v>EAA[A-Za-z0-9]{100,400})${E}`),
    validate: minEntropy(4),
  }),
  rule({
    id: 'secret/facebook-token',
    title: 'Facebook app access token',
    envVar: 'FACEBOOK_ACCESS_TOKEN',
    anchors: ['|'],
    pattern: /(?<=(?<![0-9])(?<p>\d{15,16}))\|[A-Za-z0-9_-]{27}(?![A-Za-z0-9_-])/,
  }),
  rule({
    id: 'secret/square-token',
    title: 'Square access token or secret',
    envVar: 'SQUARE_ACCESS_TOKEN',
    anchors: ['sq0atp-', 'sq0csp-', 'EAAA'],
    pattern: new RegExp(`${B}(?<v>sq0(?:atp|csp)-[A-Za-z0-9_-]{22,60}|EAAA[A-Za-z0-9_+=-]{60})(?![A-Za-z0-9_-])`),
  }),
  rule({
    id: 'secret/sidekiq-credentials',
    title: 'Sidekiq Enterprise credentials',
    anchors: ['CONTRIBSYS__COM'],
    pattern: /CONTRIBSYS__COM[\s'"]*[:=][\s'"]*(?<v>[a-f0-9]{8}:[a-f0-9]{8})(?![A-Za-z0-9])/,
  }),
  rule({
    id: 'secret/shopify-token',
    title: 'Shopify token',
    anchors: ['shpat_'],
    pattern: new RegExp(`${B}(?<v>shpat_[a-fA-F0-9]{32})${E}`),
  }),
];
