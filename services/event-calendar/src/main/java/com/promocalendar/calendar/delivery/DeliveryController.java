package com.promocalendar.calendar.delivery;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Delivery reports: the job reports each shard's outcome (role
 * {@code delivery-reporter}, client allow-list {@code calendar.callers.delivery-reporters}
 * in SecurityConfig); admins see each due day's status.
 */
@RestController
class DeliveryController {

    private final DeliveryReports reports;

    DeliveryController(DeliveryReports reports) {
        this.reports = reports;
    }

    @PostMapping("/api/internal/promotions/{id}/deliveries")
    @PreAuthorize("hasRole('delivery-reporter')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void report(@PathVariable UUID id, @RequestBody DeliveryReport report) {
        reports.store(id, report);
    }

    @GetMapping("/api/promotions/{id}/deliveries")
    @PreAuthorize("hasRole('admin')")
    DeliveryDay.Days days(@PathVariable UUID id) {
        return reports.days(id);
    }
}
