import { html } from 'lit';
import { ConsoleScreen, defineScreen } from '../../ui/screen.js';

// PLACEHOLDER: the codes area's screens are being written (issue 16); this file is replaced by them.
class CodesScreen extends ConsoleScreen {
  override render() {
    return html`<h1 tabindex="-1">codes</h1>`;
  }
}
defineScreen('tk-codes-screen', CodesScreen);
