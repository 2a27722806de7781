package com.promocalendar.calendar.audit;

import java.util.List;
import java.util.UUID;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.promocalendar.calendar.problem.ApiException;

/** The audit trail of one promotion, oldest first (also after it was deleted). */
@RestController
@PreAuthorize("hasRole('admin')")
class AuditController {

    private final AuditTrail trail;

    AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    @GetMapping("/api/promotions/{id}/audit")
    List<AuditEntry> audit(@PathVariable UUID id) {
        List<AuditEntry> entries = trail.of(id);
        if (entries.isEmpty()) {
            throw ApiException.notFound("Promotion " + id);
        }
        return entries;
    }
}
