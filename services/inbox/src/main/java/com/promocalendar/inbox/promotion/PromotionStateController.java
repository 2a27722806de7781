package com.promocalendar.inbox.promotion;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.promocalendar.inbox.config.Roles;
import com.promocalendar.inbox.delivery.BatchValidation;
import com.promocalendar.inbox.problem.FieldError;
import com.promocalendar.inbox.problem.InvalidRequestException;

/**
 * The event calendar's door (its own service account, role {@code promotion-sync}):
 * each change of a published promotion's state, sent from the calendar's outbox.
 * Delivered messages follow it without any message row being rewritten.
 */
@RestController
@PreAuthorize(Roles.PROMOTION_SYNC)
class PromotionStateController {

    static final Set<String> STATUSES = Set.of("PUBLISHED", "UNPUBLISHED", "DELETED");
    static final int MAX_REASON = 500;

    private final PromotionStates states;

    PromotionStateController(PromotionStates states) {
        this.states = states;
    }

    /** 204 whether it was newer (applied) or not (an older or repeated version is ignored). */
    @PutMapping("/api/internal/inbox/promotions/{promotionId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void put(@PathVariable String promotionId, @RequestBody PromotionStateUpdate state) {
        check(promotionId, state);
        states.apply(promotionId, state);
    }

    static void check(String promotionId, PromotionStateUpdate state) {
        List<FieldError> errors = new ArrayList<>();
        add(errors, "promotionId", BatchValidation.limit(promotionId, BatchValidation.MAX_PROMOTION_ID, true));
        if (state.version() == null || state.version() < 0) {
            errors.add(new FieldError("version", "must be a version number (0 or more)"));
        }
        if (state.status() == null || !STATUSES.contains(state.status())) {
            errors.add(new FieldError("status", "must be one of PUBLISHED, UNPUBLISHED, DELETED"));
        }
        if (state.endsAt() == null) {
            errors.add(new FieldError("endsAt", "must not be null"));
        }
        add(errors, "withdrawnReason", BatchValidation.limit(state.withdrawnReason(), MAX_REASON, false));
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }

    private static void add(List<FieldError> errors, String field, String problem) {
        if (problem != null) {
            errors.add(new FieldError(field, problem));
        }
    }
}
