// The resellers area: resellers, their quotas and tokens, and tickets sold elsewhere imported.
import './resellers-screen.js';
import './ticket-import-screen.js';
