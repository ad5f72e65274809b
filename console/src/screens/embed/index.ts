import { html } from 'lit';
import { ConsoleScreen, defineScreen } from '../../ui/screen.js';

// PLACEHOLDER: the embed area's screens are being written (issue 16); this file is replaced by them.
class EmbedScreen extends ConsoleScreen {
  override render() {
    return html`<h1 tabindex="-1">embed</h1>`;
  }
}
defineScreen('tk-embed-screen', EmbedScreen);
