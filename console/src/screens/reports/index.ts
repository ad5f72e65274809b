import { html } from 'lit';
import { ConsoleScreen, defineScreen } from '../../ui/screen.js';

// PLACEHOLDER: the reports area's screens are being written (issue 16); this file is replaced by them.
class ReportsScreen extends ConsoleScreen {
  override render() {
    return html`<h1 tabindex="-1">reports</h1>`;
  }
}
defineScreen('tk-reports-screen', ReportsScreen);
