package com.promocalendar.calendar.product;

import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.promocalendar.calendar.problem.ApiException;

/** Product search for the admin's package editor, answered by the inventory service. */
@RestController
@PreAuthorize("hasRole('admin')")
class ProductController {

    private final InventoryClient inventory;

    ProductController(InventoryClient inventory) {
        this.inventory = inventory;
    }

    @GetMapping("/api/products")
    List<InventoryProduct> search(@RequestParam(defaultValue = "") String query,
            @RequestParam(defaultValue = "20") int limit) {
        if (limit < 1 || limit > 100) {
            throw ApiException.badRequest("limit", "must be between 1 and 100");
        }
        if (query.length() > 100) {
            throw ApiException.badRequest("query", "must be at most 100 characters");
        }
        return inventory.search(query, limit);
    }
}
