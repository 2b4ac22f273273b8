import './styles.css';

// index.html carries the shell (header and navigation) as plain HTML. The app is loaded after the
// browser has painted it, so that nothing waits for a script before the first paint; a hidden tab
// paints nothing, so there the app starts at once.
const start = () => import('./boot').then(({ boot }) => boot());
if (document.visibilityState === 'hidden') start();
else requestAnimationFrame(() => setTimeout(start, 0));
