import { html } from 'lit';
import { ConsoleScreen, defineScreen } from '../../ui/screen.js';

// PLACEHOLDER: the settings area's screens are being written (issue 16); this file is replaced by them.
class SettingsScreen extends ConsoleScreen {
  override render() {
    return html`<h1 tabindex="-1">settings</h1>`;
  }
}
defineScreen('tk-settings-screen', SettingsScreen);
