package com.promocalendar.calendar.changefeed;

import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.promocalendar.calendar.problem.ApiException;

/** The change feed for the scheduler: changes after a cursor, oldest first. */
@RestController
@PreAuthorize("hasRole('calendar-reader')")
class ChangeFeedController {

    private final PromotionChangeFeed feed;

    ChangeFeedController(PromotionChangeFeed feed) {
        this.feed = feed;
    }

    @GetMapping("/api/internal/promotion-changes")
    List<PromotionChange> changes(@RequestParam(defaultValue = "0") long after,
            @RequestParam(defaultValue = "100") int limit) {
        if (after < 0) {
            throw ApiException.badRequest("after", "must not be negative");
        }
        if (limit < 1 || limit > 1000) {
            throw ApiException.badRequest("limit", "must be between 1 and 1000");
        }
        return feed.after(after, limit);
    }
}
