package com.promocalendar.calendar.promotion;

import java.time.LocalDate;

/** Which day's message to send as a test ({@code null} or no body: the first day). */
record TestSendRequest(LocalDate day) {
}
