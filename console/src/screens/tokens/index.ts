// The API tokens area: tokens with a role, their secret shown once, revocation.
import './tokens-screen.js';
