import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { filterZones, utcOffsetLabel, zoneChoices, zoneOffsetSeconds, type ZoneChoice } from '../model/time-zones';

/**
 * The time-zone field: a combobox (ARIA 1.2 pattern, list autocomplete) over
 * every IANA zone the browser knows, each with its offset now. Typing filters
 * by name or offset ("berlin", "new york", "+5:30"); ↑/↓ move through the list
 * (`aria-activedescendant`, focus stays in the input), Enter or a click picks,
 * Escape closes the list (without closing the editor) and restores the text.
 */
export function ZonePicker({
  id,
  value,
  onChange,
  describedBy,
  invalid,
}: {
  id: string;
  value: string;
  onChange: (zone: string) => void;
  describedBy?: string;
  invalid?: boolean;
}) {
  const { t } = useTranslation('calendar');
  const listId = useId();
  const [query, setQuery] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLUListElement>(null);

  const choices = useMemo(() => (open ? zoneChoices() : []), [open]);
  const matches = useMemo(() => filterZones(choices, query ?? ''), [choices, query]);
  // The chosen zone's offset alone: the whole list (every zone's offset) is only worked out when it opens.
  const selectedLabel = useMemo(() => {
    const name = value.replaceAll('_', ' ');
    try {
      return `${name} (${utcOffsetLabel(zoneOffsetSeconds(value))})`;
    } catch {
      return name; // not a zone this browser knows: the service will say so at save
    }
  }, [value]);
  const optionId = (index: number) => `${listId}-option-${index}`;

  const show = (text: string | null) => {
    setQuery(text);
    setOpen(true);
    const list = filterZones(zoneChoices(), text ?? '');
    const index = text === null ? list.findIndex((choice) => choice.zone === value) : 0;
    setActive(Math.max(0, index));
    requestAnimationFrame(() => centre(Math.max(0, index)));
  };
  const close = () => {
    setOpen(false);
    setQuery(null);
  };
  const pick = (choice: ZoneChoice | undefined) => {
    if (choice) onChange(choice.zone);
    close();
  };
  const scrollIntoView = (index: number) => {
    listRef.current?.querySelector(`#${CSS.escape(optionId(index))}`)?.scrollIntoView?.({ block: 'nearest' });
  };
  /** On opening, the chosen zone sits in the middle of the list (only the list scrolls, not the editor). */
  const centre = (index: number) => {
    const list = listRef.current;
    const option = list?.querySelector<HTMLElement>(`#${CSS.escape(optionId(index))}`);
    if (list && option) list.scrollTop = option.offsetTop - (list.clientHeight - option.offsetHeight) / 2;
  };
  const move = (to: number) => {
    if (matches.length === 0) return;
    const next = (to + matches.length) % matches.length;
    setActive(next);
    scrollIntoView(next);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!open) show(null);
        else move(active + 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (!open) show(null);
        else move(active - 1);
        break;
      case 'Home':
      case 'End':
        if (open && query === null) {
          event.preventDefault();
          move(event.key === 'Home' ? 0 : matches.length - 1);
        }
        break;
      case 'Enter':
        if (open) {
          event.preventDefault();
          pick(matches[active]);
        }
        break;
      case 'Escape':
        if (open) {
          // The list closes; the drawer (which closes on Escape) must not see it.
          event.preventDefault();
          event.stopPropagation();
          close();
        }
        break;
      case 'Tab':
        if (open && query !== null && matches.length === 1) pick(matches[0]);
        else close();
        break;
    }
  };

  const shown = query ?? selectedLabel;
  return (
    <div className="zone-picker">
      <input
        id={id}
        className="input"
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && matches.length > 0 ? optionId(active) : undefined}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        autoComplete="off"
        spellCheck={false}
        value={shown}
        onChange={(event) => show(event.target.value)}
        onFocus={(event) => event.target.select()}
        onClick={() => {
          if (!open) show(null);
        }}
        onBlur={close}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} ref={listRef} role="listbox" aria-label={t('zone.list')} className="zone-options" hidden={!open}>
        {matches.map((choice, index) => (
          <li
            key={choice.zone}
            id={optionId(index)}
            role="option"
            aria-selected={choice.zone === value}
            className={index === active ? 'zone-option active' : 'zone-option'}
            // mousedown, not click: the input keeps focus (its blur would close the list first).
            onMouseDown={(event) => {
              event.preventDefault();
              pick(choice);
            }}
          >
            <span className="zone-name">{choice.label}</span> <span className="zone-offset">{choice.offset}</span>
          </li>
        ))}
        {open && matches.length === 0 && (
          <li role="option" aria-selected={false} aria-disabled="true" className="zone-option muted">
            {t('zone.noMatch', { query })}
          </li>
        )}
      </ul>
      <p className="visually-hidden" aria-live="polite">
        {open && query !== null ? t('zone.matches', { count: matches.length }) : ''}
      </p>
    </div>
  );
}
