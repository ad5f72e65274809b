import { html } from 'lit';
import { ConsoleScreen, defineScreen } from '../../ui/screen.js';

// PLACEHOLDER: the staff area's screens are being written (issue 16); this file is replaced by them.
class StaffScreen extends ConsoleScreen {
  override render() {
    return html`<h1 tabindex="-1">staff</h1>`;
  }
}
defineScreen('tk-staff-screen', StaffScreen);
