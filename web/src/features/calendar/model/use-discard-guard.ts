import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Unsaved changes are never lost silently: every way of leaving the editor
 * (Escape, ×, a click outside, opening another promotion) goes through
 * `guard(action)`, which runs the action at once when the form is clean and
 * otherwise holds it until the admin confirms (`discard`) or keeps editing
 * (`keepEditing`). Reloading or leaving the page while dirty asks the browser's question.
 */
export function useDiscardGuard() {
  const dirty = useRef(false);
  const [pending, setPending] = useState<{ action: () => void } | null>(null);

  const setDirty = useCallback((value: boolean) => {
    dirty.current = value;
  }, []);

  const guard = useCallback((action: () => void) => {
    if (dirty.current) setPending({ action });
    else action();
  }, []);

  const discard = useCallback(() => {
    const held = pending;
    setPending(null);
    dirty.current = false;
    held?.action();
  }, [pending]);

  const keepEditing = useCallback(() => setPending(null), []);

  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!dirty.current) return;
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);

  return { setDirty, guard, asking: pending !== null, discard, keepEditing };
}
