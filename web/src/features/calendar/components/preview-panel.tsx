import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { Link } from 'react-router';
import { paths } from '@/config/paths';
import { ApiError } from '@/lib/api-error';
import { usePreview } from '../hooks/use-promotions';
import { useTestSend } from '../hooks/use-promotion-mutations';
import { ZoneTimes } from './zone-times';

/** Why there is no preview: the engine's refusal with its field messages. */
function PreviewProblem({ error }: { error: Error }) {
  const fields = error instanceof ApiError ? Object.entries(error.fieldErrors) : [];
  return (
    <div className="inline-error" role="alert">
      <p>{error.message}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map(([path, message]) => (
            <li key={path}>{message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * Occurrences (in the promotion's zone, the admin's and UTC, clock changes in
 * words), "Send me a test" and a sample message, as the engine computes them
 * for the saved version.
 */
export function PreviewPanel({ promotionId, version, timeZone }: { promotionId: string; version: number; timeZone: string }) {
  const { t } = useTranslation('calendar');
  const preview = usePreview(promotionId, version, true);
  const testSend = useTestSend();
  const [testDay, setTestDay] = useState('');
  return (
    <section className="preview-panel" aria-labelledby="preview-title">
      <div className="preview-header">
        <h3 id="preview-title" className="section-title">
          {t('preview.title')}
        </h3>
        <button type="button" className="button-link" onClick={() => preview.refetch()} disabled={preview.isFetching}>
          {t('preview.refresh')}
        </button>
      </div>
      {preview.isPending && <p className="muted" role="status">{t('preview.computing')}</p>}
      {preview.isError && <PreviewProblem error={preview.error} />}
      {preview.isSuccess && (
        <>
          <h4 className="subsection-title">
            {t('preview.dailyMessages', { count: preview.data.occurrences.length })}
          </h4>
          <ZoneTimes preview={preview.data} timeZone={timeZone} />
          {preview.data.occurrences.length > 0 && !preview.data.sampleMessage && (
            // a draft holding a slot without products: its days are known, its message is not
            <p className="muted">{t('preview.needsProducts')}</p>
          )}
          {preview.data.occurrences.length > 0 && preview.data.sampleMessage && (
            <div className="test-send">
              <label className="field-label" htmlFor="test-send-day">
                {t('preview.testSendDay')}
              </label>
              <select
                id="test-send-day"
                className="input"
                value={testDay}
                onChange={(event) => setTestDay(event.target.value)}
              >
                {preview.data.occurrences.map((occurrence) => (
                  <option key={occurrence.index} value={occurrence.index === 0 ? '' : occurrence.day}>
                    {t('preview.day', { number: occurrence.index + 1 })}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="button button-secondary"
                disabled={testSend.isPending}
                onClick={() => testSend.mutate({ id: promotionId, day: testDay || undefined })}
              >
                {testSend.isPending ? t('preview.testSending') : t('preview.testSend')}
              </button>
              {testSend.isSuccess && (
                <p role="status" className="small">
                  {t(testSend.data.delivered ? 'preview.testSent' : 'preview.testSentBefore', { number: testSend.data.dayNumber })}{' '}
                  <Link to={paths.inbox}>{t('preview.openInbox')}</Link>
                </p>
              )}
              {testSend.isError && (
                <p role="alert" className="inline-error">
                  {testSend.error.message}
                </p>
              )}
            </div>
          )}
          {preview.data.sampleMessage && (
            <div className="sample-message" aria-label={t('preview.sampleMessage')}>
              <p className="sample-subject">{preview.data.sampleMessage.subject}</p>
              <p className="sample-body">{preview.data.sampleMessage.body}</p>
            </div>
          )}
        </>
      )}
    </section>
  );
}
