// The events area: the list of events, an event's page (performances, series, prices) a performance's waiting list and the event's questions for buyers.
import './events-screen.js';
import './event-screen.js';
import './waiting-list-screen.js';
import './questions-screen.js';
