import { useCallback, useEffect, useMemo, useState } from 'react';
import type { PromotionFormValues } from './promotion-form-values';

const sameValues = (a: PromotionFormValues, b: PromotionFormValues) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The editor's form state: the values as typed, one setter per field, and
 * whether they differ from what was loaded (`dirty`). A saved version remounts
 * the form with new `initial` values, so dirtiness is always against the
 * server's latest. `onDirtyChange` tells the drawer, which guards closing.
 */
export function usePromotionForm(initial: PromotionFormValues, onDirtyChange?: (dirty: boolean) => void) {
  const [values, setValues] = useState(initial);
  const dirty = useMemo(() => !sameValues(values, initial), [values, initial]);

  useEffect(() => {
    onDirtyChange?.(dirty);
  }, [dirty, onDirtyChange]);
  // Unmounting (closed, or remounted for a new version) leaves nothing unsaved behind.
  useEffect(() => () => onDirtyChange?.(false), [onDirtyChange]);

  const set = useCallback(
    <K extends keyof PromotionFormValues>(field: K, value: PromotionFormValues[K]) =>
      setValues((current) => ({ ...current, [field]: value })),
    [],
  );
  const reset = useCallback(() => setValues(initial), [initial]);
  return { values, set, dirty, reset };
}

export type PromotionForm = ReturnType<typeof usePromotionForm>;
