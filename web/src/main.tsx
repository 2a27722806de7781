import { StrictMode } from 'react';
import './lib/i18n';
import { createRoot } from 'react-dom/client';
import { AppProvider } from './app/provider';
import { App } from './app/app';
import './styles/app.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppProvider>
      <App />
    </AppProvider>
  </StrictMode>,
);
