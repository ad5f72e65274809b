// The today area: the dashboard.
import './today-screen.js';
