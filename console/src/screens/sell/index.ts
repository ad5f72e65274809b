// The box office area: selling at the desk, my till, and every till for the books.
import './sell-screen.js';
import './till-screen.js';
import './tills-screen.js';
