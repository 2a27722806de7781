import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// Two shared cores: give findBy* queries room without hiding real failures.
configure({ asyncUtilTimeout: 4000 });
afterEach(() => cleanup());
import { i18n } from '@/lib/i18n';

// Component tests read English; a test that wants German switches and switches back.
void i18n.changeLanguage('en');
