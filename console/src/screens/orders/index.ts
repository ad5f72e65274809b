import { html } from 'lit';
import { ConsoleScreen, defineScreen } from '../../ui/screen.js';

// PLACEHOLDER: the orders area's screens are being written (issue 16); this file is replaced by them.
class OrdersScreen extends ConsoleScreen {
  override render() {
    return html`<h1 tabindex="-1">orders</h1>`;
  }
}
defineScreen('tk-orders-screen', OrdersScreen);
class OrderScreen extends ConsoleScreen {
  override render() {
    return html`<h1 tabindex="-1">orders</h1>`;
  }
}
defineScreen('tk-order-screen', OrderScreen);
