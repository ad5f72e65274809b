// Loads the widget from the other loopback name of this server (localhost <-> 127.0.0.1), so
// that the page and the ticket server are different origins, as on a real organizer's site.
const otherHost = location.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1';
const server = `${location.protocol}//${otherHost}${location.port ? `:${location.port}` : ''}`;
document.getElementById('origin').textContent = server;
await import(`${server}/widget/ticket-shop.js`);
