import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@/lib/format';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import type { Promotion } from '../api/promotions-api';
import { promotionInterval } from '../api/promotion-state';
import type { PromotionActions } from '../model/use-promotion-actions';

/** Title, start and end (in the promotion's own zone, formatted in the UI's language) for the publish question. */
function publishSummary(promotion: Promotion) {
  const { start, end } = promotionInterval(promotion);
  const { timeZone } = promotion;
  return { title: promotion.title, start: formatDateTime(start, { timeZone }), end: formatDateTime(end, { timeZone }), timeZone };
}

/** The editor's footer: save, publish or unpublish, delete — each write that changes what customers get asks first. */
export function EditorActions({ promotion, dirty, actions }: { promotion?: Promotion; dirty: boolean; actions: PromotionActions }) {
  const { t } = useTranslation('calendar');
  const [confirming, setConfirming] = useState<'publish' | 'unpublish' | 'delete' | null>(null);
  const [unpublishReason, setUnpublishReason] = useState('');
  const { busy, pending } = actions;
  const published = promotion?.status === 'PUBLISHED';
  const settle = () => setConfirming(null);

  return (
    <>
      <footer className="editor-actions">
        <button type="submit" className={`button ${published ? 'button-secondary' : 'button-primary'}`} disabled={busy || (!!promotion && !dirty)}>
          {pending.save ? t('editor.saving') : promotion ? t('editor.saveChanges') : t('editor.saveDraft')}
        </button>
        {promotion && !published && (
          <button
            type="button"
            className="button button-success"
            disabled={busy || dirty}
            title={dirty ? t('editor.saveBeforePublishing') : undefined}
            onClick={() => setConfirming('publish')}
          >
            {t('editor.publishEllipsis')}
          </button>
        )}
        {promotion && published && (
          <button type="button" className="button button-secondary" disabled={busy} onClick={() => setConfirming('unpublish')}>
            {pending.unpublish ? t('editor.unpublishing') : t('editor.unpublishEllipsis')}
          </button>
        )}
        {promotion && (
          <button type="button" className="button button-secondary" disabled={busy || dirty} onClick={() => void actions.duplicate()}>
            {pending.duplicate ? t('editor.duplicating') : t('editor.duplicate')}
          </button>
        )}
        <span className="spacer" />
        {promotion && (
          <button
            type="button"
            className="button button-danger-outline"
            disabled={busy || published}
            aria-describedby={published ? 'delete-hint' : undefined}
            onClick={() => setConfirming('delete')}
          >
            {t('editor.deleteEllipsis')}
          </button>
        )}
        {published && (
          <span id="delete-hint" className="muted small">
            {t('editor.unpublishBeforeDeleting')}
          </span>
        )}
      </footer>

      {confirming === 'publish' && promotion && (
        <ConfirmDialog
          title={t('editor.publishQuestion')}
          confirmLabel={t('editor.publish')}
          busy={pending.publish}
          onCancel={settle}
          onConfirm={() => void actions.publish().finally(settle)}
        >
          <p>{t('editor.publishExplanation', publishSummary(promotion))}</p>
        </ConfirmDialog>
      )}
      {confirming === 'unpublish' && promotion && (
        <ConfirmDialog
          title={t('editor.unpublishQuestion')}
          confirmLabel={t('editor.unpublish')}
          tone="danger"
          busy={pending.unpublish}
          onCancel={settle}
          onConfirm={() => void actions.unpublish(unpublishReason).finally(settle)}
        >
          <p>{t('editor.unpublishExplanation')}</p>
          <label className="field-label" htmlFor="unpublish-reason">
            {t('editor.unpublishReason')}
          </label>
          <textarea
            id="unpublish-reason"
            className="input"
            rows={3}
            maxLength={500}
            value={unpublishReason}
            placeholder={t('editor.unpublishReasonPlaceholder')}
            onChange={(event) => setUnpublishReason(event.target.value)}
          />
        </ConfirmDialog>
      )}
      {confirming === 'delete' && promotion && (
        <ConfirmDialog
          title={t('editor.deleteQuestion')}
          confirmLabel={t('editor.delete')}
          tone="danger"
          busy={pending.remove}
          onCancel={settle}
          onConfirm={() => void actions.remove().finally(settle)}
        >
          <p>{t('editor.deleteExplanation', { title: promotion.title })}</p>
        </ConfirmDialog>
      )}
    </>
  );
}
