import { html } from 'lit';
import { ConsoleScreen, defineScreen } from '../../ui/screen.js';

// PLACEHOLDER: the venues area's screens are being written (issue 16); this file is replaced by them.
class VenuesScreen extends ConsoleScreen {
  override render() {
    return html`<h1 tabindex="-1">venues</h1>`;
  }
}
defineScreen('tk-venues-screen', VenuesScreen);
class VenueScreen extends ConsoleScreen {
  override render() {
    return html`<h1 tabindex="-1">venues</h1>`;
  }
}
defineScreen('tk-venue-screen', VenueScreen);
class PlanScreen extends ConsoleScreen {
  override render() {
    return html`<h1 tabindex="-1">venues</h1>`;
  }
}
defineScreen('tk-plan-screen', PlanScreen);
