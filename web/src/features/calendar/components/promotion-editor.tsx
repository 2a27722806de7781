import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, type FieldErrors } from '@/lib/api-error';
import { formatDateTime } from '@/lib/format';
import { Field } from '@/components/ui/field';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import type { Promotion } from '../api/promotions-api';
import { promotionInterval, promotionState } from '../api/promotion-state';
import { usePromotion } from '../hooks/use-promotions';
import {
  useDeletePromotion,
  usePublishPromotion,
  useSavePromotion,
  useUnpublishPromotion,
} from '../hooks/use-promotion-mutations';
import { promotionKeys } from '../hooks/promotion-query-keys';
import { PreviewPanel } from './preview-panel';
import { ProductPicker } from './product-picker';
import {
  MESSAGE_PLACEHOLDERS,
  placeholderToken,
  formValuesFrom,
  newFormValues,
  parseDiscount,
  timeZoneOptions,
  toPromotionInput,
  type PromotionFormValues,
  type SelectedRange,
} from './promotion-form-values';

/** Which server field paths each form field shows (contracts.md field names). */
const FIELD_PATHS: Record<keyof PromotionFormValues, (path: string) => boolean> = {
  title: (p) => p === 'title',
  packageName: (p) => p === 'package.name' || p === 'package',
  discountPercent: (p) => p === 'package.discountPercent',
  message: (p) => p === 'package.message',
  products: (p) => p.startsWith('package.products'),
  timeZone: (p) => p === 'timeZone',
  startsAt: (p) => p === 'startsAt',
  endsAt: (p) => p === 'endsAt',
  dailySendTime: (p) => p === 'dailySendTime',
};

function errorFor(errors: FieldErrors, field: keyof PromotionFormValues): string | undefined {
  const messages = Object.entries(errors)
    .filter(([path]) => FIELD_PATHS[field](path))
    .map(([path, message]) => (path.includes('[') ? `${path.replace(/^package\./, '')}: ${message}` : message));
  return messages.length ? messages.join(' ') : undefined;
}

function unplacedErrors(errors: FieldErrors): [string, string][] {
  const fields = Object.keys(FIELD_PATHS) as (keyof PromotionFormValues)[];
  return Object.entries(errors).filter(([path]) => !fields.some((field) => FIELD_PATHS[field](path)));
}

type Feedback = { notice?: string; warnings: string[] };

/** Title, start and end (in the promotion's own zone, formatted in the UI's language) for the publish question. */
function publishSummary(promotion: Promotion) {
  const { start, end } = promotionInterval(promotion);
  const { timeZone } = promotion;
  return { title: promotion.title, start: formatDateTime(start, { timeZone }), end: formatDateTime(end, { timeZone }), timeZone };
}

/**
 * The drawer that creates or edits one promotion. It loads the promotion when
 * given an id; the form below remounts on every new saved version.
 */
export function PromotionEditor({
  promotionId,
  range,
  onClose,
  onCreated,
}: {
  promotionId?: string;
  range?: SelectedRange;
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const { t } = useTranslation('calendar');
  const query = usePromotion(promotionId);
  const [feedback, setFeedback] = useState<Feedback>({ warnings: [] });
  const titleId = useId();
  const drawerRef = useRef<HTMLElement>(null);

  // Closing the drawer returns focus to what opened it (a calendar event or a button).
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  useEffect(() => {
    drawerRef.current?.querySelector<HTMLElement>('form input, form select, form textarea')?.focus();
  }, [promotionId, query.isSuccess]);

  const promotion = query.data;
  const state = promotion ? promotionState(promotion) : null;
  return (
    <aside
      ref={drawerRef}
      className="editor-drawer"
      role="dialog"
      aria-labelledby={titleId}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !event.defaultPrevented) onClose();
      }}
    >
      <header className="editor-header">
        <div>
          <h2 id={titleId}>{promotionId ? t('editor.editTitle') : t('editor.newTitle')}</h2>
          {state && <span className={`state-chip promo-state-${state}`}>{t(`state.${state}.label`)}</span>}
        </div>
        <button type="button" className="icon-button" aria-label={t('editor.close')} onClick={onClose}>
          ×
        </button>
      </header>
      {promotionId && query.isPending && (
        <p className="editor-state" role="status">
          <span className="spinner" aria-hidden="true" /> {t('editor.loading')}
        </p>
      )}
      {promotionId && query.isError && (
        <p className="editor-state inline-error" role="alert">
          {query.error.message}
        </p>
      )}
      {(!promotionId || promotion) && (
        <PromotionForm
          key={promotion ? `${promotion.id}@${promotion.version}` : 'new'}
          promotion={promotion}
          initial={promotion ? formValuesFrom(promotion) : newFormValues(range)}
          feedback={feedback}
          setFeedback={setFeedback}
          onCreated={onCreated}
          onDeleted={onClose}
        />
      )}
    </aside>
  );
}

