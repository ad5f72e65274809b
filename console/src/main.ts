// The console's entry: the frame element; each area's screens are chunks loaded on first use.
import './app/console-app.js';
import { registerServiceWorker } from './app/service-worker.js';

registerServiceWorker();
