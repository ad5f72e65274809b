import { css } from 'lit';

/** The frame: a top bar, the navigation at the side (a menu below 900 px), the screen. */
export const frameStyles = css`
  :host {
    display: block;
    min-height: 100vh;
  }
  .skip {
    position: absolute;
    left: -999px;
    top: 0.5rem;
    background: #fff;
    padding: 0.5rem 1rem;
    z-index: 10;
  }
  .skip:focus {
    left: 0.5rem;
  }
  .top {
    display: flex;
    align-items: center;
    flex-wrap: wrap;
    gap: 0.75rem;
    padding: 0.5rem 1rem;
    background: #1d2330;
    color: #fff;
  }
  .top button,
  .top select {
    background: #2d3546;
    color: #fff;
    border-color: #56607a;
  }
  .shop {
    font-weight: 700;
    font-size: 1.1rem;
  }
  .badge.test {
    background: #f0b400;
    color: #1d2330;
  }
  .spacer {
    flex: 1;
  }
  .who {
    color: #dfe3ea;
  }
  .body {
    display: flex;
    align-items: flex-start;
  }
  nav {
    width: 14rem;
    flex: none;
    padding: 1rem 0.5rem;
  }
  nav ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  nav a {
    display: block;
    padding: 0.6rem 0.9rem;
    border-radius: 6px;
    color: #1d2330;
    text-decoration: none;
    min-height: 44px;
  }
  nav a[aria-current='page'] {
    background: #dfe6fb;
    font-weight: 600;
  }
  nav a:hover {
    background: #e8ebf0;
  }
  main {
    flex: 1;
    min-width: 0;
    padding: 1.25rem 1.5rem 3rem;
  }
  main:focus {
    outline: none;
  }
  .menu {
    display: none;
  }
  .starting {
    padding: 2rem;
  }
  .signed-out-bar {
    display: flex;
    justify-content: flex-end;
    padding: 0.5rem 1rem;
  }
  @media (max-width: 899px) {
    .menu {
      display: inline-flex;
    }
    .body {
      display: block;
    }
    nav {
      display: none;
      width: auto;
      border-bottom: 1px solid #c9ced6;
      background: #fff;
    }
    nav.open {
      display: block;
    }
    main {
      padding: 1rem;
    }
  }
`;
