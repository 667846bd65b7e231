import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DEFAULT_PREFS } from '../shared/prefs';
import { call } from './api';
import { App } from './app/App';
import { initI18n } from './i18n';

// Start in the remembered language (prefs are readable while locked), then render.
async function start() {
  const prefs = await call('prefs:get').catch(() => DEFAULT_PREFS);
  initI18n(prefs.language);
  const root = document.getElementById('root');
  if (!root) return;
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

void start();
