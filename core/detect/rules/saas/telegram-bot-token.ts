import { rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const telegramBotToken = rule({
  id: 'secret/telegram-bot-token',
  title: 'Telegram bot token',
  envVar: 'TELEGRAM_BOT_TOKEN',
  anchors: [':AA'],
  pattern: /(?<=(?<![A-Za-z0-9_:])(?<p>\d{8,10})):AA[A-Za-z0-9_-]{32,33}(?![A-Za-z0-9_-])/,
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith(':AA')) {", '069618754:AAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', '069618754:AAZq7Lm2Pw'],
};
