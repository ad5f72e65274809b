import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse, resetMouse } from '@web/test-runner-commands';
import type { PlanGeometry } from '../api/types.js';
import './seat-map.js';
import type { TkSeatMap } from './seat-map.js';
import { indexPlan } from './plan-index.js';
import { paintLandmarkNames, paintLandmarks, paintSectionLabels, type Palette } from './render.js';
import { clickPrices, lowestPrices } from './seat-prices.js';

/**
 * A small hall: Parterre (rows A–C) and Balcon (rows A–C), 8 seats a row, ids from 101 in
 * row order. Parterre A–B are Catégorie 1, the rest Catégorie 2; Parterre C1 is a wheelchair space.
 */
function smallHall(): PlanGeometry {
  const seats: PlanGeometry['seats'] = { id: [], section: [], zone: [], row: [], number: [], x: [], y: [], flags: [] };
  let id = 101;
  for (const [section, top] of [[0, 100], [1, 260]] as const) {
    ['A', 'B', 'C'].forEach((row, r) => {
      for (let n = 1; n <= 8; n++) {
        seats.id.push(id++);
        seats.section.push(section);
        seats.zone.push(section === 0 && r < 2 ? 0 : 1);
        seats.row.push(row);
        seats.number.push(String(n));
        seats.x.push(70 + n * 30);
        seats.y.push(top + r * 32);
        seats.flags.push(section === 0 && row === 'C' && n === 1 ? 1 : 0);
      }
    });
  }
  return {
    plan: { id: 'pln_small', name: 'Petite salle', width: 420, height: 400, seatCount: seats.id.length },
    landmarks: [],
    zones: [
      { id: 'zon_c1', code: 'C1', name: 'Catégorie 1', color: '#b4235a' },
      { id: 'zon_c2', code: 'C2', name: 'Catégorie 2', color: '#2563eb' },
    ],
    sections: [
      { id: 'sec_par', code: 'PAR', name: 'Parterre' },
      { id: 'sec_bal', code: 'BAL', name: 'Balcon' },
    ],
    seats,
  };
}

/** A generated plan of sections × rows × seats (100,000 seats with the defaults). */
function bigPlan(sectionsAcross = 8, sectionsDown = 5, rows = 50, perRow = 50): PlanGeometry {
  const seats: PlanGeometry['seats'] = { id: [], section: [], zone: [], row: [], number: [], x: [], y: [], flags: [] };
  const sections: PlanGeometry['sections'] = [];
  let id = 1;
  for (let s = 0; s < sectionsAcross * sectionsDown; s++) {
    sections.push({ id: `sec_${s}`, code: String(s + 1), name: `Secteur ${s + 1}` });
    const left = (s % sectionsAcross) * (perRow * 12 + 60);
    const top = Math.floor(s / sectionsAcross) * (rows * 12 + 60);
    for (let r = 0; r < rows; r++) {
      for (let n = 0; n < perRow; n++) {
        seats.id.push(id++);
        seats.section.push(s);
        seats.zone.push(r < rows / 2 ? 0 : 1);
        seats.row.push(String(r + 1));
        seats.number.push(String(n + 1));
        seats.x.push(left + n * 12);
        seats.y.push(top + r * 12);
        seats.flags.push(0);
      }
    }
  }
  return {
    plan: { id: 'pln_big', name: 'Stade', width: sectionsAcross * (perRow * 12 + 60), height: sectionsDown * (rows * 12 + 60), seatCount: seats.id.length },
    landmarks: [],
    zones: [
      { id: 'zon_a', code: 'A', name: 'Catégorie A', color: '#b4235a' },
      { id: 'zon_b', code: 'B', name: 'Catégorie B', color: '#0f9d76' },
    ],
    sections,
    seats,
  };
}

const prices = { zon_c1: 'CHF 68.00', zon_c2: 'CHF 45.00' };

async function renderMap(geometry = smallHall()): Promise<TkSeatMap> {
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 600px"><tk-seat-map .geometry=${geometry} .prices=${prices}></tk-seat-map></div>`);
  const map = wrapper.querySelector('tk-seat-map')!;
  await map.updateComplete;
  // The first frame is painted once the stage has been measured.
  await waitUntil(() => map.seatPosition(101) !== null && map.zoom > 0 && canvas(map).width > 0);
  await nextFrame();
  return map;
}

