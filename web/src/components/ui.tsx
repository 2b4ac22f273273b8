import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, setToken } from '../api';
import { useI18n } from '../i18n';

/** A labelled form control; `hint` is tied to the control for screen readers. */
export function Field(props: { id: string; label: string; hint?: string; children: ComponentChildren }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.children}
      {props.hint && (
        <small id={`${props.id}-hint`} class="hint">
          {props.hint}
        </small>
      )}
    </div>
  );
}

/** A value whose source shows on hover and on keyboard focus. */
export function Sourced(props: { source: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: focusable so that keyboard users get the source too
    <span class="sourced" title={props.source} tabIndex={0}>
      {props.children}
      <span class="visually-hidden"> ({props.source})</span>
    </span>
  );
}

/** What went wrong, field by field, or a token form when the server asks for one. */
export function ErrorBox({ error }: { error: unknown }) {
  const { t } = useI18n();
  const [token, setTokenText] = useState('');
  if (!error) return null;
  if (error instanceof ApiError && error.status === 401) {
    return (
      <form
        class="error"
        aria-live="assertive"
        onSubmit={(e) => {
          e.preventDefault();
          setToken(token.trim());
          // Every request of the page failed: load it again, now with the token.
          location.reload();
        }}
      >
        <p>{t('error.token')}</p>
        <Field id="api-token" label={t('error.tokenLabel')}>
          <input
            id="api-token"
            type="password"
            autocomplete="off"
            value={token}
            onInput={(e) => setTokenText(e.currentTarget.value)}
          />
        </Field>
        <button type="submit">{t('action.retry')}</button>
      </form>
    );
  }
  const issues = error instanceof ApiError ? error.issues : [];
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div class="error" role="alert">
      {issues.length > 0 ? (
        <ul>
          {issues.map((i) => (
            // The message names its field already ("params: 'x' is not a number").
            <li key={i.path.join('.')}>{i.message}</li>
          ))}
        </ul>
      ) : (
        <p>{error instanceof TypeError ? t('error.network') : message}</p>
      )}
    </div>
  );
}

/** A headline figure: label, central value, range underneath. */
export function Figure(props: { label: string; value: string; detail?: string; testId?: string }) {
  return (
    <div class="figure">
      <div class="figure-label">{props.label}</div>
      <div class="figure-value" data-testid={props.testId}>
        {props.value}
      </div>
      {props.detail && <div class="figure-detail">{props.detail}</div>}
    </div>
  );
}

/** Horizontal shares that add up to a whole, each labelled with its value (no colour-only meaning). */
export function Breakdown(props: {
  parts: { label: string; value: number; text: string; colour: string }[];
  label: string;
}) {
  const total = props.parts.reduce((s, p) => s + Math.max(0, p.value), 0) || 1;
  return (
    <figure class="breakdown" aria-label={props.label}>
      <div class="breakdown-bar" aria-hidden="true">
        {props.parts.map((p) => (
          <span
            key={p.label}
            style={{ width: `${(100 * Math.max(0, p.value)) / total}%`, background: p.colour }}
          />
        ))}
      </div>
      <ul class="breakdown-legend">
        {props.parts.map((p) => (
          <li key={p.label}>
            <span class="swatch" style={{ background: p.colour }} aria-hidden="true" />
            {p.label}: <strong>{p.text}</strong> ({Math.round((100 * Math.max(0, p.value)) / total)}&nbsp;%)
          </li>
        ))}
      </ul>
    </figure>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p class="loading" aria-live="polite">
      {t('status.loading')}
    </p>
  );
}

/** Horizontal bars with their values written out: readable on a phone, and by screen readers. */
export function BarList(props: {
  id?: string;
  label: string;
  rows: { key: string; label: string; value: number; text: string; highlight?: boolean }[];
}) {
  const max = Math.max(...props.rows.map((r) => Math.abs(r.value)), 1e-12);
  return (
    <figure class="bars" id={props.id} aria-label={props.label}>
      <ul>
        {props.rows.map((r) => (
          <li key={r.key} class={r.highlight ? 'highlight' : undefined}>
            <span class="bar-label">{r.label}</span>
            <span class="bar-track" aria-hidden="true">
              <span class="bar-fill" style={{ width: `${(100 * Math.abs(r.value)) / max}%` }} />
            </span>
            <span class="bar-value">{r.text}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
