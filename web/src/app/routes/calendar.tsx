import { CalendarPage } from '@/features/calendar';

export function CalendarRoute() {
  return <CalendarPage />;
}
