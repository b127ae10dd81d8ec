import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { t } from './i18n';
import { pageCodeWarmup } from './offline/codeWarmup';
import { afterFirstScreen, FIRST_SCREEN_FALLBACK_MS } from './offline/firstScreen';
import { registerServiceWorker } from './offline/registerSw';
import { appStore } from './store';
import { installTestApi } from './store/testApi';
import { App } from './ui/App';
import { boot } from './ui/boot';
import './ui/styles.css';

// Read before the worker can take control: whether this page's scripts came through it.
const codeWarmup = pageCodeWarmup();
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
  .then(() => codeWarmup.start())
  .catch((error: unknown) => {
  // The app works without the worker (online only); say why offline use is unavailable.
  console.warn('Service worker not registered; offline reading is unavailable:', error);
});
