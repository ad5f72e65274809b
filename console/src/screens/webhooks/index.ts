import { html } from 'lit';
import { ConsoleScreen, defineScreen } from '../../ui/screen.js';

// PLACEHOLDER: the webhooks area's screens are being written (issue 16); this file is replaced by them.
class WebhooksScreen extends ConsoleScreen {
  override render() {
    return html`<h1 tabindex="-1">webhooks</h1>`;
  }
}
defineScreen('tk-webhooks-screen', WebhooksScreen);
