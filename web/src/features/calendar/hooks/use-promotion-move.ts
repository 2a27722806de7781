import { useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '@/lib/api-error';
import type { Promotion } from '../api/promotions-api';
import { inputOf, movedInput, type WallClockShift } from '../api/promotion-move';
import { useSavePromotion } from './use-promotion-mutations';

/** What the page says after a drag: saved (with Undo), undone, refused as stale, or failed. */
export type MoveNotice =
  | { id: number; kind: 'moved'; title: string; undo: () => void }
  | { id: number; kind: 'undone' | 'stale' | 'failed'; title: string; detail?: string };

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/**
 * A drag or resize on the calendar saved as `PUT /api/promotions/{id}` with
 * `If-Match: <version>` of the promotion that was dragged. A stale version (412:
 * someone saved first) or any other refusal puts the bar back (`revert`) and
 * reloads the calendar; a saved move offers Undo, which puts the previous local
 * times back on top of the new version.
 */
export function usePromotionMove() {
  const save = useSavePromotion();
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<MoveNotice | null>(null);
  const notices = useRef(0);
  const say = (next: WithoutId<MoveNotice>) => setNotice({ ...next, id: ++notices.current } as MoveNotice);

  const refused = (title: string, error: unknown) => {
    void queryClient.invalidateQueries({ queryKey: ['promotions', 'range'] });
    if (error instanceof ApiError && error.status === 412) say({ kind: 'stale', title });
    else say({ kind: 'failed', title, detail: error instanceof Error ? error.message : undefined });
  };

  const undo = (moved: Promotion, before: Promotion) => {
    const input = { ...inputOf(moved), startsAt: before.startsAt, endsAt: before.endsAt };
    save.mutate(
      { target: { id: moved.id, version: moved.version }, input },
      { onSuccess: () => say({ kind: 'undone', title: moved.title }), onError: (error) => refused(moved.title, error) },
    );
  };

  const move = (promotion: Promotion, startShift: WallClockShift, endShift: WallClockShift, revert: () => void) => {
    save.mutate(
      { target: { id: promotion.id, version: promotion.version }, input: movedInput(promotion, startShift, endShift) },
      {
        onSuccess: ({ promotion: moved }) => say({ kind: 'moved', title: promotion.title, undo: () => undo(moved, promotion) }),
        onError: (error) => {
          revert();
          refused(promotion.title, error);
        },
      },
    );
  };

  return { move, notice, saving: save.isPending, dismiss: () => setNotice(null) };
}