function PromotionForm({
  promotion,
  initial,
  feedback,
  setFeedback,
  onCreated,
  onDeleted,
}: {
  promotion?: Promotion;
  initial: PromotionFormValues;
  feedback: Feedback;
  setFeedback: (feedback: Feedback) => void;
  onCreated: (id: string) => void;
  onDeleted: () => void;
}) {
  const { t } = useTranslation('calendar');
  const [values, setValues] = useState(initial);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<ApiError | Error | null>(null);
  const [confirming, setConfirming] = useState<'publish' | 'unpublish' | 'delete' | null>(null);
  const [unpublishReason, setUnpublishReason] = useState('');
  const messageRef = useRef<HTMLTextAreaElement>(null);
  const queryClient = useQueryClient();

  const save = useSavePromotion();
  const publish = usePublishPromotion();
  const unpublish = useUnpublishPromotion();
  const remove = useDeletePromotion();
  const busy = save.isPending || publish.isPending || unpublish.isPending || remove.isPending;

  const dirty = JSON.stringify(values) !== JSON.stringify(initial);
  const set = <K extends keyof PromotionFormValues>(field: K, value: PromotionFormValues[K]) =>
    setValues((current) => ({ ...current, [field]: value }));

  const fail = (error: unknown) => {
    setProblem(error instanceof Error ? error : new Error(String(error)));
    setFieldErrors(error instanceof ApiError ? error.fieldErrors : {});
    setFeedback({ warnings: [] });
  };
  const succeed = (notice: string, warnings: string[] = []) => {
    setProblem(null);
    setFieldErrors({});
    setFeedback({ notice, warnings });
  };

  const target = promotion ? { id: promotion.id, version: promotion.version } : undefined;

  // mutateAsync, not mutate(…, callbacks): a successful write stores the new
  // version, which remounts this form, and per-call callbacks of an unmounted
  // component never run. The feedback lives in the drawer, so it survives.
  const run = async (action: () => Promise<void>) => {
    try {
      await action();
    } catch (error) {
      fail(error);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const result = await save.mutateAsync({ target, input: toPromotionInput(values) });
      succeed(promotion ? t('editor.changesSaved') : t('editor.draftSaved'), result.warnings);
      if (!promotion) onCreated(result.promotion.id);
    });
  };

  const reloadLatest = () => {
    if (!promotion) return;
    setProblem(null);
    setFieldErrors({});
    void queryClient.invalidateQueries({ queryKey: promotionKeys.detail(promotion.id) });
    void queryClient.invalidateQueries({ queryKey: ['promotions', 'range'] });
  };

  const insertPlaceholder = (token: string) => {
    const textarea = messageRef.current;
    const start = textarea?.selectionStart ?? values.message.length;
    const end = textarea?.selectionEnd ?? values.message.length;
    set('message', values.message.slice(0, start) + token + values.message.slice(end));
    requestAnimationFrame(() => {
      textarea?.focus();
      textarea?.setSelectionRange(start + token.length, start + token.length);
    });
  };

  const discount = parseDiscount(values.discountPercent);
  const stale = problem instanceof ApiError && problem.isStaleVersion;
  const leftover = unplacedErrors(fieldErrors);
  const published = promotion?.status === 'PUBLISHED';

  return (
    <form className="editor-form" onSubmit={onSubmit} noValidate aria-busy={busy}>
      <div className="editor-body">
        {problem && (
          <div className="alert alert-error" role="alert">
            <p className="alert-title">{stale ? t('editor.stale') : t('editor.failed')}</p>
            <p>{problem.message}</p>
            {leftover.length > 0 && (
              <ul>
                {leftover.map(([path, message]) => (
                  <li key={path}>
                    <code>{path}</code>: {message}
                  </li>
                ))}
              </ul>
            )}
            {stale && (
              <button type="button" className="button button-secondary button-small" onClick={reloadLatest}>
                {t('editor.reloadLatest')}
              </button>
            )}
          </div>
        )}
        {!problem && feedback.notice && (
          <div className="alert alert-success" role="status">
            {feedback.notice}
          </div>
        )}
        {feedback.warnings.length > 0 && (
          <div className="alert alert-warning" role="status">
            <p className="alert-title">{t('editor.headsUp')}</p>
            <ul>
              {feedback.warnings.map((warning) => (
                <li key={warning}>{warning}</li>
              ))}
            </ul>
          </div>
        )}

        <fieldset className="form-section">
          <legend>{t('editor.sectionPromotion')}</legend>
          <Field label={t('editor.title')} error={errorFor(fieldErrors, 'title')}>
            {(control) => (
              <input {...control} className="input" value={values.title} maxLength={120} onChange={(e) => set('title', e.target.value)} />
            )}
          </Field>
        </fieldset>

        <fieldset className="form-section">
          <legend>{t('editor.sectionPackage')}</legend>
          <div className="form-row">
            <Field label={t('editor.packageName')} error={errorFor(fieldErrors, 'packageName')} className="grow">
              {(control) => (
                <input {...control} className="input" value={values.packageName} onChange={(e) => set('packageName', e.target.value)} />
              )}
            </Field>
            <Field label={t('editor.discount')} error={errorFor(fieldErrors, 'discountPercent')} className="narrow">
              {(control) => (
                <input
                  {...control}
                  className="input"
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={99}
                  value={values.discountPercent}
                  onChange={(e) => set('discountPercent', e.target.value)}
                />
              )}
            </Field>
          </div>
          <Field label={t('editor.products')} error={errorFor(fieldErrors, 'products')}>
            {(control) => (
              <ProductPicker
                products={values.products}
                discountPercent={discount}
                onChange={(products) => set('products', products)}
                describedBy={control['aria-describedby']}
                invalid={control['aria-invalid']}
              />
            )}
          </Field>
          <Field
            label={t('editor.message')}
            error={errorFor(fieldErrors, 'message')}
            hint={
              <div className="placeholder-help">
                <p>{t('editor.messageHint')}</p>
                <ul>
                  {MESSAGE_PLACEHOLDERS.map((name) => (
                    <li key={name}>
                      <button type="button" className="token" onClick={() => insertPlaceholder(placeholderToken(name))}>
                        {placeholderToken(name)}
                      </button>{' '}
                      <span className="muted">{t(`placeholder.${name}`)}</span>
                    </li>
                  ))}
                </ul>
              </div>
            }
          >
            {(control) => (
              <textarea
                {...control}
                ref={messageRef}
                className="input"
                rows={4}
                maxLength={2000}
                value={values.message}
                onChange={(e) => set('message', e.target.value)}
              />
            )}
          </Field>
        </fieldset>

        <fieldset className="form-section">
          <legend>{t('editor.sectionWhen')}</legend>
          <Field label={t('editor.timeZone')} error={errorFor(fieldErrors, 'timeZone')} hint={t('editor.timeZoneHint')}>
            {(control) => (
              <select {...control} className="input" value={values.timeZone} onChange={(e) => set('timeZone', e.target.value)}>
                {timeZoneOptions().map((zone) => (
                  <option key={zone} value={zone}>
                    {zone.replaceAll('_', ' ')}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="form-row">
            <Field label={t('editor.startsAt')} error={errorFor(fieldErrors, 'startsAt')} className="grow">
              {(control) => (
                <input {...control} className="input" type="datetime-local" value={values.startsAt} onChange={(e) => set('startsAt', e.target.value)} />
              )}
            </Field>
            <Field label={t('editor.endsAt')} error={errorFor(fieldErrors, 'endsAt')} className="grow" hint={t('editor.endsAtHint')}>
              {(control) => (
                <input {...control} className="input" type="datetime-local" value={values.endsAt} onChange={(e) => set('endsAt', e.target.value)} />
              )}
            </Field>
          </div>
          <Field
            label={t('editor.dailySendTime')}
            error={errorFor(fieldErrors, 'dailySendTime')}
            hint={t('editor.dailySendTimeHint')}
            className="narrow-field"
          >
            {(control) => (
              <input {...control} className="input" type="time" value={values.dailySendTime} onChange={(e) => set('dailySendTime', e.target.value)} />
            )}
          </Field>
        </fieldset>

        {promotion && <PreviewPanel promotionId={promotion.id} version={promotion.version} timeZone={promotion.timeZone} />}
        {!promotion && <p className="muted small">{t('editor.previewAfterSave')}</p>}
      </div>

      <footer className="editor-actions">
        <button type="submit" className={`button ${published ? 'button-secondary' : 'button-primary'}`} disabled={busy || (!!promotion && !dirty)}>
          {save.isPending ? t('editor.saving') : promotion ? t('editor.saveChanges') : t('editor.saveDraft')}
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
          <button
            type="button"
            className="button button-secondary"
            disabled={busy}
            onClick={() => setConfirming('unpublish')}
          >
            {unpublish.isPending ? t('editor.unpublishing') : t('editor.unpublishEllipsis')}
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
          busy={publish.isPending}
          onCancel={() => setConfirming(null)}
          onConfirm={() =>
            run(async () => {
              try {
                const result = await publish.mutateAsync(target!);
                succeed(t('editor.publishedNotice'), result.warnings);
              } finally {
                setConfirming(null);
              }
            })
          }
        >
          <p>{t('editor.publishExplanation', publishSummary(promotion))}</p>
        </ConfirmDialog>
      )}
      {confirming === 'unpublish' && promotion && (
        <ConfirmDialog
          title={t('editor.unpublishQuestion')}
          confirmLabel={t('editor.unpublish')}
          tone="danger"
          busy={unpublish.isPending}
          onCancel={() => setConfirming(null)}
          onConfirm={() =>
            run(async () => {
              try {
                const result = await unpublish.mutateAsync({ ...target!, reason: unpublishReason });
                setUnpublishReason('');
                succeed(t('editor.unpublishedNotice'), result.warnings);
              } finally {
                setConfirming(null);
              }
            })
          }
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
          busy={remove.isPending}
          onCancel={() => setConfirming(null)}
          onConfirm={() =>
            run(async () => {
              try {
                await remove.mutateAsync(target!);
                onDeleted();
              } finally {
                setConfirming(null);
              }
            })
          }
        >
          <p>{t('editor.deleteExplanation', { title: promotion.title })}</p>
        </ConfirmDialog>
      )}
    </form>
  );
}
