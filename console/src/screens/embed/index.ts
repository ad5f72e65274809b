// The embed area: the snippet generator with its live preview of the widget.
import './embed-screen.js';
