import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { t } from './i18n';
import { afterFirstScreen, FIRST_SCREEN_FALLBACK_MS } from './offline/firstScreen';
import { registerServiceWorker } from './offline/registerSw';
import { appStore } from './store';
import { installTestApi } from './store/testApi';
import { App } from './ui/App';
import { boot } from './ui/boot';
import './ui/styles.css';

installTestApi(appStore());
document.title = t('app.name');
void boot(appStore(), window.location.pathname);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

afterFirstScreen(FIRST_SCREEN_FALLBACK_MS)
  .then(registerServiceWorker)
  .catch((error: unknown) => {
  // The app works without the worker (online only); say why offline use is unavailable.
  console.warn('Service worker not registered; offline reading is unavailable:', error);
});
