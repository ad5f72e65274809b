/**
 * The parts of the "tickets" step: the cart, the quantity stepper (general admission) and the
 * best-available form (seated). `<ticket-shop>` fetches this chunk right after its first screen
 * (the dates) is up, so the first screen loads less and the step is ready when the buyer is.
 */
import '../best-available/best-available.js';
import '../cart/cart.js';
import '../quantity-picker/quantity-picker.js';

// Pushed availability travels with this step's chunk: the poller finds it here once the API offers a stream.
export { followAvailability } from './availability-stream.js';