/** Waits for the end of a zoom animation. */
const settled = (map: TkSeatMap) =>
  waitUntil(async () => {
    const zoom = map.zoom;
    await nextFrame();
    return zoom === map.zoom;
  });
const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
function pixelAt(map: TkSeatMap, seatId: number): number[] {
  const p = map.seatPosition(seatId)!;
  const box = canvas(map).getBoundingClientRect();
  const dpr = window.devicePixelRatio;
  return [...canvas(map).getContext('2d')!.getImageData(Math.round((p.x - box.left) * dpr), Math.round((p.y - box.top) * dpr), 1, 1).data];
}
const canvas = (map: TkSeatMap) => map.shadowRoot!.querySelector('canvas')!;
const status = (map: TkSeatMap) => map.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim();
const button = (map: TkSeatMap, label: string) =>
  [...map.shadowRoot!.querySelectorAll<HTMLButtonElement>('.toolbar button')].find((b) => b.getAttribute('aria-label') === label || b.textContent!.trim() === label)!;

async function clickAt(x: number, y: number): Promise<void> {
  await sendMouse({ type: 'click', position: [Math.round(x), Math.round(y)] });
}

async function clickSeat(map: TkSeatMap, seatId: number): Promise<void> {
  const p = map.seatPosition(seatId)!;
  await clickAt(p.x, p.y);
}

async function clickElement(element: Element): Promise<void> {
  const box = element.getBoundingClientRect();
  await clickAt(box.left + box.width / 2, box.top + box.height / 2);
}

/** Records the events of one type an element fires from now on. */
function record<K extends 'tk-seat-toggle' | 'tk-seat-focus' | 'tk-seat-lost' | 'tk-seat-map-painted'>(map: TkSeatMap, type: K): HTMLElementEventMap[K]['detail'][] {
  const details: HTMLElementEventMap[K]['detail'][] = [];
  map.addEventListener(type, (e) => details.push((e as HTMLElementEventMap[K]).detail));
  return details;
}

