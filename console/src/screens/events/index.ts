// The events area: the list of events, an event's page (performances, series, prices) and a performance's waiting list.
import './events-screen.js';
import './event-screen.js';
import './waiting-list-screen.js';
