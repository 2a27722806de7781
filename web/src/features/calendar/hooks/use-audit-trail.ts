import { useQuery } from '@tanstack/react-query';
import { useApiClient } from '@/lib/api-client-context';
import { getAuditTrail } from '../api/audit-api';
import { promotionKeys } from './promotion-query-keys';

/** The History tab's entries; asked again whenever the tab opens (a save adds one). */
export function useAuditTrail(promotionId: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: promotionKeys.audit(promotionId),
    queryFn: ({ signal }) => getAuditTrail(client, promotionId, signal),
    staleTime: 0,
    refetchOnMount: 'always',
  });
}
