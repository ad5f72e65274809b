import { css, html, LitElement, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { ConsoleApiError, createConsoleApi } from '../api/client.js';
import { commonTexts } from '../i18n/common.js';
import { type ConsoleLocale, consoleLocales, pickLocale } from '../i18n/texts.js';
import { currentLocation, matchPath } from '../router.js';
import { type ConsoleRoute, navigation, routes } from '../routes.js';
import { type ConsoleSession, createSession } from '../session.js';
import { errorText } from '../ui/errors.js';
import { consoleStyles } from '../ui/styles.js';
import '../screens/sign-in/sign-in-screen.js';
import { frameStyles } from './console-app.styles.js';
import { forgetOffline, keepForOffline, OFFLINE_PATHS, offlineMe } from './offline-session.js';

const LOCALE_KEY = 'tk-console-locale';
const languageNames: Record<ConsoleLocale, string> = { fr: 'Français', de: 'Deutsch', it: 'Italiano', en: 'English' };

type Phase = { kind: 'starting' } | { kind: 'signed-out'; token: string | null } | { kind: 'failed'; error: unknown } | { kind: 'ready'; session: ConsoleSession };

/**
 * `<tk-console>`: the frame of the organizer console. It asks the API who is signed in
 * (`GET /api/org/me`), shows the sign-in screen when nobody is, and otherwise the navigation of
 * what the role may open and the screen of the current hash route, loaded on first use.
 */
export class ConsoleApp extends LitElement {
  static override styles = [consoleStyles, frameStyles, css``];

  @state() private phase: Phase = { kind: 'starting' };
  @state() private locale: ConsoleLocale = pickLocale(localStorage.getItem(LOCALE_KEY), navigator.languages, 'en');
  @state() private screen: HTMLElement | null = null;
  @state() private routeMissing: 'not-found' | 'forbidden' | null = null;
  @state() private menuOpen = false;
  private currentRoute: ConsoleRoute | null = null;
  private readonly api = createConsoleApi({ onUnauthorized: () => this.signedOut() });
  private readonly onHashChange = () => {
    const { path, query } = currentLocation();
    const token = path === '/sign-in' ? query.get('token') : null;
    // A sign-in link opened in a tab that already shows the console: spend it there.
    if (token) this.phase = { kind: 'signed-out', token };
    else void this.showRoute();
  };

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHashChange);
    // The settings screen changed the shop's name or languages in the session: the header follows.
    this.addEventListener('shop-changed', () => this.requestUpdate());
    void this.start();
  }

  override disconnectedCallback() {
    window.removeEventListener('hashchange', this.onHashChange);
    super.disconnectedCallback();
  }

  private async start() {
    const { path, query } = currentLocation();
    const token = path === '/sign-in' ? query.get('token') : null;
    if (token) {
      this.phase = { kind: 'signed-out', token };
      return;
    }
    try {
      const me = await this.api.call('getMe');
      keepForOffline(me);
      const locale = pickLocale(localStorage.getItem(LOCALE_KEY), navigator.languages, me.shop.defaultLocale);
      this.locale = locale;
      this.phase = { kind: 'ready', session: createSession(this.api, me, locale) };
      await this.showRoute();
    } catch (error) {
      if (error instanceof ConsoleApiError && error.status === 401) this.signedOut();
      else if (error instanceof ConsoleApiError && error.status === 0 && OFFLINE_PATHS.includes(path) && offlineMe()) {
        // No network at a door: the scanner opens with who was signed in last, and decides from its own list.
        const me = offlineMe()!;
        this.locale = pickLocale(localStorage.getItem(LOCALE_KEY), navigator.languages, me.shop.defaultLocale);
        this.phase = { kind: 'ready', session: createSession(this.api, me, this.locale) };
        await this.showRoute();
      } else this.phase = { kind: 'failed', error };
    }
  }

  private signedOut() {
    forgetOffline();
    this.phase = { kind: 'signed-out', token: null };
    this.screen = null;
    this.currentRoute = null;
  }

  /** Bumped by every route shown: a route still loading its chunk knows whether it is still the one asked for. */
  private routeGeneration = 0;

  private async showRoute() {
    if (this.phase.kind !== 'ready') return;
    const session = this.phase.session;
    const { path, query } = currentLocation();
    if (path === '/' || path === '/sign-in') {
      const home = navigation.map((key) => this.navRoute(key, session)).find((route) => route !== undefined);
      if (home) {
        session.navigate(home.pattern);
        return;
      }
    }
    this.menuOpen = false;
    const found = routes.map((route) => ({ route, params: matchPath(route.pattern, path) })).find((m) => m.params !== null);
    if (!found) return this.showMissing('not-found');
    if (!session.may(found.route.needs)) return this.showMissing('forbidden');
    // Two hash changes in quick succession (two clicks, a redirect home then a link): a screen whose
    // chunk arrives after a later route's must not replace it.
    const generation = ++this.routeGeneration;
    await found.route.load();
    if (generation !== this.routeGeneration) return;
    // The same screen with other parameters keeps its element (e.g. one order to another is a new element: params change what it loads).
    const element = document.createElement(found.route.tag) as HTMLElement & { session: ConsoleSession; params: Record<string, string>; query: URLSearchParams };
    element.session = session;
    element.params = found.params!;
    element.query = query;
    this.currentRoute = found.route;
    this.routeMissing = null;
    this.screen = element;
    await this.updateComplete;
    await (element as unknown as LitElement).updateComplete;
    this.focusHeadingOf(element);
  }

  /**
   * The new screen's heading takes the focus, so keyboard and screen reader users start there. A
   * screen still loading draws its heading later: it gets the focus when it appears, unless the
   * user has moved the focus meanwhile.
   */
  private focusHeadingOf(element: HTMLElement) {
    const heading = () => element.shadowRoot?.querySelector('h1') as HTMLElement | null | undefined;
    if (heading()) return heading()!.focus();
    const root = element.shadowRoot;
    if (!root) return;
    const focusedBefore = this.shadowRoot?.activeElement ?? null;
    const observer = new MutationObserver(() => {
      const h1 = heading();
      if (!h1) return;
      observer.disconnect();
      if ((this.shadowRoot?.activeElement ?? null) === focusedBefore && element.isConnected) h1.focus();
    });
    observer.observe(root, { childList: true, subtree: true });
    setTimeout(() => observer.disconnect(), 15_000);
  }

  private async showMissing(kind: 'not-found' | 'forbidden') {
    this.routeGeneration++;
    this.currentRoute = null;
    this.screen = null;
    this.routeMissing = kind;
    await this.updateComplete;
    (this.shadowRoot?.querySelector('main h1') as HTMLElement | null)?.focus();
  }

  private navRoute(key: (typeof navigation)[number], session: ConsoleSession): ConsoleRoute | undefined {
    return routes.find((route) => route.nav === key && !route.pattern.includes(':') && session.may(route.needs));
  }

  private changeLocale(locale: ConsoleLocale) {
    localStorage.setItem(LOCALE_KEY, locale);
    this.locale = locale;
    if (this.phase.kind === 'ready') {
      this.phase = { kind: 'ready', session: { ...this.phase.session, locale } };
      void this.showRoute();
    }
  }

  private async signOut() {
    try {
      await this.api.call('endStaffSession');
    } finally {
      this.signedOut();
      location.hash = '#/sign-in';
    }
  }

  override updated() {
    document.documentElement.lang = this.locale;
  }

  private languagePicker() {
    const t = commonTexts(this.locale);
    return html`<label class="language"
      ><span class="visually-hidden">${t.language}</span>
      <select aria-label=${t.language} @change=${(e: Event) => this.changeLocale((e.target as HTMLSelectElement).value as ConsoleLocale)}>
        ${consoleLocales.map((l) => html`<option value=${l} ?selected=${l === this.locale} lang=${l}>${languageNames[l]}</option>`)}
      </select></label
    >`;
  }

  override render() {
    const t = commonTexts(this.locale);
    switch (this.phase.kind) {
      case 'starting':
        return html`<p class="starting" role="status">${t.loading}</p>`;
      case 'failed':
        return html`<main class="starting"><p class="notice error" role="alert">${errorText(this.phase.error, this.locale)}</p>
          <button @click=${() => void this.start()}>${t.retry}</button></main>`;
      case 'signed-out':
        return html`<header class="signed-out-bar">${this.languagePicker()}</header>
          <main><tk-sign-in-screen .api=${this.api} .locale=${this.locale} .token=${this.phase.token} @signed-in=${() => void this.start()}></tk-sign-in-screen></main>`;
      case 'ready':
        return this.frame(this.phase.session);
    }
  }

  private frame(session: ConsoleSession) {
    const t = commonTexts(this.locale);
    const { actor, shop } = session.me;
    const role = t[`role_${actor.role}`];
    const entries = navigation.flatMap((key) => {
      const route = this.navRoute(key, session);
      return route ? [{ key, route }] : [];
    });
    return html`
      <header class="top">
        <!-- A button, not a link: a #content link would be taken for a hash route. -->
        <button class="skip" @click=${() => (this.shadowRoot?.querySelector('main') as HTMLElement | null)?.focus()}>${t.skipToContent}</button>
        <button class="menu" aria-expanded=${this.menuOpen ? 'true' : 'false'} aria-controls="nav" @click=${() => (this.menuOpen = !this.menuOpen)}>${t.menu}</button>
        <span class="shop">${shop.name}</span>
        ${shop.testMode ? html`<span class="badge test">${t.testMode}</span>` : nothing}
        <span class="spacer"></span>
        <span class="who">${t.signedInAs(actor.name, role)}</span>
        ${this.languagePicker()}
        ${actor.kind === 'staff' ? html`<button @click=${() => void this.signOut()}>${t.signOut}</button>` : nothing}
      </header>
      <div class="body">
        <nav id="nav" aria-label=${t.navigation} class=${this.menuOpen ? 'open' : ''}>
          <ul>
            ${entries.map(
              ({ key, route }) =>
                html`<li><a href="#${route.pattern}" aria-current=${this.currentRoute?.nav === key ? 'page' : 'false'}>${t[key]}</a></li>`,
            )}
          </ul>
        </nav>
        <main id="content" tabindex="-1">
          ${this.routeMissing
            ? html`<h1 tabindex="-1">${this.routeMissing === 'forbidden' ? t.forbidden : t.notFound}</h1>`
            : entries.length === 0
              ? html`<h1 tabindex="-1">${t.noScreen}</h1>`
              : (this.screen ?? html`<p role="status">${t.loading}</p>`)}
        </main>
      </div>
    `;
  }
}

if (!customElements.get('tk-console')) customElements.define('tk-console', ConsoleApp);
