package com.promocalendar.calendar.product;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import com.promocalendar.calendar.problem.ApiException;

/** The shop's inventory service over HTTP ({@code INVENTORY_URL}). */
@Component
public class InventoryClient {

    private final RestClient http;

    InventoryClient(RestClient.Builder builder, @Value("${calendar.inventory-url}") String inventoryUrl) {
        SimpleClientHttpRequestFactory timeouts = new SimpleClientHttpRequestFactory();
        timeouts.setConnectTimeout(Duration.ofSeconds(2));
        timeouts.setReadTimeout(Duration.ofSeconds(5));
        this.http = builder.baseUrl(inventoryUrl).requestFactory(timeouts).build();
    }

    public List<InventoryProduct> search(String query, int limit) {
        try {
            InventoryProduct[] found = http.get()
                    .uri(uri -> uri.path("/products").queryParam("query", query).queryParam("limit", limit).build())
                    .retrieve()
                    .body(InventoryProduct[].class);
            return found == null ? List.of() : Arrays.asList(found);
        } catch (RestClientException e) {
            throw unavailable(e);
        }
    }

    public Optional<InventoryProduct> find(String sku) {
        try {
            return Optional.ofNullable(http.get().uri("/products/{sku}", sku).retrieve().body(InventoryProduct.class));
        } catch (HttpClientErrorException.NotFound e) {
            return Optional.empty();
        } catch (RestClientException e) {
            throw unavailable(e);
        }
    }

    private static ApiException unavailable(RestClientException e) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE,
                "The inventory service cannot be reached; try again shortly.", List.of());
    }
}
