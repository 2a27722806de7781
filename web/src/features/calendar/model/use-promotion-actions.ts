import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, type FieldErrors } from '@/lib/api-error';
import type { LocalTimeWarning, Promotion, SaveResult } from '../api/promotions-api';
import {
  useDeletePromotion,
  useDuplicatePromotion,
  usePublishPromotion,
  useSavePromotion,
  useUnpublishPromotion,
} from '../hooks/use-promotion-mutations';
import { promotionKeys } from '../hooks/promotion-query-keys';
import { toPromotionInput, type PromotionFormValues } from './promotion-form-values';

/**
 * What the last action said; it lives in the drawer so that it survives the form's remount.
 * `timeWarnings` (a local time in a clock change) are shown at their fields.
 */
export type Feedback = { notice?: string; warnings: string[]; timeWarnings?: LocalTimeWarning[] };

/**
 * The editor's writes (save, publish, unpublish, delete) and what they answered:
 * the problem and its field errors, or a notice with the service's warnings.
 */
export function usePromotionActions({
  promotion,
  setFeedback,
  onCreated,
  onDeleted,
}: {
  promotion?: Promotion;
  setFeedback: (feedback: Feedback) => void;
  onCreated: (id: string) => void;
  onDeleted: () => void;
}) {
  const { t } = useTranslation('calendar');
  const queryClient = useQueryClient();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<ApiError | Error | null>(null);

  const save = useSavePromotion();
  const publish = usePublishPromotion();
  const unpublish = useUnpublishPromotion();
  const remove = useDeletePromotion();
  const duplicate = useDuplicatePromotion();
  const busy = save.isPending || publish.isPending || unpublish.isPending || remove.isPending || duplicate.isPending;

  const fail = (error: unknown) => {
    setProblem(error instanceof Error ? error : new Error(String(error)));
    setFieldErrors(error instanceof ApiError ? error.fieldErrors : {});
    setFeedback({ warnings: [] });
  };
  const succeed = (notice: string, result?: SaveResult) => {
    setProblem(null);
    setFieldErrors({});
    setFeedback({ notice, warnings: result?.warnings ?? [], timeWarnings: result?.timeWarnings ?? [] });
  };

  const target = promotion ? { id: promotion.id, version: promotion.version } : undefined;

  // mutateAsync, not mutate(…, callbacks): a successful write stores the new
  // version, which remounts the form, and per-call callbacks of an unmounted
  // component never run. The feedback lives in the drawer, so it survives.
  const run = async (action: () => Promise<void>) => {
    try {
      await action();
    } catch (error) {
      fail(error);
    }
  };

  return {
    busy,
    problem,
    fieldErrors,
    stale: problem instanceof ApiError && problem.isStaleVersion,
    pending: {
      save: save.isPending,
      publish: publish.isPending,
      unpublish: unpublish.isPending,
      remove: remove.isPending,
      duplicate: duplicate.isPending,
    },
    save: (values: PromotionFormValues) =>
      run(async () => {
        const result = await save.mutateAsync({ target, input: toPromotionInput(values) });
        succeed(promotion ? t('editor.changesSaved') : t('editor.draftSaved'), result);
        if (!promotion) onCreated(result.promotion.id);
      }),
    publish: () =>
      run(async () => {
        const result = await publish.mutateAsync(target!);
        succeed(t('editor.publishedNotice'), result);
      }),
    unpublish: (reason: string) =>
      run(async () => {
        const result = await unpublish.mutateAsync({ ...target!, reason });
        succeed(t('editor.unpublishedNotice'), result);
      }),
    /** A copy a week later, opened in the editor (a draft: change its dates before publishing). */
    duplicate: () =>
      run(async () => {
        const result = await duplicate.mutateAsync(promotion!.id);
        succeed(t('editor.duplicatedNotice'), result);
        onCreated(result.promotion.id);
      }),
    remove: () =>
      run(async () => {
        await remove.mutateAsync(target!);
        onDeleted();
      }),
    reloadLatest: () => {
      if (!promotion) return;
      setProblem(null);
      setFieldErrors({});
      void queryClient.invalidateQueries({ queryKey: promotionKeys.detail(promotion.id) });
      void queryClient.invalidateQueries({ queryKey: ['promotions', 'range'] });
    },
  };
}

export type PromotionActions = ReturnType<typeof usePromotionActions>;
