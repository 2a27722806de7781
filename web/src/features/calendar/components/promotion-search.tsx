import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@/lib/format';
import type { Promotion } from '../api/promotions-api';
import { promotionInterval, promotionState, type PromotionState } from '../api/promotion-state';
import { placementZoneOf, type PlacementZone } from '../api/zone-placement';
import { usePromotionSearch } from '../hooks/use-promotion-search';

/**
 * Finds promotions by title or SKU across all time (not only the period shown),
 * within the states the filter chips show. A hit opens its editor and takes the
 * calendar to its start. Keyboard: ↓ from the box to the hits, ↑/↓ between them,
 * Escape clears the search.
 */
export function PromotionSearch({
  shown,
  zone,
  now,
  onOpenPromotion,
}: {
  shown: ReadonlySet<PromotionState>;
  zone: PlacementZone;
  now: Date;
  onOpenPromotion: (promotion: Promotion) => void;
}) {
  const { t } = useTranslation('calendar');
  const [query, setQuery] = useState('');
  const onlyState = shown.size === 1 ? [...shown][0] : undefined;
  const search = usePromotionSearch(query, onlyState);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const hintId = useId();

  const hits = (search.data?.pages.flatMap((page) => page.items) ?? []).filter((promotion) =>
    shown.has(promotionState(promotion, now)),
  );
  const active = search.settled.length > 0;

  const focusHit = (index: number) => {
    const buttons = listRef.current?.querySelectorAll<HTMLButtonElement>('.search-hit');
    if (!buttons || buttons.length === 0) return;
    buttons[Math.max(0, Math.min(index, buttons.length - 1))].focus();
  };
  const clear = () => {
    setQuery('');
    inputRef.current?.focus();
  };
  const onInputKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      focusHit(0);
    } else if (event.key === 'Escape' && query) {
      event.preventDefault();
      event.stopPropagation();
      setQuery('');
    }
  };
  const onHitKey = (event: KeyboardEvent, index: number) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (event.key === 'ArrowUp' && index === 0) inputRef.current?.focus();
      else focusHit(index + (event.key === 'ArrowDown' ? 1 : -1));
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      clear();
    }
  };

  let status: string | null = null;
  if (active && (search.isFetching || search.typing) && !search.isFetchingNextPage) status = t('search.searching');
  else if (search.isError) status = t('search.failed');
  else if (active && hits.length === 0) status = t('search.noMatch', { query: search.settled });
  else if (active) status = t(search.hasNextPage ? 'search.foundMore' : 'search.found', { count: hits.length });

  return (
    <div className="promotion-search" role="search" aria-label={t('search.label')}>
      <label className="field-label" htmlFor={`${hintId}-input`}>
        {t('search.label')}
      </label>
      <input
        ref={inputRef}
        id={`${hintId}-input`}
        type="search"
        className="input promotion-search-input"
        placeholder={t('search.placeholder')}
        aria-describedby={hintId}
        autoComplete="off"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={onInputKey}
      />
      <p id={hintId} className="visually-hidden">
        {t('search.hint')}
      </p>
      <p className="promotion-search-status" role="status">
        {status}
      </p>
      {active && hits.length > 0 && (
        <ul ref={listRef} className="search-hits" aria-label={t('search.results')}>
          {hits.map((promotion, index) => {
            const state = promotionState(promotion, now);
            const { start, end } = promotionInterval(promotion);
            const timeZone = placementZoneOf(promotion, zone);
            return (
              <li key={promotion.id}>
                <button
                  type="button"
                  className="search-hit"
                  onClick={() => onOpenPromotion(promotion)}
                  onKeyDown={(event) => onHitKey(event, index)}
                >
                  <span className="search-hit-head">
                    <span className={`state-chip promo-state-${state}`}>{t(`state.${state}.label`)}</span>
                    <span className="search-hit-title">{promotion.title}</span>
                  </span>
                  <span className="search-hit-when">
                    {t('list.when', { start: formatDateTime(start, { timeZone }), end: formatDateTime(end, { timeZone }), timeZone })}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {active && search.hasNextPage && (
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={search.isFetchingNextPage}
          onClick={() => search.fetchNextPage()}
        >
          {search.isFetchingNextPage ? t('search.searching') : t('search.more')}
        </button>
      )}
    </div>
  );
}
