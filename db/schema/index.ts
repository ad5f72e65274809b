export * from './catalog.js';
export * from './inventory.js';
export * from './orders.js';
export * from './platform.js';
export * from './messaging.js';
export * from './codes.js';
export * from './webhooks.js';
export * from './stripe.js';
