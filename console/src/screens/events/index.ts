// The events area: the list of events and an event's page (performances, series, prices).
import './events-screen.js';
import './event-screen.js';
