import { rule } from '../rule';
import { OWN_PATTERN, type RuleModule } from '../samples';

export const telegramBotToken: RuleModule = {
  rule: rule({
    id: 'secret/telegram-bot-token',
    title: 'Telegram bot token',
    envVar: 'TELEGRAM_BOT_TOKEN',
    anchors: [':AA'],
    pattern: /(?<=(?<![A-Za-z0-9_:])(?<p>\d{8,10})):AA[A-Za-z0-9_-]{32,33}(?![A-Za-z0-9_-])/,
  }),
  samples: {
    true: [OWN_PATTERN],
    false: ["if (token.startsWith(':AA')) {", '069618754:AAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', '069618754:AAZq7Lm2Pw'],
  },
};
