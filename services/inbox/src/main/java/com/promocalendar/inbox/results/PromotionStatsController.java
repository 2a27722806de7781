package com.promocalendar.inbox.results;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.promocalendar.inbox.config.Roles;

/**
 * The results of a promotion for shop admins (contracts.md "Inbox — results for
 * admins"): counts per day, never who. A promotion without messages answers
 * {@code {days: []}} — an id reveals nothing a count of zero would not.
 */
@RestController
@PreAuthorize(Roles.ADMIN)
class PromotionStatsController {

    private final PromotionStatsStore stats;

    PromotionStatsController(PromotionStatsStore stats) {
        this.stats = stats;
    }

    @GetMapping("/api/inbox/promotion-stats/{promotionId}")
    PromotionStats get(@PathVariable String promotionId) {
        return stats.of(promotionId);
    }
}
