import { useEffect, useState } from 'react';

export interface ResourceState<T> {
  value?: T;
  loading: boolean;
  error?: string;
}

interface Settled<T> {
  key: string;
  value?: T;
  error?: string;
}

/**
 * Loads a resource whenever `key` changes; `key` undefined means "nothing to load".
 * Only the answer for the current key is shown: an older one arriving late is dropped.
 */
export function useResource<T>(key: string | undefined, load: (key: string) => Promise<T>): ResourceState<T> {
  const [settled, setSettled] = useState<Settled<T>>();

  useEffect(() => {
    if (key === undefined) {
      return;
    }
    let current = true;
    load(key).then(
      (value) => current && setSettled({ key, value }),
      (err: unknown) => current && setSettled({ key, error: errorMessage(err) })
    );
    return () => {
      current = false;
    };
    // `load` is a stable data source method; only a new key means new data.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  if (key === undefined || settled?.key !== key) {
    return { loading: key !== undefined };
  }
  return { value: settled.value, error: settled.error, loading: false };
}

/** The most useful text of a failed resource call (Grafana's FetchError or a plain Error). */
export function errorMessage(err: unknown): string {
  if (typeof err === 'object' && err !== null) {
    const { data, message, statusText } = err as { data?: { message?: string }; message?: string; statusText?: string };
    const text = data?.message || message || statusText;
    if (text) {
      return text;
    }
  }
  return String(err);
}
