import { css, html, LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import { defineTexts, type ConsoleLocale } from '../i18n/texts.js';
import { copyText } from './fields.js';
import { consoleStyles } from './styles.js';

const texts = defineTexts({
  en: { copy: 'Copy', copied: 'Copied to the clipboard.', copyFailed: 'Copying was refused: select the text and copy it by hand.' },
  fr: { copy: 'Copier', copied: 'Copié dans le presse-papiers.', copyFailed: 'La copie a été refusée : sélectionnez le texte et copiez-le à la main.' },
  de: { copy: 'Kopieren', copied: 'In die Zwischenablage kopiert.', copyFailed: 'Das Kopieren wurde verweigert: Markieren Sie den Text und kopieren Sie ihn von Hand.' },
  it: { copy: 'Copia', copied: 'Copiato negli appunti.', copyFailed: 'La copia è stata rifiutata: selezioni il testo e lo copi a mano.' },
});

/**
 * A secret the API answers once (an API token, a webhook signing secret): shown with what it
 * is, why it must be copied now, and a copy button whose outcome is announced.
 */
export class SecretOnce extends LitElement {
  static override styles = [
    consoleStyles,
    css`
      :host {
        display: block;
        border: 2px solid var(--tk-accent);
        border-radius: 8px;
        padding: 1rem;
        margin: 0 0 1rem;
        background: #eef2fd;
      }
      h3 {
        margin: 0 0 0.5rem;
        font-size: 1.1rem;
      }
      code {
        display: block;
        padding: 0.5rem;
        background: #fff;
        border: 1px solid var(--tk-border);
        border-radius: 6px;
        overflow-wrap: anywhere;
        margin: 0.5rem 0;
        user-select: all;
      }
    `,
  ];

  @property() secret = '';
  @property() heading = '';
  @property() note = '';
  @property() locale: ConsoleLocale = 'en';
  /** What the copy button says (its accessible name), e.g. "Copy the secret". */
  @property() copyLabel = '';
  @state() private outcome: 'copied' | 'failed' | null = null;

  private async copy() {
    this.outcome = (await copyText(this.secret, this.shadowRoot)) ? 'copied' : 'failed';
  }

  override render() {
    const t = texts(this.locale);
    return html`<h3>${this.heading}</h3>
      <p>${this.note}</p>
      <code class="secret-value">${this.secret}</code>
      <div class="actions">
        <button class="primary" type="button" @click=${this.copy}>${this.copyLabel || t.copy}</button>
        <span role="status">${this.outcome === 'copied' ? t.copied : this.outcome === 'failed' ? t.copyFailed : ''}</span>
      </div>`;
  }
}
if (!customElements.get('tk-secret-once')) customElements.define('tk-secret-once', SecretOnce);
