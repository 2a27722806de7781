import { useTranslation } from 'react-i18next';
import { Toast } from '@/components/ui/toast';
import type { MoveNotice } from '../hooks/use-promotion-move';

const VISIBLE_MS = 10_000;

/**
 * The outcome of a drag on the calendar, at the bottom of the page: "Moved … —
 * Undo", or why the promotion went back. A saved move's note closes by itself
 * after a while; a refusal stays until dismissed.
 */
export function MoveToast({ notice, onClose }: { notice: MoveNotice | null; onClose: () => void }) {
  const { t } = useTranslation('calendar');
  const detail = notice?.kind === 'failed' && notice.detail ? ` ${notice.detail}` : '';
  return (
    <Toast
      toast={
        notice && {
          id: notice.id,
          text: t(`move.${notice.kind}`, { title: notice.title }) + detail,
          undo: notice.kind === 'moved' ? notice.undo : undefined,
          tone: notice.kind === 'stale' || notice.kind === 'failed' ? 'error' : 'info',
          closesAfterMs: notice.kind === 'moved' || notice.kind === 'undone' ? VISIBLE_MS : undefined,
        }
      }
      onClose={() => onClose()}
      labels={{ region: t('move.region'), undo: t('move.undo'), dismiss: t('move.dismiss') }}
    />
  );
}
