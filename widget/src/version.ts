declare const __TICKET_SHOP_VERSION__: string | undefined;

/** The widget's version, from package.json at build time ("dev" in unbundled tests). */
export const version: string = typeof __TICKET_SHOP_VERSION__ === 'string' ? __TICKET_SHOP_VERSION__ : 'dev';
