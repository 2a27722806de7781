import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * WCAG contrast of the inbox's text colours: every rule of inbox.css, and of
 * the shared toast in app.css, that sets a text colour is checked against its
 * own background, or else against every background inbox text sits on (the
 * surface, a hovered or selected row, the page, a product's picture frame; the
 * toast's dark ones for the toast).
 */
const read = (name: string) => readFileSync(new URL(name, import.meta.url), 'utf8');
const inboxCss = read('./inbox.css');
const appCss = read('../../../styles/app.css');

const tokens = new Map<string, string>();
for (const css of [appCss, inboxCss]) {
  for (const [, name, value] of css.matchAll(/(--[\w-]+):\s*(#[0-9a-fA-F]{3,6})\s*;/g)) tokens.set(name, value);
}

function hex(value: string): string | undefined {
  const token = /^var\((--[\w-]+)\)$/.exec(value.trim());
  const color = token ? tokens.get(token[1]) : value.trim();
  if (!color || !/^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/.test(color)) return undefined;
  return color.length === 4 ? `#${[...color.slice(1)].map((c) => c + c).join('')}` : color;
}

function luminance(color: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(color.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

const lightBackgrounds = ['var(--surface)', '#f8fafc', 'var(--primary-soft)', 'var(--bg)', '#f1f5f9'].map((c) => hex(c)!);
const toastBackgrounds = ['#1e293b', '#7f1d1d'];

/** Innermost `selector { declarations }` blocks (inside @media too). */
const rulesOf = (css: string) =>
  [...css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{}]+)\{([^{}]*)\}/g)].map(([, selector, body]) => {
    const declarations = new Map([...body.matchAll(/([\w-]+)\s*:\s*([^;]+);/g)].map(([, property, value]) => [property, value.trim()]));
    return { selector: selector.trim(), declarations };
  });
/** inbox.css, and the shared toast's rules in app.css (the inbox page shows that toast). */
const rules = [...rulesOf(inboxCss), ...rulesOf(appCss).filter((rule) => rule.selector.includes('.toast'))];

describe('inbox.css contrast', () => {
  const checked = rules.flatMap(({ selector, declarations }) => {
    const color = declarations.get('color');
    const foreground = color && hex(color);
    if (!foreground) return [];
    const own = hex(declarations.get('background') ?? declarations.get('background-color') ?? '');
    const backgrounds = own ? [own] : selector.includes('.toast') ? toastBackgrounds : lightBackgrounds;
    return backgrounds.map((background) => ({ selector, foreground, background, ratio: contrast(foreground, background) }));
  });

  it('finds the text colours to check', () => {
    expect(checked.length).toBeGreaterThan(20);
  });

  it('gives all text at least 4.5:1', () => {
    const failing = checked.filter((pair) => pair.ratio < 4.5).map((p) => `${p.selector}: ${p.foreground} on ${p.background} = ${p.ratio.toFixed(2)}`);
    expect(failing).toEqual([]);
  });

  it('gives the switch’s off track at least 3:1 against the page', () => {
    const track = rules.find((rule) => rule.selector === '.switch input')!.declarations.get('background')!;
    expect(contrast(hex(track)!, hex('var(--bg)')!)).toBeGreaterThanOrEqual(3);
  });
});
