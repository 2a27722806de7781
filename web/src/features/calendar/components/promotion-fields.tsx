import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldErrors } from '@/lib/api-error';
import { Field } from '@/components/ui/field';
import { errorFor } from '../model/form-errors';
import type { LocalTimeWarning, Promotion } from '../api/promotions-api';
import { MESSAGE_PLACEHOLDERS, parseDiscount, placeholderToken } from '../model/promotion-form-values';
import type { PromotionForm } from '../model/use-promotion-form';
import { LocalTimeWarnings } from './local-time-warning';
import { ProductPicker } from './product-picker';
import { ZonePicker } from './zone-picker';

/** Each field group gets the form (values and setter) and the server's field errors. */
type GroupProps = { form: PromotionForm; errors: FieldErrors };

export function PromotionDetailsFields({ form: { values, set }, errors }: GroupProps) {
  const { t } = useTranslation('calendar');
  return (
    <fieldset className="form-section">
      <legend>{t('editor.sectionPromotion')}</legend>
      <Field label={t('editor.title')} error={errorFor(errors, 'title')}>
        {(control) => (
          <input {...control} className="input" value={values.title} maxLength={120} onChange={(e) => set('title', e.target.value)} />
        )}
      </Field>
    </fieldset>
  );
}

export function PackageFields({ form: { values, set }, errors }: GroupProps) {
  const { t } = useTranslation('calendar');
  const messageRef = useRef<HTMLTextAreaElement>(null);

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

  return (
    <fieldset className="form-section">
      <legend>{t('editor.sectionPackage')}</legend>
      <div className="form-row">
        <Field label={t('editor.packageName')} error={errorFor(errors, 'packageName')} className="grow">
          {(control) => (
            <input {...control} className="input" value={values.packageName} onChange={(e) => set('packageName', e.target.value)} />
          )}
        </Field>
        <Field label={t('editor.discount')} error={errorFor(errors, 'discountPercent')} className="narrow">
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
      <Field label={t('editor.products')} error={errorFor(errors, 'products')}>
        {(control) => (
          <ProductPicker
            products={values.products}
            discountPercent={parseDiscount(values.discountPercent)}
            onChange={(products) => set('products', products)}
            describedBy={control['aria-describedby']}
            invalid={control['aria-invalid']}
          />
        )}
      </Field>
      <Field
        label={t('editor.message')}
        error={errorFor(errors, 'message')}
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
  );
}

/**
 * Zone, start, end and send time. After a save, a local time that falls into a
 * clock change (`timeWarnings`) is explained at its field: saved, not refused.
 */
export function WhenFields({
  form: { values, set },
  errors,
  timeWarnings = [],
  saved,
}: GroupProps & { timeWarnings?: LocalTimeWarning[]; saved?: Promotion }) {
  const { t } = useTranslation('calendar');
  const warningsAt = (field: LocalTimeWarning['field']) => {
    const own = timeWarnings.filter((warning) => warning.field === field);
    return own.length > 0 ? <LocalTimeWarnings warnings={own} promotion={saved} /> : undefined;
  };
  const withHint = (hint: string, field: LocalTimeWarning['field']) => (
    <>
      {hint}
      {warningsAt(field)}
    </>
  );
  return (
    <fieldset className="form-section">
      <legend>{t('editor.sectionWhen')}</legend>
      <Field label={t('editor.timeZone')} error={errorFor(errors, 'timeZone')} hint={t('editor.timeZoneHint')}>
        {(control) => (
          <ZonePicker
            id={control.id}
            value={values.timeZone}
            onChange={(zone) => set('timeZone', zone)}
            describedBy={control['aria-describedby']}
            invalid={control['aria-invalid']}
          />
        )}
      </Field>
      <div className="form-row">
        <Field label={t('editor.startsAt')} error={errorFor(errors, 'startsAt')} className="grow" hint={warningsAt('startsAt')}>
          {(control) => (
            <input {...control} className="input" type="datetime-local" value={values.startsAt} onChange={(e) => set('startsAt', e.target.value)} />
          )}
        </Field>
        <Field label={t('editor.endsAt')} error={errorFor(errors, 'endsAt')} className="grow" hint={withHint(t('editor.endsAtHint'), 'endsAt')}>
          {(control) => (
            <input {...control} className="input" type="datetime-local" value={values.endsAt} onChange={(e) => set('endsAt', e.target.value)} />
          )}
        </Field>
      </div>
      <Field
        label={t('editor.dailySendTime')}
        error={errorFor(errors, 'dailySendTime')}
        hint={withHint(t('editor.dailySendTimeHint'), 'dailySendTime')}
        className="narrow-field"
      >
        {(control) => (
          <input {...control} className="input" type="time" value={values.dailySendTime} onChange={(e) => set('dailySendTime', e.target.value)} />
        )}
      </Field>
    </fieldset>
  );
}
