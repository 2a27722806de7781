import { describe, expect, it } from 'vitest';
import en from './en.json';
import de from './de.json';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

describe('translations', () => {
  it('German has exactly the keys English has', () => {
    expect(keys(de).sort()).toEqual(keys(en).sort());
  });

  it('no German string is left empty', () => {
    const empty = keys(de).filter((key) => key.split('.').reduce<any>((node, part) => node[part], de) === '');
    expect(empty).toEqual([]);
  });
});
