import { html } from 'lit';
import { ConsoleScreen, defineScreen } from '../../ui/screen.js';

// PLACEHOLDER: the tokens area's screens are being written (issue 16); this file is replaced by them.
class TokensScreen extends ConsoleScreen {
  override render() {
    return html`<h1 tabindex="-1">tokens</h1>`;
  }
}
defineScreen('tk-tokens-screen', TokensScreen);