describe('tk-seat-map', () => {
  afterEach(() => resetMouse());

  it('draws the plan and lists the price zones with their prices in the legend', async () => {
    const map = await renderMap();
    const legend = map.shadowRoot!.querySelector('[part="legend"]')!.textContent!.replace(/\s+/g, ' ');
    expect(legend).to.contain('Catégorie 1 CHF 68.00').and.contain('Catégorie 2 CHF 45.00').and.contain('Wheelchair space');
    // Seat 101 is drawn in its zone colour (#b4235a), then grey (#b3bac5) once someone buys it.
    expect(pixelAt(map, 101)).to.deep.equal([0xb4, 0x23, 0x5a, 255]);
    map.unavailable = new Set([101]);
    await map.updateComplete;
    await nextFrame();
    expect(pixelAt(map, 101)).to.deep.equal([0xb3, 0xba, 0xc5, 255]);
  });

  it('announces its first painted frame of each plan with tk-seat-map-painted and a performance mark', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 600px"></div>`);
    const map = document.createElement('tk-seat-map');
    map.geometry = smallHall();
    const painted = record(map, 'tk-seat-map-painted');
    const marksBefore = performance.getEntriesByName('tk-seat-map:first-paint').length;
    wrapper.appendChild(map);
    await waitUntil(() => painted.length === 1, 'painted');
    // By then the seats are on the canvas, and the mark carries the same figures.
    expect(pixelAt(map, 101)).to.deep.equal([0xb4, 0x23, 0x5a, 255]);
    expect(painted[0]!.seats).to.equal(48);
    expect(painted[0]!.ms).to.be.greaterThan(0).and.lessThan(10_000);
    const marks = performance.getEntriesByName('tk-seat-map:first-paint') as PerformanceMark[];
    expect(marks).to.have.length(marksBefore + 1);
    expect(marks.at(-1)!.detail).to.deep.equal(painted[0]);
    // Redrawing the same plan is not a first paint; a new plan is.
    map.selected = new Set([101]);
    await map.updateComplete;
    await nextFrame();
    expect(painted).to.have.length(1);
    map.geometry = bigPlan(2, 1, 10, 10);
    await waitUntil(() => painted.length === 2, 'painted the new plan');
    expect(painted[1]!.seats).to.equal(200);
  });

  it('asks to select a seat clicked at its position, and to drop a seat of the selection', async () => {
    const map = await renderMap();
    const toggles = record(map, 'tk-seat-toggle');
    await clickSeat(map, 111);
    expect(toggles).to.deep.equal([{ seatId: 111, selected: true }]);
    expect([...map.selected]).to.deep.equal([], 'the host owns the selection');
    map.selected = new Set([111]);
    await map.updateComplete;
    await clickSeat(map, 111);
    expect(toggles[1]).to.deep.equal({ seatId: 111, selected: false });
  });

  it('refuses unavailable seats and seats beyond the maximum, and says why', async () => {
    const map = await renderMap();
    const toggles = record(map, 'tk-seat-toggle');
    map.unavailable = new Set([104]);
    map.selected = new Set([101]);
    map.maxSelectable = 1;
    await map.updateComplete;
    await clickSeat(map, 104);
    expect(toggles).to.deep.equal([]);
    expect(status(map)).to.equal('Parterre, row A, seat 4: Unavailable.');
    expect(map.shadowRoot!.querySelector('[part="message"]')!.hasAttribute('hidden')).to.equal(false);
    await clickSeat(map, 105);
    expect(toggles).to.deep.equal([]);
    expect(status(map)).to.equal('You can select up to 1 seats.');
  });

  it('moves between seats with the arrow keys in row order, and Enter asks to toggle', async () => {
    const map = await renderMap();
    const focused = record(map, 'tk-seat-focus');
    const toggles = record(map, 'tk-seat-toggle');
    await clickSeat(map, 101);
    focused.length = 0;
    for (const press of ['ArrowRight', 'ArrowDown', 'ArrowLeft', 'End', 'Home', 'ArrowUp', 'PageDown']) await sendKeys({ press });
    // A2, then B2 (next row), B1, B8 (end of row), B1, A1, then the first free seat of Balcon.
    expect(focused.map((f) => f.seatId)).to.deep.equal([102, 110, 109, 116, 109, 101, 125]);
    await sendKeys({ press: 'Enter' });
    expect(toggles.at(-1)).to.deep.equal({ seatId: 125, selected: true });
    await sendKeys({ press: 'ArrowUp' });
    expect(focused.at(-1)!.seatId, 'no row above the first one').to.equal(125);
  });

  it('announces the focused seat and changes of the selection in a polite live region', async () => {
    const map = await renderMap();
    await clickSeat(map, 101);
    await sendKeys({ press: 'ArrowRight' });
    await map.updateComplete;
    expect(status(map)).to.equal('Parterre, row A, seat 2, Catégorie 1, CHF 68.00, Available');
    map.selected = new Set([102]);
    await map.updateComplete;
    expect(status(map)).to.equal('Parterre, row A, seat 2 selected.');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'ArrowDown' });
    await map.updateComplete;
    expect(status(map)).to.equal('Parterre, row C, seat 1, Catégorie 2, CHF 45.00, Available, Wheelchair space');
  });

  it('tells the host and the buyer when a selected seat is taken by someone else', async () => {
    const map = await renderMap();
    map.selected = new Set([102, 103]);
    await map.updateComplete;
    const lost = oneEvent(map, 'tk-seat-lost');
    map.unavailable = new Set([103, 120]);
    expect((await lost).detail).to.deep.equal({ seatIds: [103] });
    expect(status(map)).to.equal('Parterre, row A, seat 3 is no longer available.');
    const toggles = record(map, 'tk-seat-toggle');
    await clickSeat(map, 103);
    expect(toggles, 'the buyer can still drop it').to.deep.equal([{ seatId: 103, selected: false }]);
  });

  it('zooms with the toolbar buttons and Ctrl + wheel, around the pointer', async () => {
    const map = await renderMap();
    expect(map.zoom).to.equal(1);
    await clickElement(button(map, 'Zoom in'));
    await waitUntil(() => map.zoom >= 1.59, 'zoomed in');
    await clickElement(button(map, 'Zoom out'));
    await waitUntil(() => Math.abs(map.zoom - 1) < 0.01, 'zoomed out');
    const before = map.seatPosition(110)!;
    canvas(map).dispatchEvent(new WheelEvent('wheel', { deltaY: -200, clientX: before.x, clientY: before.y, ctrlKey: true, bubbles: true, cancelable: true }));
    expect(map.zoom).to.be.greaterThan(1.2);
    const after = map.seatPosition(110)!;
    expect(after.x).to.be.closeTo(before.x, 0.5);
    expect(after.y).to.be.closeTo(before.y, 0.5);
    await clickElement(button(map, 'Show the whole plan'));
    await waitUntil(() => Math.abs(map.zoom - 1) < 0.01, 'fitted again');
  });

  it('lets the wheel scroll the page past the map, says how to zoom, and zooms with Ctrl, ⌘ or after a click into the map', async () => {
    const map = await renderMap();
    const wheel = (init: WheelEventInit = {}) => {
      const at = map.seatPosition(110)!;
      const event = new WheelEvent('wheel', { deltaY: -200, clientX: at.x, clientY: at.y, bubbles: true, cancelable: true, ...init });
      canvas(map).dispatchEvent(event);
      return event;
    };
    const hint = () => map.shadowRoot!.querySelector('[part="message"]')!;
    expect(wheel().defaultPrevented, 'the page scrolls').to.equal(false);
    expect(map.zoom).to.equal(1);
    await map.updateComplete;
    expect(hint().hasAttribute('hidden')).to.equal(false);
    expect(hint().textContent).to.match(/^(Ctrl|⌘) \+ scroll to zoom$/);
    expect(wheel({ ctrlKey: true }).defaultPrevented).to.equal(true);
    const zoomed = map.zoom;
    expect(zoomed).to.be.greaterThan(1.2);
    expect(wheel({ metaKey: true }).defaultPrevented).to.equal(true);
    expect(map.zoom).to.be.greaterThan(zoomed);
    // A click into the map: the wheel is the map's until the pointer leaves it.
    await clickSeat(map, 110);
    const clicked = map.zoom;
    expect(wheel({ deltaY: 200 }).defaultPrevented).to.equal(true);
    expect(map.zoom).to.be.lessThan(clicked);
    await sendMouse({ type: 'move', position: [2, 2] });
    expect(wheel().defaultPrevented).to.equal(false);
  });

  it('uses the wheel hint of its strings, in the buyer’s language', async () => {
    const map = await renderMap();
    map.strings = { wheelHint: (mac: boolean) => `${mac ? '⌘' : 'Ctrl'} + molette pour zoomer` };
    await map.updateComplete;
    canvas(map).dispatchEvent(new WheelEvent('wheel', { deltaY: 100, bubbles: true, cancelable: true }));
    await map.updateComplete;
    expect(map.shadowRoot!.querySelector('[part="message"]')!.textContent).to.match(/^(Ctrl|⌘) \+ molette pour zoomer$/);
  });

  it('zooms to the seats it is asked to show, with room around them', async () => {
    // Seats 3 and 5 of a row of the second section; 12 plan units between seats.
    const map = await renderMap(bigPlan(4, 2, 20, 20));
    const [a, b] = [523, 525];
    const box = canvas(map).getBoundingClientRect();
    expect(map.seatPosition(b)!.x - map.seatPosition(a)!.x, 'fitted: a dot').to.be.lessThan(14);
    map.showSeats([a, b]);
    await settled(map);
    expect(map.zoom).to.be.greaterThan(2.5);
    const [pa, pb] = [map.seatPosition(a)!, map.seatPosition(b)!];
    expect(pb.x - pa.x, 'seats 18 px apart').to.be.closeTo(36, 1);
    // Their middle is the middle of the view.
    expect((pa.x + pb.x) / 2).to.be.closeTo(box.left + box.width / 2, 1);
    expect((pa.y + pb.y) / 2).to.be.closeTo(box.top + box.height / 2, 1);
    // Seats far apart: all in view, with room around them.
    map.showSeats([1, 3_200]);
    await settled(map);
    for (const id of [1, 3_200]) {
      const p = map.seatPosition(id)!;
      expect(p.x).to.be.within(box.left + 10, box.right - 10);
      expect(p.y).to.be.within(box.top + 10, box.bottom - 10);
    }
  });

  it('gives the toolbar a strip of its own on a narrow map, and shows the tooltip above the toolbar', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 320px"><tk-seat-map .geometry=${smallHall()} .prices=${prices}></tk-seat-map></div>`);
    const map = wrapper.querySelector('tk-seat-map')!;
    await waitUntil(() => map.seatPosition(101) !== null && canvas(map).width > 0);
    const toolbar = map.shadowRoot!.querySelector('[part="toolbar"]')!.getBoundingClientRect();
    const plan = canvas(map).getBoundingClientRect();
    expect(toolbar.bottom).to.be.at.most(plan.top);
    for (const id of [101, 108, 141, 148]) expect(map.seatPosition(id)!.y).to.be.greaterThan(toolbar.bottom);
    const tip = getComputedStyle(map.shadowRoot!.querySelector('[part="tooltip"]')!);
    expect(Number(tip.zIndex)).to.be.greaterThan(0);
    // Wide, it floats over the plan's corner.
    wrapper.style.width = '700px';
    await waitUntil(() => Math.abs(canvas(map).getBoundingClientRect().top - map.shadowRoot!.querySelector('.stage')!.getBoundingClientRect().top) < 2, 'the canvas fills the stage');
  });

  it('draws the plan’s stage under the seats, with its name, and makes room for it', async () => {
    const geometry = smallHall();
    geometry.landmarks = [{ label: 'Stage', x: 100, y: -60, width: 220, height: 60, shape: 'rect' }];
    const map = await renderMap(geometry);
    const box = canvas(map).getBoundingClientRect();
    // The stage, above the first row, is in view: the corner of its rectangle has its colour.
    const a = map.seatPosition(101)!;
    const b = map.seatPosition(102)!;
    const scale = (b.x - a.x) / 30;
    const corner = { x: a.x + (110 - 100) * scale, y: a.y + (-50 - 100) * scale };
    expect(corner.y).to.be.greaterThan(box.top);
    const dpr = window.devicePixelRatio;
    const pixel = [...canvas(map).getContext('2d')!.getImageData(Math.round((corner.x - box.left) * dpr), Math.round((corner.y - box.top) * dpr), 1, 1).data];
    expect(pixel).to.deep.equal([0xd5, 0xdb, 0xe5, 255]);
  });

  it('pans by dragging without selecting anything', async () => {
    const map = await renderMap();
    await clickElement(button(map, 'Zoom in'));
    await waitUntil(() => map.zoom >= 1.59);
    await nextFrame();
    const toggles = record(map, 'tk-seat-toggle');
    const start = map.seatPosition(110)!;
    await sendMouse({ type: 'move', position: [Math.round(start.x), Math.round(start.y)] });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: [Math.round(start.x) + 40, Math.round(start.y) + 30] });
    await sendMouse({ type: 'up' });
    const end = map.seatPosition(110)!;
    expect(end.x - start.x).to.be.closeTo(40, 1);
    expect(end.y - start.y).to.be.closeTo(30, 1);
    expect(toggles).to.deep.equal([]);
  });

  it('offers a list of the seats of one section as buttons, usable by keyboard, each named in full with the price a click holds', async () => {
    const map = await renderMap();
    // The legend's prices are the lowest of each zone; a click holds the zone's first tariff.
    map.seatPrices = { zon_c1: 'CHF 149.00' };
    map.unavailable = new Set([103]);
    map.selected = new Set([105]);
    await map.updateComplete;
    const toggles = record(map, 'tk-seat-toggle');
    await clickElement(button(map, 'List'));
    await map.updateComplete;
    const list = map.shadowRoot!.querySelector('[part="list"]')!;
    const seat = (id: number) => list.querySelector<HTMLButtonElement>(`[data-seat="${id - 101}"]`)!;
    expect(list.querySelectorAll('.list-row')).to.have.length(3);
    expect(seat(101).getAttribute('aria-label')).to.equal('Parterre, row A, seat 1, Catégorie 1, CHF 149.00');
    expect(seat(111).getAttribute('aria-label')).to.equal('Parterre, row B, seat 3, Catégorie 1, CHF 149.00');
    expect(seat(103).getAttribute('aria-disabled')).to.equal('true');
    expect(seat(105).getAttribute('aria-pressed')).to.equal('true');
    await clickElement(seat(102));
    await clickElement(seat(103));
    expect(toggles).to.deep.equal([{ seatId: 102, selected: true }]);
    // Focus is on seat 3 of row A (just clicked): down goes to seat 3 of row B.
    await sendKeys({ press: 'ArrowDown' });
    await map.updateComplete;
    expect(map.shadowRoot!.activeElement).to.equal(seat(111));
    await sendKeys({ press: 'Space' });
    expect(toggles.at(-1)).to.deep.equal({ seatId: 111, selected: true });
    const select = list.querySelector('select')!;
    select.value = '1';
    select.dispatchEvent(new Event('change'));
    await map.updateComplete;
    expect(seat(125).textContent!.trim()).to.equal('1');
    // No click price for this zone: the zone's price.
    expect(seat(125).getAttribute('aria-label')).to.equal('Balcon, row A, seat 1, Catégorie 2, CHF 45.00');
    expect(seat(101)).to.equal(null);
  });

  it('passes an automatic accessibility check, on the map and on the list', async () => {
    const map = await renderMap();
    map.unavailable = new Set([103]);
    map.selected = new Set([105]);
    await map.updateComplete;
    await expect(map).to.be.accessible();
    button(map, 'List').click();
    await map.updateComplete;
    await expect(map).to.be.accessible();
  });

  it('uses the strings it is given', async () => {
    const map = await renderMap();
    map.strings = { zoomIn: 'Zoomer', seatName: (section, row, seat) => `${section}, rang ${row}, place ${seat}` };
    map.selected = new Set([101]);
    await map.updateComplete;
    expect(button(map, 'Zoomer')).to.exist;
    expect(status(map)).to.equal('Parterre, rang A, place 1 selected.');
  });

  it('renders a 100,000-seat plan and zooms into it on click', async () => {
    const map = await renderMap(bigPlan());
    expect(map.geometry!.seats.id).to.have.length(100_000);
    const toggles = record(map, 'tk-seat-toggle');
    await clickSeat(map, 50_000);
    // Zoomed out this far a click zooms in instead of picking a seat among hundreds.
    await waitUntil(() => map.zoom > 2, 'zoomed in on the click');
    expect(toggles).to.deep.equal([]);
    await settled(map);
    await clickSeat(map, 50_000);
    expect(toggles).to.deep.equal([{ seatId: 50_000, selected: true }]);
  });
});

