import { useTranslation } from 'react-i18next';
import { Toast as ToastView, type ToastMessage } from '@/components/ui/toast';

/** The inbox's note: with Undo it closes by itself after 8 s, without after 5 s. */
export type Toast = Omit<ToastMessage, 'closesAfterMs'>;

const VISIBLE_MS = { undo: 8000, info: 5000 };

/**
 * The inbox page's toast ("Archived … — Undo"): Undo takes focus, and when the
 * toast closes with focus inside, `onClose(true)` lets the page put focus back.
 */
export function UndoToast({ toast, onClose }: { toast: Toast | null; onClose: (hadFocus: boolean) => void }) {
  const { t } = useTranslation('inbox');
  return (
    <ToastView
      toast={toast && { ...toast, closesAfterMs: toast.undo ? VISIBLE_MS.undo : VISIBLE_MS.info }}
      onClose={onClose}
      labels={{ region: t('toast.region'), undo: t('toast.undo'), dismiss: t('toast.dismiss') }}
      focusUndo
    />
  );
}
