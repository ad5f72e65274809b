// The activity area: the log of every change made to the shop, and by whom.
import './activity-screen.js';
