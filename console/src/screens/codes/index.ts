// The codes area: promo codes, passes and their products, gift vouchers.
import './promo-codes-screen.js';
import './promo-code-screen.js';
import './passes-screen.js';
import './vouchers-screen.js';
import './voucher-screen.js';
