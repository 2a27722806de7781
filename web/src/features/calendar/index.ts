/** The calendar feature's public surface; the app lazy-loads it. */
export { CalendarPage } from './components/calendar-page';
