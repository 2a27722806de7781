package com.promocalendar.calendar.promotion;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import com.promocalendar.calendar.promotion.ScheduleEngine.Occurrence;
import com.promocalendar.calendar.promotion.ScheduleEngine.Resolution;
import com.promocalendar.calendar.promotion.ScheduleEngine.ResolvedTime;

/**
 * The start, the end or the daily send time names a wall time that a daylight-saving change
 * skips ({@code LOCAL_TIME_IN_GAP}: the engine moves it later by the gap) or repeats
 * ({@code LOCAL_TIME_IN_OVERLAP}: the engine takes the first of the two) on {@code days}.
 * The promotion still runs exactly as shared/spec/schedule.md says; the admin learns it
 * before the customers do.
 */
record LocalTimeWarning(String code, String field, String message, List<LocalDate> days) implements PromotionWarning {

    static final String IN_GAP = "LOCAL_TIME_IN_GAP";
    static final String IN_OVERLAP = "LOCAL_TIME_IN_OVERLAP";

    private static final DateTimeFormatter WALL_TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** The warnings of a promotion in {@code timeZone}, from the engine's reading of it. */
    static List<LocalTimeWarning> of(String timeZone, ScheduleEngine.CheckedPromotion promotion) {
        List<LocalTimeWarning> warnings = new ArrayList<>();
        boundary("startsAt", "starts", timeZone, promotion.start()).ifPresent(warnings::add);
        boundary("endsAt", "ends", timeZone, promotion.end()).ifPresent(warnings::add);
        List<Occurrence> daily = promotion.occurrences().stream().skip(1).toList(); // occurrence 0 is the start
        for (Resolution resolution : List.of(Resolution.GAP_MOVED_LATER, Resolution.OVERLAP_EARLIER_OFFSET)) {
            List<Occurrence> affected = daily.stream().filter(o -> o.resolution() == resolution).toList();
            if (!affected.isEmpty()) {
                warnings.add(dailySendTime(timeZone, resolution, affected));
            }
        }
        return warnings;
    }

    private static Optional<LocalTimeWarning> boundary(String field, String verb, String timeZone,
            ResolvedTime time) {
        LocalDateTime requested = time.requested();
        LocalTime actual = time.instant().atOffset(time.offset()).toLocalTime();
        String written = DATE_TIME.format(requested);
        return switch (time.resolution()) {
            case EXACT -> Optional.empty();
            case GAP_MOVED_LATER -> Optional.of(new LocalTimeWarning(IN_GAP, field,
                    written + " does not exist in " + timeZone + " (the clocks go forward), so the promotion "
                            + verb + " at " + WALL_TIME.format(actual) + " " + utc(time.offset()) + " instead.",
                    List.of(requested.toLocalDate())));
            case OVERLAP_EARLIER_OFFSET -> Optional.of(new LocalTimeWarning(IN_OVERLAP, field,
                    written + " happens twice in " + timeZone + " (the clocks go back), so the promotion "
                            + verb + " at the first of the two, " + utc(time.offset()) + ".",
                    List.of(requested.toLocalDate())));
        };
    }

    private static LocalTimeWarning dailySendTime(String timeZone, Resolution resolution, List<Occurrence> affected) {
        List<LocalDate> days = affected.stream().map(Occurrence::day).toList();
        String requested = WALL_TIME.format(affected.get(0).requestedTime());
        String on = days.stream().map(LocalDate::toString).collect(Collectors.joining(", "));
        boolean one = days.size() == 1;
        if (resolution == Resolution.GAP_MOVED_LATER) {
            String instead = one ? "that day's message goes out at " + WALL_TIME.format(affected.get(0).localTime())
                    : "those days' messages go out later by the length of the gap";
            return new LocalTimeWarning(IN_GAP, "dailySendTime", "The daily send time " + requested
                    + " does not exist in " + timeZone + " on " + on + " (the clocks go forward), so " + instead
                    + " instead.", days);
        }
        return new LocalTimeWarning(IN_OVERLAP, "dailySendTime", "The daily send time " + requested
                + " happens twice in " + timeZone + " on " + on + " (the clocks go back), so "
                + (one ? "that day's message goes" : "those days' messages go") + " out at the first of the two, "
                + utc(affected.get(0).offset()) + ".", days);
    }

    /** {@code UTC+02:00}. */
    private static String utc(ZoneOffset offset) {
        return "UTC" + (offset.getTotalSeconds() == 0 ? "" : offset.getId());
    }
}
