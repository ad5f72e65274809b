import { html } from 'lit';
import { ConsoleScreen, defineScreen } from '../../ui/screen.js';

// PLACEHOLDER: the check-in area's screens are being written (issue 16); this file is replaced by them.
class CheckInScreen extends ConsoleScreen {
  override render() {
    return html`<h1 tabindex="-1">check-in</h1>`;
  }
}
defineScreen('tk-check-in-screen', CheckInScreen);
