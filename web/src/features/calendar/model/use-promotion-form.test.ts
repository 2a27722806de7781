import { describe, expect, it, vi } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import { newFormValues, type PromotionFormValues } from './promotion-form-values';
import { usePromotionForm } from './use-promotion-form';

const initial: PromotionFormValues = { ...newFormValues(undefined, 'Europe/Berlin'), title: 'Summer sale' };

describe('usePromotionForm', () => {
  it('is dirty exactly while the values differ from what was loaded', () => {
    const onDirtyChange = vi.fn();
    const { result } = renderHook(() => usePromotionForm(initial, onDirtyChange));
    expect(result.current.dirty).toBe(false);
    expect(onDirtyChange).toHaveBeenLastCalledWith(false);

    act(() => result.current.set('title', 'Summer sale!'));
    expect(result.current.values.title).toBe('Summer sale!');
    expect(result.current.dirty).toBe(true);
    expect(onDirtyChange).toHaveBeenLastCalledWith(true);

    // Typed back to what was loaded: nothing to lose.
    act(() => result.current.set('title', 'Summer sale'));
    expect(result.current.dirty).toBe(false);
    expect(onDirtyChange).toHaveBeenLastCalledWith(false);
  });

  it('counts changed products and resets to the loaded values', () => {
    const { result } = renderHook(() => usePromotionForm(initial));
    act(() =>
      result.current.set('products', [{ sku: 'T-1', name: 'Tea', priceCents: 500, promoPriceCents: 400, currency: 'EUR' }]),
    );
    expect(result.current.dirty).toBe(true);
    act(() => result.current.reset());
    expect(result.current.values).toEqual(initial);
    expect(result.current.dirty).toBe(false);
  });

  it('reports clean when it unmounts (closed, or remounted for a saved version)', () => {
    const onDirtyChange = vi.fn();
    const { result, unmount } = renderHook(() => usePromotionForm(initial, onDirtyChange));
    act(() => result.current.set('message', 'changed'));
    expect(onDirtyChange).toHaveBeenLastCalledWith(true);
    unmount();
    expect(onDirtyChange).toHaveBeenLastCalledWith(false);
  });
});
