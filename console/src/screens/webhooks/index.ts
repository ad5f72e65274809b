// The webhooks area: endpoints, their signing secrets and their delivery log.
import './webhooks-screen.js';
