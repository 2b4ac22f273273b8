import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { I18nContext, initialLang, type Lang, makeI18n, saveLang } from './i18n';
import { ExplorePage } from './pages/explore';
import { InferencePage } from './pages/inference';
import { ModelsPage } from './pages/models';
import { RunsPage } from './pages/runs';
import { SchedulePage } from './pages/schedule';
import { TrainingPage } from './pages/training';
import { useRoute } from './router';

const PAGES = ['training', 'models', 'inference', 'explore', 'schedule', 'runs'] as const;
type Page = (typeof PAGES)[number];

export function App() {
  const [lang, setLang] = useState<Lang>(initialLang);
  const i18n = useMemo(() => makeI18n(lang, setLang), [lang]);
  const [page = 'training', arg] = useRoute();
  const current: Page = (PAGES as readonly string[]).includes(page) ? (page as Page) : 'training';
  useEffect(() => {
    document.documentElement.lang = lang;
    saveLang(lang);
  }, [lang]);
  useEffect(() => {
    document.title = `${i18n.t(`nav.${current}`)} — empreinte`;
  }, [current, lang]);
  // Move focus to the new page's heading, so keyboard and screen-reader users follow navigation.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const heading = document.querySelector<HTMLElement>('main h1');
    heading?.setAttribute('tabindex', '-1');
    heading?.focus({ preventScroll: true });
  }, [current, arg]);
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
            {PAGES.map((p) => (
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
        {current === 'training' && <TrainingPage />}
        {current === 'models' && <ModelsPage />}
        {current === 'inference' && <InferencePage />}
        {current === 'explore' && <ExplorePage />}
        {current === 'schedule' && <SchedulePage />}
        {current === 'runs' && <RunsPage id={arg} />}
      </main>
      <footer class="foot">
        <p>{t('footer.text')}</p>
      </footer>
    </I18nContext.Provider>
  );
}
