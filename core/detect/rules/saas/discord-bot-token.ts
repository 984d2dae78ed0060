import { rule } from '../rule';
import type { RuleSamples } from '../samples';

export const discordBotToken = rule({
  id: 'secret/discord-bot-token',
  title: 'Discord bot token',
  envVar: 'DISCORD_TOKEN',
  // The first segment is the base64 of the bot's numeric id, so it starts M/N/O then D/T/j/z.
  anchors: ['MD', 'MT', 'Mj', 'Mz', 'ND', 'NT', 'Nj', 'Nz', 'OD', 'OT', 'Oj', 'Oz'],
  pattern: /(?<![A-Za-z0-9_-])(?<v>[MNO][A-Za-z0-9_-]{23,25}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38})(?![A-Za-z0-9_-])/,
});

export const samples: RuleSamples = {
  true: [{ in: 'DISCORD_TOKEN = "{value}"', shape: 'M[DTjz][A-Za-z0-9]{22}\\.[A-Za-z0-9]{6}\\.[A-Za-z0-9]{27}' }],
  false: ["if (token.startsWith('MD')) {", 'MDxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'MDZq7Lm2Pw'],
};
