import { render } from 'preact';
import { App } from './app';

/** Replaces the static shell of index.html with the app (the same header, then the page). */
export function boot(): void {
  const root = document.getElementById('app')!;
  root.replaceChildren();
  render(<App />, root);
}
