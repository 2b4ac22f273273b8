import type { FunctionComponent } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ErrorBox, Loading } from './components/ui';
import { I18nContext, initialLang, type Lang, makeI18n, saveLang } from './i18n';
import { useRoute } from './router';

type PageComponent = FunctionComponent<{ id?: string }>;

/** Each page is its own chunk, loaded when first shown: the shell paints before any page's code. */
const PAGES = {
  training: () => import('./pages/training').then((m) => m.TrainingPage),
  models: () => import('./pages/models').then((m) => m.ModelsPage),
  inference: () => import('./pages/inference').then((m) => m.InferencePage),
  explore: () => import('./pages/explore').then((m) => m.ExplorePage),
  schedule: () => import('./pages/schedule').then((m) => m.SchedulePage),
  runs: () => import('./pages/runs').then((m) => m.RunsPage),
} satisfies Record<string, () => Promise<PageComponent>>;
type Page = keyof typeof PAGES;
const NAMES = Object.keys(PAGES) as Page[];
const loaded = new Map<Page, PageComponent>();

export function App() {
  const [lang, setLang] = useState<Lang>(initialLang);
  const i18n = useMemo(() => makeI18n(lang, setLang), [lang]);
  const [page = 'training', arg] = useRoute();
  const current: Page = (NAMES as string[]).includes(page) ? (page as Page) : 'training';
  useEffect(() => {
    document.documentElement.lang = lang;
    saveLang(lang);
  }, [lang]);
  useEffect(() => {
    document.title = `${i18n.t(`nav.${current}`)} — empreinte`;
  }, [current, lang]);
  const { t } = i18n;
  return (
    <I18nContext.Provider value={i18n}>
      {/* A button, not a link: the hash belongs to the router. */}
      <button type="button" class="skip" onClick={() => document.getElementById('main')?.focus()}>
        {t('nav.skip')}
      </button>
      <header class="top">
        <a class="brand" href="#/training">
          empreinte
        </a>
        <nav aria-label={t('nav.label')}>
          <ul>
            {NAMES.map((p) => (
              <li key={p}>
                <a href={`#/${p}`} aria-current={p === current ? 'page' : undefined}>
                  {t(`nav.${p}`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="lang">
          <label for="lang-select" class="visually-hidden">
            {t('nav.language')}
          </label>
          <select id="lang-select" value={lang} onChange={(e) => setLang(e.currentTarget.value as Lang)}>
            <option value="en">English</option>
            <option value="fr">Français</option>
          </select>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <LazyPage page={current} arg={arg} />
      </main>
      <footer class="foot">
        <p>{t('footer.text')}</p>
      </footer>
    </I18nContext.Provider>
  );
}

/** The page's chunk, loaded once; "Loading…" meanwhile, and what failed if it cannot be loaded. */
function LazyPage({ page, arg }: { page: Page; arg?: string }) {
  const [, setReady] = useState<Page>();
  const [error, setError] = useState<unknown>();
  const Component = loaded.get(page);
  useEffect(() => {
    if (loaded.has(page)) return;
    let live = true;
    setError(undefined);
    PAGES[page]().then(
      (component) => {
        loaded.set(page, component);
        if (live) setReady(page);
      },
      (err) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [page]);
  // Move focus to the new page's heading, so keyboard and screen-reader users follow navigation.
  const first = useRef(true);
  useEffect(() => {
    if (!Component) return;
    if (first.current) {
      first.current = false;
      return;
    }
    const heading = document.querySelector<HTMLElement>('main h1');
    heading?.setAttribute('tabindex', '-1');
    heading?.focus({ preventScroll: true });
  }, [Component, arg]);
  if (Component) return <Component id={arg} />;
  return error ? <ErrorBox error={error} /> : <Loading />;
}
