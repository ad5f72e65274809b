// The orders area: the search and an order's page (with its counter actions).
import './order-search-screen.js';
import './order-screen.js';
