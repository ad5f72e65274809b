import { html } from 'lit';
import { ConsoleScreen, defineScreen } from '../../ui/screen.js';

// PLACEHOLDER: the events area's screens are being written (issue 16); this file is replaced by them.
class EventsScreen extends ConsoleScreen {
  override render() {
    return html`<h1 tabindex="-1">events</h1>`;
  }
}
defineScreen('tk-events-screen', EventsScreen);
class EventScreen extends ConsoleScreen {
  override render() {
    return html`<h1 tabindex="-1">events</h1>`;
  }
}
defineScreen('tk-event-screen', EventScreen);
