import { useEffect, useState } from 'preact/hooks';
import { get } from './api';
import type { HardwareEntry, LocationEntry, ModelEntry } from './types';

/** The catalogs, fetched once per page load and shared by every page. */
const catalogs: Partial<Record<string, Promise<unknown>>> = {};

function load<T>(path: string): Promise<T> {
  catalogs[path] ??= get<T>(path).catch((error) => {
    delete catalogs[path];
    throw error;
  });
  return catalogs[path] as Promise<T>;
}

export interface Loaded<T> {
  data?: T;
  error?: unknown;
  reload(): void;
}

export function useLoad<T>(loader: () => Promise<T>, deps: unknown[] = []): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown }>({});
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    loader().then(
      (data) => live && setState({ data }),
      (error) => live && setState({ error }),
    );
    return () => {
      live = false;
    };
  }, [...deps, attempt]);
  return { ...state, reload: () => setAttempt((a) => a + 1) };
}

export const loadModels = () => load<ModelEntry[]>('models');
export const loadHardware = () => load<HardwareEntry[]>('hardware');
export const loadLocations = () => load<LocationEntry[]>('locations');

/** A form's request: sent on submit, its answer or error kept (an error clears the answer). */
export function useSubmit<T>(send: () => Promise<T>) {
  const [result, setResult] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (e?: Event) => {
    e?.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      setResult(await send());
    } catch (err) {
      setError(err);
      setResult(undefined);
    } finally {
      setBusy(false);
    }
  };
  return { result, error, busy, submit };
}
