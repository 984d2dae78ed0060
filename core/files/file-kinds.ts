import { formatOf } from './file-formats';

/** What kind of LLM-project file a path is; decides which checks and messages apply. */
const PROMPT_NAME = /(^|[\\/_.-])(system[-_ ]?prompt|prompts?|instructions?)([\\/_.-][^\\/]*)?\.(md|txt)$/i;

export function isPromptFile(path: string): boolean {
  const norm = path.replace(/\\/g, '/');
  const kind = formatOf(norm).kind;
  return kind === 'prompty' || kind === 'jinja' || PROMPT_NAME.test(norm) || /(^|\/)prompts?\//i.test(norm);
}

export function isModelConfig(path: string): boolean {
  const base = path.replace(/\\/g, '/').split('/').pop()!.toLowerCase();
  return /^(config|litellm[-_]?config|proxy[-_]?config)\.ya?ml$/.test(base) || base === '.mcp.json' || base === 'modelfile' || /^(docker-)?compose(\.[\w-]+)?\.ya?ml$/.test(base) || /^config\.json$/.test(base);
}

/**
 * A locale's tag as catalogs name their folders and files (BCP 47 as written in practice: `fr`,
 * `pt-BR`, `pt_BR`, `zh-Hans`, `es-419`, Crowdin's pseudo-language `aa-ER`).
 */
const LOCALE = '[a-z]{2,3}(?:[-_](?:[A-Z]{2}|[A-Z][a-z]{3}|\\d{3}))?(?:[-_][A-Z]{2})?';
const CATALOG_DIR = '(?:lang|langs|languages?|locales?|i18n|l10n|translations?)';
/**
 * A translation catalog: a file under a catalog folder whose own folder or name is a locale
 * (Laravel's `resources/lang/de/auth.php`, i18next's `public/locales/de/common.json`, Rails'
 * `config/locales/devise.de.yml`, Django's `locale/de/LC_MESSAGES/django.po`, Flutter's
 * `lib/l10n/app_de.arb`), an Apple `de.lproj` folder or an Android `values-de` one. Its values are an
 * interface's messages in a language, written by translators (or a translation service's in-context
 * markers, `crwdns1630:0crwdne1630:0`), not credentials. A bundler's copy keeps the locale and adds a
 * hash of the content to the name (`translations/de-6c4e6bbf7d81221a.json`: webpack's and Vite's
 * `[name]-[contenthash]`).
 */
const CONTENT_HASH = '(?:[.-][0-9a-f]{8,64})?';
const CATALOG_FILE = '\\.(?:php|json|ya?ml|po|pot|xlf|xliff|xml|properties|arb|strings|stringsdict|resx|toml|ini|ftl|js|ts)$';
const CATALOG = new RegExp(
  `(?:^|/)${CATALOG_DIR}/(?:[^/]+/)*?(?:${LOCALE}/(?:[^/]+/)*[^/]+|(?:[^/]*[._-])?${LOCALE}${CONTENT_HASH})${CATALOG_FILE}` +
    `|(?:^|/)${LOCALE}\\.lproj/[^/]+\\.(?:strings|stringsdict)$|(?:^|/)res/values-[a-z]{2,3}(?:-r[A-Z]{2})?/[^/]+\\.xml$`,
);

export function isTranslationCatalog(path: string): boolean {
  return CATALOG.test(path.replace(/\\/g, '/'));
}
