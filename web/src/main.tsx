import { render } from 'preact';
import { App } from './app';
import './styles.css';

// index.html paints a static copy of the header at once; the app replaces it in the same task.
const root = document.getElementById('app')!;
root.replaceChildren();
render(<App />, root);
