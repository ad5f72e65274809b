// The venues area: the list of venues, a venue with its plans and the import of a plan, and a
// plan on the widget's seat map (seat marks; blocks per performance).
import './venues-screen.js';
import './venue-screen.js';
import './plan-screen.js';
