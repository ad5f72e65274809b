// The staff area: staff members, their roles and access.
import './staff-screen.js';
