import { html } from 'lit';
import type { Answer } from '../../api/client.js';
import { formatDateTime } from '../../ui/format.js';
import { Loadable } from '../../ui/loadable.js';
import { ConsoleScreen, defineScreen } from '../../ui/screen.js';
import { doorTexts } from './texts.js';

type Place = { deviceId: string | null; door: string | null; scannedAt: string; mode: 'online' | 'offline' };

/** The tickets admitted more than once at a performance (#/door/:performanceId/duplicates): where and when, first and again. */
export class DoorDuplicatesScreen extends ConsoleScreen {
  private readonly list = new Loadable<Answer<'listDoorDuplicates'>>(this, () =>
    this.session.api.call('listDoorDuplicates', { params: { performanceId: this.params.performanceId ?? '' } }),
  );

  private place(p: Place) {
    const t = doorTexts(this.locale);
    return html`${formatDateTime(p.scannedAt, this.session.me.shop.timeZone, this.locale)}<br />${p.door ?? p.deviceId ?? t.unknownPlace} (${p.mode === 'online' ? t.modeOnline : t.modeOffline})`;
  }

  override render() {
    const t = doorTexts(this.locale);
    return html`<h1 tabindex="-1">${t.duplicateListTitle}</h1>
      <p><a href="#/door">${t.backToOverview}</a></p>
      ${this.list.render(this.locale, ({ duplicates }) =>
        duplicates.length
          ? html`<div class="table-wrap" role="region" tabindex="0" aria-label=${t.tableLabel}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">${t.colTicket}</th>
                    <th scope="col">${t.colFirst}</th>
                    <th scope="col">${t.colDuplicate}</th>
                  </tr>
                </thead>
                <tbody>
                  ${duplicates.map(
                    (d) => html`<tr>
                      <td>${d.ticketNumber}<br />${d.tariffName}${d.seatLabel ? html`<br />${t.seat(d.seatLabel)}` : ''}</td>
                      <td>${this.place(d.first)}</td>
                      <td>${this.place(d.duplicate)}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
          : html`<p>${t.noDuplicateList}</p>`,
      )}`;
  }
}
defineScreen('tk-door-duplicates-screen', DoorDuplicatesScreen);