describe('clickPrices', () => {
  it('gives each zone the price of its first tariff as listed (what a click holds), not its lowest', () => {
    const tariffs = [
      { zoneId: 'zon_c1', price: 14900 },
      { zoneId: 'zon_c1', price: 7500 },
      { zoneId: 'zon_c2', price: 4500 },
      { zoneId: null, price: 1000 },
    ];
    expect(clickPrices(tariffs, (amount) => `CHF ${(amount / 100).toFixed(2)}`)).to.deep.equal({ zon_c1: 'CHF 149.00', zon_c2: 'CHF 45.00' });
  });
});

describe('lowestPrices', () => {
  it('gives each zone its lowest price (the legend’s “from”)', () => {
    const tariffs = [
      { zoneId: 'zon_c1', price: 14900 },
      { zoneId: 'zon_c1', price: 7500 },
      { zoneId: 'zon_c2', price: 4500 },
      { zoneId: null, price: 1000 },
    ];
    expect(lowestPrices(tariffs, (amount) => `CHF ${(amount / 100).toFixed(2)}`)).to.deep.equal({ zon_c1: 'CHF 75.00', zon_c2: 'CHF 45.00' });
  });
});

describe('seat-map drawing', () => {
  const palette: Palette = {
    zones: ['#b4235a', '#2563eb'], held: '#8d97a7', taken: '#b3bac5', notForSale: '#d3d8df', floor: '#e4e8ef', selected: '#4338ca', contrast: '#ffffff',
    lost: '#b42318', focus: '#0f172a', label: '#334155', halo: '#ffffff', landmark: '#d5dbe5', font: 'sans-serif',
  };
  const context = (width: number, height: number) => Object.assign(document.createElement('canvas'), { width, height }).getContext('2d', { willReadFrequently: true })!;
  const pixel = (ctx: CanvasRenderingContext2D, x: number, y: number) => [...ctx.getImageData(x, y, 1, 1).data];

  it('paints a plan’s landmarks, rectangles and ellipses, and names those whose name fits', () => {
    const geometry = smallHall();
    geometry.landmarks = [
      { label: 'Scène', x: 0, y: 0, width: 120, height: 50, shape: 'rect' },
      { label: 'Glace', x: 200, y: 0, width: 120, height: 50, shape: 'ellipse' },
    ];
    const ix = indexPlan(geometry);
    const ctx = context(400, 100);
    paintLandmarks(ctx, ix, palette);
    expect(pixel(ctx, 10, 10)).to.deep.equal([0xd5, 0xdb, 0xe5, 255]);
    expect(pixel(ctx, 260, 25)).to.deep.equal([0xd5, 0xdb, 0xe5, 255]);
    expect(pixel(ctx, 203, 3), 'outside the ellipse').to.deep.equal([0, 0, 0, 0]);
    expect(pixel(ctx, 160, 25), 'between them').to.deep.equal([0, 0, 0, 0]);
    const boxes = paintLandmarkNames(ctx, ix, palette, 1, 0, 0);
    expect(boxes).to.have.length(2);
    expect((boxes[0]![0]! + boxes[0]![2]!) / 2).to.be.closeTo(60, 0.5);
    expect(paintLandmarkNames(context(400, 100), ix, palette, 0.2, 0, 0), 'too small to name').to.deep.equal([]);
  });

  it('writes section names beside their seats, never over a seat, another name or off the canvas', () => {
    const ix = indexPlan(smallHall());
    for (const [scale, tx, ty] of [[1, 0, 0], [0.6, 10, 20], [2, -150, -150]] as const) {
      const ctx = context(600, 500);
      const names: { text: string; x: number; y: number }[] = [];
      const fillText = ctx.fillText.bind(ctx);
      ctx.fillText = (text: string, x: number, y: number) => (names.push({ text, x, y }), fillText(text, x, y));
      const stage = [250, 0, 350, 20];
      paintSectionLabels(ctx, ix, palette, scale, tx, ty, 600, 500, [stage]);
      if (scale === 1) expect(names.map((n) => n.text)).to.deep.equal(['Parterre', 'Balcon']);
      const boxes = names.map(({ text, x, y }) => [x - ctx.measureText(text).width / 2, y - 8, x + ctx.measureText(text).width / 2, y + 8] as const);
      for (const [x0, y0, x1, y1] of boxes) {
        expect(x0 >= 0 && y0 >= 0 && x1 <= 600 && y1 <= 500, 'on the canvas').to.equal(true);
        for (let i = 0; i < ix.n; i++) {
          const sx = ix.x[i]! * scale + tx;
          const sy = ix.y[i]! * scale + ty;
          expect(sx > x0 - ix.radius * scale && sx < x1 + ix.radius * scale && sy > y0 - ix.radius * scale && sy < y1 + ix.radius * scale, `a seat under a name at ${scale}`).to.equal(false);
        }
      }
      const [a, b] = boxes;
      if (a && b) expect(a[2] <= b[0] || b[2] <= a[0] || a[3] <= b[1] || b[3] <= a[1], 'names apart').to.equal(true);
    }
  });
});
