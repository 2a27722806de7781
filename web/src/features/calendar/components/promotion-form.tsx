import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalTimeWarning, Promotion } from '../api/promotions-api';
import { unplacedErrors } from '../model/form-errors';
import type { PromotionFormValues } from '../model/promotion-form-values';
import { usePromotionActions, type Feedback } from '../model/use-promotion-actions';
import { usePromotionForm } from '../model/use-promotion-form';
import { EditorActions } from './editor-actions';
import { PreviewPanel } from './preview-panel';
import { PackageFields, PromotionDetailsFields, WhenFields } from './promotion-fields';

/** The alerts above the fields: what failed (with errors no field shows), what succeeded, the service's warnings. */
function EditorAlerts({ actions, feedback }: { actions: ReturnType<typeof usePromotionActions>; feedback: Feedback }) {
  const { t } = useTranslation('calendar');
  const { problem, stale, fieldErrors } = actions;
  const leftover = unplacedErrors(fieldErrors);
  return (
    <>
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
            <button type="button" className="button button-secondary button-small" onClick={actions.reloadLatest}>
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
    </>
  );
}

/** The local-time warnings the service gave with the loaded promotion (GET of one promotion carries them too). */
function loadedTimeWarnings(promotion?: Promotion): LocalTimeWarning[] {
  const warnings: unknown[] = promotion?.warnings ?? [];
  return warnings.filter(
    (warning): warning is LocalTimeWarning =>
      typeof warning === 'object' &&
      warning !== null &&
      ['LOCAL_TIME_IN_GAP', 'LOCAL_TIME_IN_OVERLAP'].includes((warning as LocalTimeWarning).code) &&
      typeof (warning as LocalTimeWarning).field === 'string',
  ).map((warning) => ({ ...warning, days: warning.days ?? [] }));
}

/** One version of a promotion being edited: field groups, preview, actions. */
export function PromotionForm({
  promotion,
  initial,
  feedback,
  setFeedback,
  onCreated,
  onDeleted,
  onDirtyChange,
}: {
  promotion?: Promotion;
  initial: PromotionFormValues;
  feedback: Feedback;
  setFeedback: (feedback: Feedback) => void;
  onCreated: (id: string) => void;
  onDeleted: () => void;
  onDirtyChange?: (dirty: boolean) => void;
}) {
  const { t } = useTranslation('calendar');
  const form = usePromotionForm(initial, onDirtyChange);
  const actions = usePromotionActions({ promotion, setFeedback, onCreated, onDeleted });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void actions.save(form.values);
  };

  return (
    <form className="editor-form" onSubmit={onSubmit} noValidate aria-busy={actions.busy}>
      <div className="editor-body">
        <EditorAlerts actions={actions} feedback={feedback} />
        <PromotionDetailsFields form={form} errors={actions.fieldErrors} />
        <PackageFields form={form} errors={actions.fieldErrors} />
        <WhenFields form={form} errors={actions.fieldErrors} timeWarnings={feedback.timeWarnings ?? loadedTimeWarnings(promotion)} saved={promotion} />
        {promotion && <PreviewPanel promotionId={promotion.id} version={promotion.version} timeZone={promotion.timeZone} />}
        {!promotion && <p className="muted small">{t('editor.previewAfterSave')}</p>}
      </div>
      <EditorActions promotion={promotion} dirty={form.dirty} actions={actions} />
    </form>
  );
}
