// The settings area: the shop's settings, section by section, and the per-event exchange and e-mail rules.
import './settings-screen.js';
