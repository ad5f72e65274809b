// The single-page-app demo: loads the widget on demand, then adds, removes and re-adds the
// element with DOM calls, and shows the widget's events (tk-*) as a host page would use them.
const slot = document.getElementById('slot');
const log = document.getElementById('log');
const [open, remove, readd] = ['open', 'remove', 'readd'].map((id) => document.getElementById(id));
let shop = null;

const events = ['tk-performance-select', 'tk-seats-change', 'tk-hold-create', 'tk-hold-expire', 'tk-order-complete'];
const lines = [];
function show(event) {
  lines.unshift(`${new Date().toLocaleTimeString()}  ${event.type}  ${JSON.stringify(event.detail)}`);
  log.textContent = lines.slice(0, 6).join('\n');
}
for (const type of events) slot.addEventListener(type, show);

function place() {
  slot.append(shop);
  remove.disabled = false;
  readd.disabled = true;
}

open.addEventListener('click', async () => {
  open.disabled = true;
  await import('/widget/ticket-shop.js');
  shop = document.createElement('ticket-shop');
  shop.setAttribute('shop', 'shp_demo');
  place();
});

remove.addEventListener('click', () => {
  shop.remove();
  remove.disabled = true;
  readd.disabled = false;
});

readd.addEventListener('click', place);
