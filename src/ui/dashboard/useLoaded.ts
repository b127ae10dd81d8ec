import { useEffect, useState } from 'react';
import { toAppError, type AppError } from '../../store/loadError';

/**
 * The result of `load`, run again whenever `key` changes (a stale answer is dropped): null until
 * it arrives, its failure as an AppError.
 */
export function useLoaded<T>(load: () => Promise<T>, key: string): { readonly value: T | null; readonly error: AppError | null } {
  const [state, setState] = useState<{ readonly key: string; readonly value: T | null; readonly error: AppError | null }>({ key, value: null, error: null });
  useEffect(() => {
    let live = true;
    setState({ key, value: null, error: null });
    load().then(
      (value) => live && setState({ key, value, error: null }),
      (error: unknown) => live && setState({ key, value: null, error: toAppError(error) }),
    );
    return () => {
      live = false;
    };
    // `key` names what `load` loads.
  }, [key]);
  // Until the effect has run for a new key, the old answer is not this key's.
  return state.key === key ? state : { value: null, error: null };
}
