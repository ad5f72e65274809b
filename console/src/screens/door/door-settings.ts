/**
 * What the scanner keeps about itself in localStorage: a random device id (staff sessions are per
 * person and a phone may change hands, so admissions name the device), the door it stands at and
 * the performance chosen, which survive a reload at the door.
 */
const DEVICE_KEY = 'tk-door-device';
const DOOR_KEY = 'tk-door-name';
const PERFORMANCE_KEY = 'tk-door-performance';

export function deviceId(): string {
  let id = localStorage.getItem(DEVICE_KEY);
  if (!id || !/^[A-Za-z0-9_-]{8,64}$/.test(id)) {
    id = `dev_${Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('')}`;
    localStorage.setItem(DEVICE_KEY, id);
  }
  return id;
}

export const doorName = () => localStorage.getItem(DOOR_KEY) ?? '';
export const saveDoorName = (name: string) => localStorage.setItem(DOOR_KEY, name.trim());
export const chosenPerformance = () => localStorage.getItem(PERFORMANCE_KEY) ?? '';
export const choosePerformance = (id: string) => localStorage.setItem(PERFORMANCE_KEY, id);
