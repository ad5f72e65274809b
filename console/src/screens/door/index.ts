// The door area: the camera scanner that works offline, and the door overview with its duplicates.
import './scan-screen.js';
import './door-overview-screen.js';
import './door-duplicates-screen.js';
