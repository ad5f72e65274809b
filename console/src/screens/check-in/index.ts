// The check-in area: admitting tickets at the door with a barcode scanner or the keyboard.
import './check-in-screen.js';
