import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useApiClient } from '@/lib/api-client-context';
import {
  createPromotion,
  deletePromotion,
  publishPromotion,
  unpublishPromotion,
  duplicatePromotion,
  sendTest,
  updatePromotion,
  type PromotionInput,
  type SaveResult,
} from '../api/promotions-api';
import { promotionKeys } from './promotion-query-keys';

type Target = { id: string; version: number };

/** Every write refreshes the calendar and caches the promotion the server answered. */
function useAfterWrite() {
  const queryClient = useQueryClient();
  return {
    saved: (result: SaveResult) => {
      queryClient.setQueryData(promotionKeys.detail(result.promotion.id), result.promotion);
      return queryClient.invalidateQueries({ queryKey: ['promotions', 'range'] });
    },
    deleted: (id: string) => {
      queryClient.removeQueries({ queryKey: promotionKeys.detail(id) });
      return queryClient.invalidateQueries({ queryKey: ['promotions', 'range'] });
    },
  };
}

export function useSavePromotion() {
  const client = useApiClient();
  const after = useAfterWrite();
  return useMutation({
    mutationFn: ({ target, input }: { target?: Target; input: PromotionInput }) =>
      target ? updatePromotion(client, target.id, target.version, input) : createPromotion(client, input),
    onSuccess: after.saved,
  });
}

export function usePublishPromotion() {
  const client = useApiClient();
  const after = useAfterWrite();
  return useMutation({
    mutationFn: ({ id, version }: Target) => publishPromotion(client, id, version),
    onSuccess: after.saved,
  });
}

export function useUnpublishPromotion() {
  const client = useApiClient();
  const after = useAfterWrite();
  return useMutation({
    mutationFn: ({ id, version, reason }: Target & { reason?: string }) => unpublishPromotion(client, id, version, reason),
    onSuccess: after.saved,
  });
}

export function useDeletePromotion() {
  const client = useApiClient();
  const after = useAfterWrite();
  return useMutation({
    mutationFn: ({ id, version }: Target) => deletePromotion(client, id, version),
    onSuccess: (_, { id }) => after.deleted(id),
  });
}

export function useTestSend() {
  const client = useApiClient();
  return useMutation({
    mutationFn: ({ id, day }: { id: string; day?: string }) => sendTest(client, id, day),
  });
}

export function useDuplicatePromotion() {
  const client = useApiClient();
  const after = useAfterWrite();
  return useMutation({
    mutationFn: (id: string) => duplicatePromotion(client, id),
    onSuccess: after.saved,
  });
}
