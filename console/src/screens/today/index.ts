import { html } from 'lit';
import { ConsoleScreen, defineScreen } from '../../ui/screen.js';

// PLACEHOLDER: the today area's screens are being written (issue 16); this file is replaced by them.
class TodayScreen extends ConsoleScreen {
  override render() {
    return html`<h1 tabindex="-1">today</h1>`;
  }
}
defineScreen('tk-today-screen', TodayScreen);
