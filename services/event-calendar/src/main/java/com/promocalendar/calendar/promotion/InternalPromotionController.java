package com.promocalendar.calendar.promotion;

import java.util.UUID;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.promocalendar.calendar.problem.ApiException;

/** One promotion as the scheduler sees it: exactly the promotion JSON, no extras. */
@RestController
@PreAuthorize("hasRole('calendar-reader')")
class InternalPromotionController {

    private final PromotionService promotions;

    InternalPromotionController(PromotionService promotions) {
        this.promotions = promotions;
    }

    @GetMapping("/api/internal/promotions/{id}")
    PromotionDocument promotion(@PathVariable UUID id) {
        return promotions.findDocument(id).orElseThrow(() -> ApiException.notFound("Promotion " + id));
    }
}
