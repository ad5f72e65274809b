import { expect, fixture, html } from '@open-wc/testing';
import { render } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { cssProperties } from './css-properties.js';

// This test page refuses inline style attributes from here on, as a strict CSP does: a policy
// in a <meta> element applies once it is in the document.
const violations: string[] = [];
before(() => {
  document.addEventListener('securitypolicyviolation', (event) => violations.push(event.violatedDirective));
  const policy = Object.assign(document.createElement('meta'), { httpEquiv: 'Content-Security-Policy', content: "style-src-attr 'none'" });
  document.head.appendChild(policy);
});
beforeEach(() => {
  violations.length = 0;
});

const settled = () => new Promise((done) => setTimeout(done, 50));

describe('cssProperties', () => {
  it('sets custom properties under a policy that refuses style attributes, and updates and removes them', async () => {
    const container = await fixture<HTMLDivElement>(html`<div></div>`);
    const swatch = (properties: Record<`--${string}`, string>) => html`<span ${cssProperties(properties)}></span>`;
    render(swatch({ '--_swatch': 'rgb(0, 128, 0)', '--_ratio': '4 / 3' }), container);
    const span = container.querySelector('span')!;
    expect(getComputedStyle(span).getPropertyValue('--_swatch')).to.equal('rgb(0, 128, 0)');

    render(swatch({ '--_swatch': 'rgb(255, 0, 0)' }), container);
    expect(getComputedStyle(span).getPropertyValue('--_swatch')).to.equal('rgb(255, 0, 0)');
    expect(getComputedStyle(span).getPropertyValue('--_ratio')).to.equal('');
    await settled();
    expect(violations).to.deep.equal([]);
  });

  it('is needed: Lit’s styleMap writes a style attribute on its first render, which the policy refuses', async () => {
    const container = await fixture<HTMLDivElement>(html`<div></div>`);
    render(html`<span style=${styleMap({ '--_swatch': 'rgb(0, 128, 0)' })}></span>`, container);
    await settled();
    expect(getComputedStyle(container.querySelector('span')!).getPropertyValue('--_swatch')).to.equal('');
    expect(violations).to.include('style-src-attr');
  });
});
