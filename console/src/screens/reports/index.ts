// The reports area: every report as a table, a chart of sales per day and a CSV download.
import './reports-screen.js';
