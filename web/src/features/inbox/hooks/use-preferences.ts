import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApiClient } from '@/lib/api-client-context';
import { getPreferences, putPreferences, type InboxPreferences } from '../api/inbox-api';
import { inboxKeys } from './inbox-query-keys';

export function usePreferences() {
  const client = useApiClient();
  return useQuery({ queryKey: inboxKeys.preferences, queryFn: ({ signal }) => getPreferences(client, signal) });
}

/** Stores the switch for all promotion messages; the cache takes the value the service stored. */
export function useSavePreferences() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (preferences: InboxPreferences) => putPreferences(client, preferences),
    onSuccess: (stored) => queryClient.setQueryData(inboxKeys.preferences, stored),
  });
}
